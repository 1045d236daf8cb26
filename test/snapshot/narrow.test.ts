/**
 * Narrowing a snapshot in the viewer: which rows and chart marks each filter keeps, worked out by hand
 * from the four partners below, and what cannot be narrowed says why. Charts are drawn by Vega headless
 * with the expression interpreter (as the snapshot file draws them, under its CSP), and what they drew
 * is read from Vega's scenegraph.
 */
import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import type { Column } from '../../src/engine/values';
import {
  NO_FILTERS,
  narrowingText,
  narrowRows,
  narrowSpec,
  partnerIndex,
  partnerOptions,
  partnersMatching,
  periodColumn,
  quarterOf,
  snapshotQuarters,
  type SnapshotFilters,
} from '../../src/snapshot/narrow';
import type { FrozenPartners, JsonValue, SnapshotPayload } from '../../src/snapshot/payload';

const s = (name: string): Column => ({ name, kind: 'string', sqlType: 'VARCHAR' });
const n = (name: string): Column => ({ name, kind: 'number', sqlType: 'DOUBLE' });
const d = (name: string): Column => ({ name, kind: 'date', sqlType: 'DATE' });

const FROZEN: FrozenPartners = {
  columns: [s('partner_id'), s('name'), s('sector'), s('region'), s('tier'), s('country'), d('since')],
  rows: [
    ['P1', 'Alpha', 'Software', 'North', 'Gold', 'FR', '2020-01-15'],
    ['P2', 'Beta', 'Software', 'South', 'Silver', 'DE', null],
    ['P3', 'Gamma', 'Retail', 'North', 'Gold', 'FR', null],
    ['P4', 'Delta', 'Retail', 'South', 'Bronze', null, null],
    ['P5', 'Twin', 'Retail', 'North', 'Bronze', null, null],
    ['P6', 'Twin', 'Software', 'South', 'Bronze', null, null],
  ],
};
const index = partnerIndex(FROZEN);
const f = (x: Partial<SnapshotFilters>): SnapshotFilters => ({ ...NO_FILTERS, ...x });

describe('the frozen partners', () => {
  it('are listed by name, offer their distinct attributes, and leave a shared name to neither partner', () => {
    expect(index.list.map((p) => p.id)).toEqual(['P1', 'P2', 'P4', 'P3', 'P5', 'P6']);
    expect(index.byId.get('P1')).toEqual({ id: 'P1', name: 'Alpha', sector: 'Software', region: 'North', tier: 'Gold', country: 'FR', since: '2020-01-15' });
    expect([...index.byName.keys()].sort()).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma']);
    expect(partnerOptions(index)).toEqual({ sector: ['Retail', 'Software'], region: ['North', 'South'], tier: ['Bronze', 'Gold', 'Silver'] });
    expect(partnersMatching(index, f({ sector: 'Retail', region: 'North' })).map((p) => p.id)).toEqual(['P3', 'P5']);
    // The period says nothing of who a partner is.
    expect(partnersMatching(index, f({ tier: 'Gold', from: '2030-Q1' })).map((p) => p.id)).toEqual(['P1', 'P3']);
    expect(partnerIndex(null).list).toEqual([]);
  });
});

describe('periods', () => {
  it('reads a quarter from labels, ISO dates and months, and epoch milliseconds — not from small numbers', () => {
    expect(quarterOf('2025-Q3')).toBe('2025-Q3');
    expect(quarterOf('2025-08-14')).toBe('2025-Q3');
    expect(quarterOf('2025-12')).toBe('2025-Q4');
    expect(quarterOf('2025-01-01T10:00:00.000Z')).toBe('2025-Q1');
    expect(quarterOf(Date.UTC(2024, 3, 1))).toBe('2024-Q2');
    expect(quarterOf(Date.UTC(2024, 2, 31, 23, 59))).toBe('2024-Q1');
    expect(quarterOf(12)).toBeNull();
    expect(quarterOf(202503)).toBeNull();
    expect(quarterOf('2025-13-01')).toBeNull();
    expect(quarterOf('P1')).toBeNull();
    expect(quarterOf(null)).toBeNull();
  });

  it('takes a quarter column first, else the date an event happened — never the as-of date or a window', () => {
    expect(periodColumn(['partner_id', 'as_of', 'closed_at'])).toBe(2);
    expect(periodColumn(['closed_at', 'quarter'])).toBe(1);
    expect(periodColumn(['registered_at', 'closed_at'])).toBe(0);
    expect(periodColumn(['month', 'revenue'])).toBe(0);
    expect(periodColumn(['as_of', 'window_start', 'window_end', 'expires_on', 'quarter_start', 'last_deal_on'])).toBe(-1);
  });
});

describe('narrowing a result table', () => {
  // Won revenue per partner; P9 is a partner the frozen table does not know.
  const revenue = { columns: [s('partner_id'), s('name'), n('revenue')], rows: [['P1', 'Alpha', 100], ['P2', 'Beta', 200], ['P3', 'Gamma', 50], ['P4', 'Delta', 25], ['P9', 'Nobody', 5]] as JsonValue[][] };
  const deals = {
    columns: [s('deal_id'), s('partner_id'), d('closed_at'), n('amount')],
    rows: [
      ['D1', 'P1', '2025-01-10', 10],
      ['D2', 'P3', '2025-04-02', 20],
      ['D3', 'P4', '2025-06-30', 30],
      ['D4', 'P3', '2025-07-01', 40],
      ['D5', 'P4', '2025-10-01', 50],
      ['D6', 'P2', null, 60],
    ] as JsonValue[][],
  };

  it('by partner attributes through partner_id: an unknown partner is in no sector', () => {
    const r = narrowRows(revenue.columns, revenue.rows, 5, index, f({ sector: 'Software' }));
    expect(r.rows.map((x) => x[0])).toEqual(['P1', 'P2']);
    expect(r.applied).toEqual(['sector']);
    expect(r.skipped).toEqual([]);
    expect(narrowRows(revenue.columns, revenue.rows, 5, index, f({ region: 'North', tier: 'Gold' })).rows.map((x) => x[0])).toEqual(['P1', 'P3']);
    expect(narrowRows(revenue.columns, revenue.rows, 5, index, f({ tier: 'Silver', sector: 'Retail' })).rows).toEqual([]);
  });

  it('by period through the event date, both quarters kept; a row without a date is in no period', () => {
    // Q2 2025 to Q3 2025: D2 (04-02), D3 (06-30), D4 (07-01); D1 is Q1, D5 Q4, D6 undated.
    const r = narrowRows(deals.columns, deals.rows, 6, index, f({ from: '2025-Q2', to: '2025-Q3' }));
    expect(r.rows.map((x) => x[0])).toEqual(['D2', 'D3', 'D4']);
    expect(r.applied).toEqual(['period']);
    // Retail (P3, P4) from Q3 2025 on: D4 (P3, 07-01) and D5 (P4, 10-01).
    expect(narrowRows(deals.columns, deals.rows, 6, index, f({ sector: 'Retail', from: '2025-Q3' })).rows.map((x) => x[0])).toEqual(['D4', 'D5']);
    expect(narrowRows(deals.columns, deals.rows, 6, index, f({ to: '2025-Q1' })).rows.map((x) => x[0])).toEqual(['D1']);
  });

  it('by its own column when it names no partner (a total per sector), and says what it cannot narrow', () => {
    const bySector = { columns: [s('sector'), n('revenue')], rows: [['Software', 300], ['Retail', 75]] as JsonValue[][] };
    const r = narrowRows(bySector.columns, bySector.rows, 2, index, f({ sector: 'Retail', region: 'North', from: '2025-Q1' }));
    expect(r.rows).toEqual([['Retail', 75]]);
    expect(r.applied).toEqual(['sector']);
    expect(r.skipped).toEqual([
      { dimension: 'region', reason: 'its rows name no partner' },
      { dimension: 'period', reason: 'its rows have no quarter or date' },
    ]);
    expect(narrowingText(r, { rows: r.rows.length, of: 2 })).toEqual([
      'Narrowed by sector: 1 of 2 rows.',
      'Not narrowed by region: its rows name no partner.',
      'Not narrowed by period: its rows have no quarter or date.',
    ]);
  });

  it('not at all when it is a total over partners, or holds only its first rows', () => {
    const monthly = { columns: [d('month'), n('revenue')], rows: [['2025-01-01', 10], ['2025-04-01', 20]] as JsonValue[][] };
    const r = narrowRows(monthly.columns, monthly.rows, 2, index, f({ sector: 'Retail', region: 'North', tier: 'Gold', from: '2025-Q2' }));
    expect(r.rows).toEqual([['2025-04-01', 20]]);
    expect(narrowingText(r, { rows: 1, of: 2 })).toEqual(['Narrowed by period: 1 of 2 rows.', 'Not narrowed by sector, region and tier: its rows name no partner.']);
    const capped = narrowRows(revenue.columns, revenue.rows.slice(0, 2), 5, index, f({ sector: 'Software', from: '2025-Q1' }));
    expect(capped.rows).toHaveLength(2);
    expect(capped.applied).toEqual([]);
    expect(narrowingText(capped)).toEqual(['Not narrowed by sector and period: only its first 2 of 5 rows are in this snapshot.']);
  });

  it('through a name column only when every name in it is one known partner\'s', () => {
    const byName = { columns: [s('partner'), n('revenue')], rows: [['Alpha', 1], ['Gamma', 2], ['Delta', 3]] as JsonValue[][] };
    expect(narrowRows(byName.columns, byName.rows, 3, index, f({ region: 'North' })).rows).toEqual([['Alpha', 1], ['Gamma', 2]]);
    // Programmes have names too: not partners, so nothing is narrowed (rather than everything dropped).
    const programmes = { columns: [s('name'), n('budget')], rows: [['Alpha', 1], ['Summer push', 2]] as JsonValue[][] };
    const r = narrowRows(programmes.columns, programmes.rows, 2, index, f({ region: 'North' }));
    expect(r.rows).toHaveLength(2);
    expect(r.skipped).toEqual([{ dimension: 'region', reason: 'its rows name no partner' }]);
    // "Twin" is two partners' name: ambiguous, so not a key.
    const twins = { columns: [s('partner'), n('x')], rows: [['Twin', 1]] as JsonValue[][] };
    expect(narrowRows(twins.columns, twins.rows, 1, index, f({ sector: 'Retail' })).applied).toEqual([]);
  });

  it('leaves everything as it is without filters', () => {
    const r = narrowRows(revenue.columns, revenue.rows, 5, index, NO_FILTERS);
    expect(r).toEqual({ rows: revenue.rows, applied: [], skipped: [] });
    expect(narrowingText(r)).toEqual([]);
  });
});

interface Item {
  marktype: string;
  datum: Record<string, unknown>;
}

/** Draws a spec as the snapshot does (expressions interpreted, nothing loaded) and lists the data marks' items. */
async function drawn(spec: Record<string, JsonValue>): Promise<Item[]> {
  const compiled = compile(structuredClone(spec) as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  const items: Item[] = [];
  type Node = { marktype?: string; role?: string; items?: Node[]; datum?: Record<string, unknown> };
  const visit = (node: Node) => {
    if (node.marktype && node.role === 'mark' && node.marktype !== 'group') for (const it of node.items ?? []) items.push({ marktype: node.marktype, datum: it.datum ?? {} });
    for (const it of node.items ?? []) visit(it);
  };
  visit((view.scenegraph() as unknown as { root: Node }).root);
  view.finalize();
  return items;
}

describe('narrowing a chart with Vega-Lite parameters over its frozen data', () => {
  const perPartner = [
    { partner_id: 'P1', name: 'Alpha', revenue: 100 },
    { partner_id: 'P2', name: 'Beta', revenue: 200 },
    { partner_id: 'P3', name: 'Gamma', revenue: 50 },
    { partner_id: 'P4', name: 'Delta', revenue: 25 },
  ];
  const bars = { datasets: { rev: perPartner }, data: { name: 'rev' }, mark: 'bar', encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'revenue', type: 'quantitative' } } } as Record<string, JsonValue>;

  it('draws one bar per partner of the sector, with the filter in parameters', async () => {
    const r = narrowSpec(bars, index, f({ sector: 'Software' }));
    expect(r.applied).toEqual(['sector']);
    expect(r.spec.params).toEqual([{ name: 'lt_sector', value: 'Software' }]);
    expect(r.spec.transform).toEqual([{ filter: '(lt_sector === null || datum.__lt_sector === lt_sector)' }]);
    expect((await drawn(r.spec)).map((i) => i.datum.name).sort()).toEqual(['Alpha', 'Beta']);
    // The original is untouched, and draws all four.
    expect((await drawn(bars)).length).toBe(4);
    expect(bars.params).toBeUndefined();
  });

  it('re-aggregates what it draws: revenue by tier of the North region', async () => {
    // North: P1 Alpha (Gold, 100) and P3 Gamma (Gold, 50): one Gold bar of 150.
    const byTier = { ...bars, encoding: { x: { field: 'tier', type: 'nominal' }, y: { aggregate: 'sum', field: 'revenue', type: 'quantitative' } } } as Record<string, JsonValue>;
    const joined = { ...byTier, datasets: { rev: perPartner.map((p) => ({ ...p, tier: index.byId.get(p.partner_id)!.tier })) } } as Record<string, JsonValue>;
    const r = narrowSpec(joined, index, f({ region: 'North' }));
    expect((await drawn(r.spec)).map((i) => [i.datum.tier, i.datum.sum_revenue])).toEqual([['Gold', 150]]);
    const all = (await drawn(joined)).map((i) => [i.datum.tier, i.datum.sum_revenue]).sort();
    expect(all).toEqual([['Bronze', 25], ['Gold', 150], ['Silver', 200]]);
  });

  it('narrows inline values and dates in epoch milliseconds by quarter', async () => {
    const points = {
      data: {
        values: [
          { partner_id: 'P1', closed_at: Date.UTC(2025, 0, 10), amount: 10 },
          { partner_id: 'P3', closed_at: Date.UTC(2025, 3, 2), amount: 20 },
          { partner_id: 'P4', closed_at: Date.UTC(2025, 6, 1), amount: 40 },
        ],
      },
      mark: 'point',
      encoding: { x: { field: 'closed_at', type: 'temporal' }, y: { field: 'amount', type: 'quantitative' } },
    } as Record<string, JsonValue>;
    const r = narrowSpec(points, index, f({ from: '2025-Q2', sector: 'Retail' }));
    expect(r.applied).toEqual(['sector', 'period']);
    expect((await drawn(r.spec)).map((i) => i.datum.amount).sort()).toEqual([20, 40]);
    expect((await drawn(narrowSpec(points, index, f({ to: '2025-Q1' })).spec)).map((i) => i.datum.amount)).toEqual([10]);
  });

  it('applies a dimension only when every dataset it draws can take it, and says why not', async () => {
    const monthly = [{ month: Date.UTC(2025, 0, 1), revenue: 10 }, { month: Date.UTC(2025, 3, 1), revenue: 20 }];
    const layered = {
      datasets: { rev: perPartner, months: monthly },
      layer: [
        { data: { name: 'rev' }, mark: 'bar', encoding: { x: { field: 'name', type: 'nominal' }, y: { field: 'revenue', type: 'quantitative' } } },
        { data: { name: 'months' }, mark: 'rule', encoding: { y: { field: 'revenue', type: 'quantitative' } } },
      ],
    } as Record<string, JsonValue>;
    const r = narrowSpec(layered, index, f({ sector: 'Software' }));
    expect(r.applied).toEqual([]);
    expect(r.spec).toBe(layered);
    expect(narrowingText(r)).toEqual(['Not narrowed by sector: some of its data cannot be: its rows name no partner.']);
    const monthsOnly = { datasets: { months: monthly }, data: { name: 'months' }, mark: 'bar', encoding: { x: { field: 'month', type: 'temporal' }, y: { field: 'revenue', type: 'quantitative' } } } as Record<string, JsonValue>;
    const m = narrowSpec(monthsOnly, index, f({ tier: 'Gold', from: '2025-Q2' }));
    expect(m.applied).toEqual(['period']);
    expect(m.skipped).toEqual([{ dimension: 'tier', reason: 'its rows name no partner' }]);
    expect((await drawn(m.spec)).map((i) => i.datum.revenue)).toEqual([20]);
  });

  it('changes nothing without filters or data', () => {
    expect(narrowSpec(bars, index, NO_FILTERS)).toEqual({ spec: bars, applied: [], skipped: [] });
    const noData = { mark: 'bar' } as Record<string, JsonValue>;
    expect(narrowSpec(noData, index, f({ sector: 'Retail' })).skipped).toEqual([{ dimension: 'sector', reason: 'its data is not in this snapshot' }]);
  });
});

describe('the quarters a snapshot offers', () => {
  it('are those of every result, table shown and chart, oldest first', () => {
    const payload = {
      cells: [
        { kind: 'markdown', text: 'x' },
        {
          kind: 'sql',
          name: 'q',
          result: {
            columns: [s('quarter'), n('v')],
            rows: [['2025-Q2', 1], ['2024-Q4', 2]],
            displays: [
              { kind: 'table', columns: [d('closed_at')], rows: [['2023-02-01']], rowCount: 1 },
              { kind: 'vega-lite', spec: { datasets: { a: [{ registered_at: Date.UTC(2022, 11, 31) }] }, data: { name: 'a' }, mark: 'point' }, svg: null, note: null },
              { kind: 'vega-lite', spec: { data: { values: [{ month: '2021-05' }] }, mark: 'point' }, svg: null, note: null },
            ],
          },
        },
      ],
    } as unknown as SnapshotPayload;
    expect(snapshotQuarters(payload)).toEqual(['2021-Q2', '2022-Q4', '2023-Q1', '2024-Q4', '2025-Q2']);
  });
});
