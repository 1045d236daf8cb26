/**
 * Building a payload from a notebook that really ran on a small hand-made workspace. Every expected row
 * is worked out from the table contents below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { buildSnapshot } from '../../src/snapshot/build';
import { contentHash } from '../../src/snapshot/fingerprints';
import { recordImport } from '../../src/ingest/catalog';
import type { CellState } from '../../src/notebook/state';
import { idOf, runNotebook, snapCell, type Ran } from './helpers';

let engine: Engine;
let ran: Ran;

const NOTEBOOK = `---
title: Partner review
---

# Review of Dupont Informatique

<img src=x onerror=alert(1)> and P0002.

\`\`\`sql revenue
SELECT p.partner_id, p.name, sum(d.amount) AS revenue, count(*) AS won_deals, max(d.closed_at) AS last_deal
FROM deals d JOIN partners p ON p.partner_id = d.partner_id
WHERE d.status = 'won'
GROUP BY ALL ORDER BY revenue DESC
\`\`\`

\`\`\`sql all_deals
SELECT deal_id, partner_id, amount, closed_at FROM deals ORDER BY deal_id
\`\`\`

\`\`\`sql secret
SELECT 'classified' AS x
\`\`\`
`;

const NOW = new Date('2026-02-03T10:00:00Z');
const plain = { hideCode: false, hiddenCells: new Set<string>(), pseudonymise: false, now: NOW };

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`
    CREATE TABLE partners (partner_id VARCHAR, name VARCHAR, country VARCHAR);
    INSERT INTO partners VALUES ('P0001', 'Dupont Informatique', 'FR'), ('P0002', 'Alpha Systems', 'DE'), ('P0003', 'Beta SARL', 'FR');
    CREATE TABLE deals (deal_id VARCHAR, partner_id VARCHAR, amount DECIMAL(18,2), closed_at DATE, status VARCHAR);
    INSERT INTO deals VALUES
      ('D1', 'P0001', 100.50, DATE '2025-01-10', 'won'),
      ('D2', 'P0001', 200.00, DATE '2025-02-10', 'won'),
      ('D3', 'P0002', 50.25, DATE '2025-03-01', 'won'),
      ('D4', 'P0003', 10.00, DATE '2025-03-05', 'lost'),
      ('D5', NULL, 300.00, DATE '2025-04-01', 'won');`);
  ran = await runNotebook(engine, NOTEBOOK);
});

describe('building a snapshot', () => {
  it('embeds small results whole, with the notebook text, code, dates and what the cells read', async () => {
    const p = await buildSnapshot(engine, { notebook: ran.notebook, fileName: 'review.md', states: ran.states }, plain);
    expect(p.title).toBe('Partner review');
    expect(p.createdAt).toBe('2026-02-03T10:00:00.000Z');
    expect(p.frontMatter).toBe('title: Partner review');
    expect(p.cells.map((c) => c.kind)).toEqual(['markdown', 'sql', 'sql', 'sql']);
    expect(p.cells[0]).toEqual({ kind: 'markdown', text: '# Review of Dupont Informatique\n\n<img src=x onerror=alert(1)> and P0002.' });
    const revenue = snapCell(p, 'revenue');
    expect(revenue.source).toContain('SELECT p.partner_id');
    expect(revenue.reads.sort()).toEqual(['deals', 'partners']);
    expect(revenue.status).toBe('done');
    // Won deals of P0001: 100.50 + 200.00 = 300.50, two deals, last on 2025-02-10; P0002: 50.25, one, 2025-03-01.
    // The direct sale D5 has no partner and drops out of the join.
    expect(revenue.result!.rows).toEqual([
      ['P0001', 'Dupont Informatique', 300.5, 2, '2025-02-10'],
      ['P0002', 'Alpha Systems', 50.25, 1, '2025-03-01'],
    ]);
    expect(revenue.result!.rowCount).toBe(2);
    expect(revenue.result!.totals).toBeNull();
    expect(revenue.result!.note).toBeNull();
    expect(p.hidden).toEqual({ code: false, cells: [], pseudonymised: null, capped: [] });
    expect(p.fingerprints.map((f) => [f.table, f.rows, f.method])).toEqual([
      ['deals', 5, 'content'],
      ['partners', 3, 'content'],
    ]);
  });

  it('caps a large result to its first rows, with totals over all rows where a sum means something', async () => {
    const p = await buildSnapshot(
      engine,
      { notebook: ran.notebook, fileName: 'review.md', states: ran.states },
      { ...plain, limits: { fullRows: 3, previewRows: 2 } },
    );
    const deals = snapCell(p, 'all_deals').result!;
    expect(deals.rowCount).toBe(5);
    expect(deals.rows).toEqual([
      ['D1', 'P0001', 100.5, '2025-01-10'],
      ['D2', 'P0001', 200, '2025-02-10'],
    ]);
    // amount over all five deals: 100.50 + 200.00 + 50.25 + 10.00 + 300.00 = 660.75; ids and dates are not summed.
    expect(deals.totals).toEqual([null, null, 660.75, null]);
    expect(deals.note).toBe('This snapshot holds the first 2 of 5 rows; the totals cover all 5.');
    expect(p.hidden.capped).toEqual(['all_deals']);
  });

  it('caps the results that would take the whole snapshot past its budget of values', async () => {
    // revenue: 2 rows × 5 columns = 10 values; all_deals: 5 × 4 = 20; secret: 1 × 1 = 1.
    // With a budget of 25, revenue fits (10), all_deals would make 30 and keeps 2 rows (8, total 18),
    // and secret still fits (19).
    const p = await buildSnapshot(
      engine,
      { notebook: ran.notebook, fileName: 'review.md', states: ran.states },
      { ...plain, limits: { totalValues: 25, previewRows: 2 } },
    );
    expect(snapCell(p, 'revenue').result!.rows).toHaveLength(2);
    expect(snapCell(p, 'all_deals').result!.rows).toHaveLength(2);
    expect(snapCell(p, 'secret').result!.rows).toEqual([['classified']]);
    expect(p.hidden.capped).toEqual(['all_deals']);
  });

  it('leaves out code and chosen cells entirely, and says so', async () => {
    const secret = idOf(ran.notebook, 'secret');
    const p = await buildSnapshot(
      engine,
      { notebook: ran.notebook, fileName: 'review.md', states: ran.states },
      { ...plain, hideCode: true, hiddenCells: new Set([secret]) },
    );
    expect(p.cells.map((c) => (c.kind === 'markdown' ? 'text' : c.name))).toEqual(['text', 'revenue', 'all_deals']);
    expect(p.cells.every((c) => c.kind === 'markdown' || c.source === null)).toBe(true);
    expect(p.hidden).toEqual({ code: true, cells: ['SQL cell "secret"'], pseudonymised: null, capped: [] });
    const json = JSON.stringify(p);
    expect(json).not.toContain('classified');
    expect(json).not.toContain('SELECT');
  });

  it('gives every partner one alias across text and tables, and keeps no real name or id', async () => {
    const p = await buildSnapshot(engine, { notebook: ran.notebook, fileName: 'review.md', states: ran.states }, { ...plain, pseudonymise: true });
    // Order of first appearance: the Markdown names Dupont Informatique (001), then P0002 (002);
    // all_deals then brings P0003 (003). D5 has no partner: null stays null.
    expect(p.cells[0]).toEqual({ kind: 'markdown', text: '# Review of Partner 001\n\n<img src=x onerror=alert(1)> and P-002.' });
    expect(snapCell(p, 'revenue').result!.rows).toEqual([
      ['P-001', 'Partner 001', 300.5, 2, '2025-02-10'],
      ['P-002', 'Partner 002', 50.25, 1, '2025-03-01'],
    ]);
    expect(snapCell(p, 'all_deals').result!.rows.map((r) => r[1])).toEqual(['P-001', 'P-001', 'P-002', 'P-003', null]);
    expect(p.hidden.pseudonymised).toBe(3);
    const json = JSON.stringify(p);
    for (const real of ['P0001', 'P0002', 'P0003', 'Dupont', 'Alpha Systems', 'Beta SARL']) expect(json).not.toContain(real);
  });

  it('embeds a chart with its data and a static drawing, both pseudonymised', async () => {
    const id = idOf(ran.notebook, 'revenue');
    const state = ran.states[id]!;
    const spec = {
      data: { values: [{ partner_id: 'P0001', name: 'Dupont Informatique', revenue: 300.5 }] },
      mark: 'bar',
      encoding: { x: { field: 'name', type: 'nominal' }, y: { field: 'revenue', type: 'quantitative' } },
    };
    const withChart: CellState = { ...state, result: { ...state.result!, displays: [{ kind: 'vega-lite', spec }] } };
    const p = await buildSnapshot(engine, { notebook: ran.notebook, fileName: 'r.md', states: { ...ran.states, [id]: withChart } }, { ...plain, pseudonymise: true });
    const chart = snapCell(p, 'revenue').result!.displays[0]!;
    if (chart.kind !== 'vega-lite') throw new Error('expected a chart');
    expect(chart.spec).toEqual({ ...spec, data: { values: [{ partner_id: 'P-001', name: 'Partner 001', revenue: 300.5 }] } });
    expect(chart.svg).toMatch(/^<svg/);
    expect(chart.svg).toContain('Partner 001');
    expect(chart.svg).not.toContain('Dupont');
  });

  it('does not count a chart cell, whose result has rows but no columns, as cut', async () => {
    const id = idOf(ran.notebook, 'secret');
    const spec = { data: { values: [{ k: 1 }] }, mark: 'point', encoding: { x: { field: 'k', type: 'quantitative' } } };
    const chartOnly: CellState = {
      status: 'done',
      reads: [],
      result: { relation: null, rowCount: 1, columns: [], elapsedMs: 1, finishedAt: 0, displays: [{ kind: 'vega-lite', spec }] },
    };
    const p = await buildSnapshot(engine, { notebook: ran.notebook, fileName: 'r.md', states: { ...ran.states, [id]: chartOnly } }, plain);
    expect(snapCell(p, 'secret').result!.rows).toEqual([]);
    expect(snapCell(p, 'secret').result!.note).toBeNull();
    expect(p.hidden.capped).toEqual([]);
  });

  it('keeps only the drawing of a chart whose data is too large to embed', async () => {
    const id = idOf(ran.notebook, 'revenue');
    const state = ran.states[id]!;
    const values = Array.from({ length: 30 }, (_, k) => ({ k, v: k * k }));
    const spec = { data: { values }, mark: 'point', encoding: { x: { field: 'k', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } };
    const withChart: CellState = { ...state, result: { ...state.result!, displays: [{ kind: 'vega-lite', spec }] } };
    const p = await buildSnapshot(engine, { notebook: ran.notebook, fileName: 'r.md', states: { ...ran.states, [id]: withChart } }, { ...plain, limits: { chartRows: 20 } });
    const chart = snapCell(p, 'revenue').result!.displays[0]!;
    if (chart.kind !== 'vega-lite') throw new Error('expected a chart');
    expect(chart.spec).toBeNull();
    expect(chart.svg).toMatch(/^<svg/);
    expect(chart.note).toBe('The interactive chart was left out (30 data points); this is its drawing.');
  });
});

describe('fingerprints', () => {
  it('hash content in any row order, count duplicated rows, and change with any value', async () => {
    await engine.query(`
      CREATE TABLE f1 AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) t(n, s);
      CREATE TABLE f2 AS SELECT * FROM (VALUES (3, 'c'), (1, 'a'), (2, 'b')) t(n, s);
      CREATE TABLE f3 AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'C')) t(n, s);
      CREATE TABLE f4 AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (3, 'c')) t(n, s);
      CREATE TABLE f5 AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) t(k, s);`);
    const [h1, h2, h3, h4, h5] = await Promise.all(['f1', 'f2', 'f3', 'f4', 'f5'].map((t) => contentHash(engine, t)));
    expect(h1!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(h2!.hash).toBe(h1!.hash);
    expect(h3!.hash).not.toBe(h1!.hash);
    expect(h4!.hash).not.toBe(h1!.hash);
    expect(h4!.rows).toBe(4);
    // Same values under another column name: another table.
    expect(h5!.hash).not.toBe(h1!.hash);
  });

  it('use the SHA-256 the import recorded for an imported table', async () => {
    const sha = 'ab'.repeat(32);
    await recordImport(engine, {
      fileName: 'partners.csv',
      tableName: 'partners',
      format: 'csv',
      size: 100,
      sha256: sha,
      rowCount: 3,
      rejectedCount: 0,
      settings: {} as never,
      importedAt: '2026-01-05T08:00:00.000Z',
    });
    const p = await buildSnapshot(engine, { notebook: ran.notebook, fileName: 'review.md', states: ran.states }, plain);
    expect(p.fingerprints.find((f) => f.table === 'partners')).toEqual({
      table: 'partners',
      rows: 3,
      method: 'file-sha256',
      value: sha,
      file: 'partners.csv',
      importedAt: '2026-01-05T08:00:00.000Z',
    });
  });
});
