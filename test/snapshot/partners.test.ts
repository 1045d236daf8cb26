/**
 * What a snapshot carries for executives: the partners its results name (with sector, region, tier),
 * which data it read, the currency of its amounts, every partner's rows when a page per partner is asked
 * for, and charts whose rows keep their partner. Built from a notebook that really ran on the small
 * workspace below; every expected value is worked out from it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { cellKinds } from '../../src/app/kinds';
import { parseNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import type { CellState, DataProvenance } from '../../src/notebook/state';
import { buildSnapshot } from '../../src/snapshot/build';
import { NO_FILTERS, partnerIndex } from '../../src/snapshot/narrow';
import { parsePayload, SnapshotFormatError } from '../../src/snapshot/parse';
import { partnerPage } from '../../src/snapshot/partner-page';
import type { JsonValue, SnapshotPayload } from '../../src/snapshot/payload';
import { narrowedCell } from '../../src/snapshot/view';
import { snapCell } from './helpers';

const NOTEBOOK = `---
title: Partners
---

\`\`\`sql revenue
SELECT p.partner_id, p.name, sum(d.amount) AS revenue
FROM deals d JOIN partners p ON p.partner_id = d.partner_id
WHERE d.status = 'won'
GROUP BY ALL ORDER BY revenue DESC
\`\`\`

\`\`\`chart rev_chart
data: { name: revenue }
mark: bar
encoding:
  y: { field: name, type: nominal }
  x: { field: revenue, type: quantitative }
\`\`\`

\`\`\`sql all_deals
SELECT deal_id, partner_id, amount, closed_at FROM deals ORDER BY deal_id
\`\`\`

\`\`\`sql by_month
SELECT CAST(date_trunc('month', closed_at) AS DATE) AS month, sum(amount) AS amount FROM deals GROUP BY 1 ORDER BY 1
\`\`\`
`;

const SHA = 'ab'.repeat(32);
const EXPORT: DataProvenance = { demo: false, files: [{ name: 'export_q1.csv', rows: 4, sha256: SHA }], tables: [] };
const NOW = new Date('2026-02-03T10:00:00Z');
const plain = { hideCode: true, hiddenCells: new Set<string>(), pseudonymise: false, now: NOW, currency: 'EUR' };

let engine: Engine;
let notebook: ReturnType<typeof parseNotebook>;
let states: Record<string, CellState>;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`
    CREATE TABLE partners (partner_id VARCHAR, name VARCHAR, sector VARCHAR, region VARCHAR, tier VARCHAR, country VARCHAR, onboarded_at DATE);
    INSERT INTO partners VALUES
      ('P0001', 'Dupont Informatique', 'Software', 'North', 'Gold', 'FR', DATE '2020-01-15'),
      ('P0002', 'Alpha Systems', 'Retail', 'South', 'Silver', 'DE', DATE '2021-06-01'),
      ('P0003', 'Beta SARL', 'Software', 'South', 'Bronze', 'FR', NULL),
      ('P0004', 'Unused Corp', 'Retail', 'North', 'Gold', 'BE', NULL);
    CREATE TABLE deals (deal_id VARCHAR, partner_id VARCHAR, amount DECIMAL(18,2), closed_at DATE, status VARCHAR);
    INSERT INTO deals VALUES
      ('D1', 'P0001', 100.50, DATE '2025-01-10', 'won'),
      ('D2', 'P0001', 200.00, DATE '2025-02-10', 'won'),
      ('D3', 'P0002', 50.25, DATE '2025-04-01', 'won'),
      ('D4', 'P0003', 10.00, DATE '2025-05-05', 'lost');`);
  notebook = parseNotebook(NOTEBOOK);
  // Every cell that reads deals read the analyst's export, as the app's model would say.
  const runner = new Runner(engine, () => notebook.cells, cellKinds(), { provenance: (reads) => (reads.includes('deals') ? EXPORT : null) });
  await runner.init();
  await runner.runAll();
  states = Object.fromEntries(notebook.cells.map((c) => [c.id, runner.state(c.id)]));
});

const build = (o: Partial<Parameters<typeof buildSnapshot>[2]> = {}) => buildSnapshot(engine, { notebook, fileName: 'partners.md', states }, { ...plain, ...o });

describe('a snapshot for executives', () => {
  it('freezes the partners its results name — not the others — with what the filters narrow by', async () => {
    const p = await build();
    expect(p.partners!.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['partner_id:string', 'name:string', 'sector:string', 'region:string', 'tier:string', 'country:string', 'since:date']);
    // P0001 and P0002 from revenue, P0003 from all_deals (a lost deal); P0004 is in no result.
    expect(p.partners!.rows).toEqual([
      ['P0001', 'Dupont Informatique', 'Software', 'North', 'Gold', 'FR', '2020-01-15'],
      ['P0002', 'Alpha Systems', 'Retail', 'South', 'Silver', 'DE', '2021-06-01'],
      ['P0003', 'Beta SARL', 'Software', 'South', 'Bronze', 'FR', null],
    ]);
  });

  it('carries which data each result and the whole notebook read, and the currency', async () => {
    const p = await build();
    expect(snapCell(p, 'revenue').result!.provenance).toEqual(EXPORT);
    expect(snapCell(p, 'by_month').result!.provenance).toEqual(EXPORT);
    // The chart reads revenue, which read the export.
    expect(snapCell(p, 'rev_chart').result!.provenance).toEqual(EXPORT);
    expect(p.provenance).toEqual(EXPORT);
    expect(p.currency).toBe('EUR');
    expect((await build({ currency: 'euro' })).currency).toBeNull();
    expect((await build({ currency: null })).currency).toBeNull();
    // sum(DECIMAL(18,2)) keeps two decimals: a money column the viewer formats with the currency.
    expect(snapCell(p, 'revenue').result!.columns[2]).toEqual({ name: 'revenue', kind: 'number', sqlType: 'DECIMAL(38,2)' });
  });

  it('gives a chart\'s rows back their partner, so that the chart can be narrowed', async () => {
    const chart = snapCell(await build(), 'rev_chart').result!.displays.find((d) => d.kind === 'vega-lite')!;
    if (chart.kind !== 'vega-lite') throw new Error('expected a chart');
    const rows = (chart.spec!.datasets as Record<string, JsonValue[]>).revenue!;
    // The data step shipped name and revenue only; the snapshot read partner_id beside them.
    expect([...rows].sort((a, b) => String((a as Record<string, JsonValue>).name).localeCompare(String((b as Record<string, JsonValue>).name)))).toEqual([
      { name: 'Alpha Systems', revenue: 50.25, partner_id: 'P0002' },
      { name: 'Dupont Informatique', revenue: 300.5, partner_id: 'P0001' },
    ]);
  });

  it('pseudonymised, aliases the frozen partners like the results and leaves out country and start date', async () => {
    const p = await build({ pseudonymise: true });
    // First appearance: revenue names P0001 (001) then P0002 (002); all_deals brings P0003 (003).
    expect(p.partners!.rows).toEqual([
      ['P-001', 'Partner 001', 'Software', 'North', 'Gold', null, null],
      ['P-002', 'Partner 002', 'Retail', 'South', 'Silver', null, null],
      ['P-003', 'Partner 003', 'Software', 'South', 'Bronze', null, null],
    ]);
    expect(snapCell(p, 'revenue').result!.rows).toEqual([
      ['P-001', 'Partner 001', 300.5],
      ['P-002', 'Partner 002', 50.25],
    ]);
    expect(p.hidden.pseudonymised).toBe(3);
    const json = JSON.stringify(p);
    for (const real of ['P0001', 'P0002', 'P0003', 'Dupont', 'Alpha Systems', 'Beta SARL', 'Unused', '2020-01-15', '"DE"']) expect(json).not.toContain(real);
  });

  it('with a page per partner, embeds whole the results that name partners, and only those', async () => {
    const limits = { fullRows: 1, previewRows: 1 };
    const capped = await build({ limits });
    expect(capped.hidden.capped).toEqual(['revenue', 'all_deals', 'by_month']);
    const pages = await build({ limits, partnerPages: true });
    expect(snapCell(pages, 'revenue').result!.rows).toHaveLength(2);
    expect(snapCell(pages, 'all_deals').result!.rows).toHaveLength(4);
    // by_month names no partner: it is capped as before, to January (D1, 100.50).
    expect(snapCell(pages, 'by_month').result!.rows).toEqual([['2025-01-01', 100.5]]);
    expect(pages.hidden.capped).toEqual(['by_month']);
    const tight = await build({ limits: { ...limits, partnerRows: 3 }, partnerPages: true });
    expect(tight.hidden.capped).toEqual(['all_deals', 'by_month']);
  });

  it('reads back the same after a trip through JSON, and refuses a damaged data statement', async () => {
    const p = await build({ pseudonymise: true });
    expect(parsePayload(JSON.parse(JSON.stringify(p)))).toEqual(p);
    const raw = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
    expect(() => parsePayload({ ...raw, provenance: { demo: false, files: [{ name: 'x.csv', rows: 1, sha256: 'not-a-hash' }], tables: [] } })).toThrow(
      new SnapshotFormatError('This file is not a readable Longtail snapshot: the data source file 1 SHA-256 is not a SHA-256 in hexadecimal.'),
    );
    expect(() => parsePayload({ ...raw, partners: { columns: [{ name: 'id', kind: 'string', sqlType: 'VARCHAR' }], rows: [['x']] } })).toThrow('the partners have no partner_id column');
    expect(() => parsePayload({ ...raw, partners: { ...(raw.partners as object), rows: [['P-001']] } })).toThrow('the partners row 1 has 1 values for 7 columns');
    expect(parsePayload({ ...raw, currency: '<img src=x>' }).currency).toBeNull();
    // A snapshot written before these fields existed reads with none of them.
    const { provenance: _p, currency: _c, partners: _x, ...older } = raw;
    const read = parsePayload(older);
    expect([read.provenance, read.currency, read.partners]).toEqual([null, null, null]);
  });
});

describe('in the viewer', () => {
  let p: SnapshotPayload;
  beforeAll(async () => {
    p = await build();
  });

  it('narrows each result by sector and marks what cannot be', () => {
    const index = partnerIndex(p.partners);
    const software = { ...NO_FILTERS, sector: 'Software' };
    // Software: P0001 (revenue 300.50; deals D1, D2) and P0003 (no won deal; deal D4).
    const revenue = narrowedCell(snapCell(p, 'revenue'), index, software);
    expect(revenue.state.result!.inline).toEqual([['P0001', 'Dupont Informatique', 300.5]]);
    expect(revenue.state.result!.rowCount).toBe(1);
    expect(revenue.lines).toEqual(['Narrowed by sector: 1 of 2 rows.']);
    const deals = narrowedCell(snapCell(p, 'all_deals'), index, software);
    expect(deals.state.result!.inline!.map((r) => r[0])).toEqual(['D1', 'D2', 'D4']);
    const months = narrowedCell(snapCell(p, 'by_month'), index, software);
    expect(months.rows).toBe(4);
    expect(months.lines).toEqual(['Not narrowed by sector: its rows name no partner.']);
    // By period, the monthly totals narrow too: Q2 2025 holds April (50.25) and May (10.00).
    const q2 = narrowedCell(snapCell(p, 'by_month'), index, { ...NO_FILTERS, from: '2025-Q2', to: '2025-Q2' });
    expect(q2.state.result!.inline).toEqual([
      [new Date('2025-04-01T00:00:00Z'), 50.25],
      [new Date('2025-05-01T00:00:00Z'), 10],
    ]);
  });

  it('makes a partner\'s page of its rows in every result that names partners', () => {
    const index = partnerIndex(p.partners);
    const page = partnerPage(p, index, 'P0001', NO_FILTERS)!;
    expect(page.partner).toEqual({ id: 'P0001', name: 'Dupont Informatique', sector: 'Software', region: 'North', tier: 'Gold', country: 'FR', since: '2020-01-15' });
    expect(page.sections).toEqual([
      { kind: 'record', cell: 'revenue', fields: [{ column: { name: 'revenue', kind: 'number', sqlType: 'DECIMAL(38,2)' }, value: 300.5 }], note: null },
      {
        kind: 'table',
        cell: 'all_deals',
        columns: [
          { name: 'deal_id', kind: 'string', sqlType: 'VARCHAR' },
          { name: 'amount', kind: 'number', sqlType: 'DECIMAL(18,2)' },
          { name: 'closed_at', kind: 'date', sqlType: 'DATE' },
        ],
        rows: [
          ['D1', 100.5, '2025-01-10'],
          ['D2', 200, '2025-02-10'],
        ],
        total: 2,
        note: null,
      },
    ]);
    // By period (Q1 2025 has both deals; Q2 none of P0001's): the deals go, the revenue has no date and stays.
    const q2 = partnerPage(p, index, 'P0001', { ...NO_FILTERS, from: '2025-Q2' })!;
    expect(q2.sections.map((s) => s.cell)).toEqual(['revenue']);
    expect(partnerPage(p, index, 'P0004', NO_FILTERS)).toBeNull();
  });
});
