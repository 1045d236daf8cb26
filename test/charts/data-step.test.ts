/**
 * The data step on real DuckDB: small results go into the spec whole; large ones are summarised by
 * DuckDB when the chart aggregates (and must then draw exactly what Vega would have drawn from every
 * row), sampled with a note when it draws rows, and refused with a reason when neither is possible.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { prepareChart } from '../../src/charts/data-step';
import { canonicalSvg, render, texts } from './render';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  // 5,000 deterministic rows: 7 regions, days over two years, amounts 0.0–99.9, a score with gaps.
  await engine.query(`CREATE TABLE sales AS
    SELECT i AS id, 'r' || (i % 7) AS region,
      DATE '2023-01-01' + CAST((i * 37) % 730 AS INTEGER) AS closed_at,
      CAST((i * 7919) % 1000 AS DOUBLE) / 10 AS amount,
      CASE WHEN i % 11 = 0 THEN NULL ELSE i % 5 END AS score
    FROM range(5000) t(i)`);
  // 200,000 rows: category c0…c49 (i mod 50), amount = i mod 100.
  await engine.query(`CREATE TABLE big AS
    SELECT i AS id, 'c' || (i % 50) AS category, CAST(i % 100 AS DOUBLE) AS amount, CAST(i AS DOUBLE) AS x
    FROM range(200000) t(i)`);
  await engine.query(`CREATE TABLE tiny AS SELECT * FROM (VALUES ('a', DATE '2024-03-01', 1.5, 'unused'), ('b', DATE '2024-04-01', 2.5, 'unused')) v(k, day, v, other)`);
});

afterAll(async () => {
  await engine?.close();
});

const datasets = (spec: Record<string, unknown>) => spec.datasets as Record<string, Record<string, unknown>[]>;

describe('small results', () => {
  it('inlines the rows the chart uses, dates as UTC epoch milliseconds', async () => {
    const spec = { data: { name: 'tiny' }, mark: 'bar', encoding: { x: { field: 'day', type: 'temporal', timeUnit: 'month' }, y: { field: 'v', type: 'quantitative' }, color: { field: 'k' } } };
    const p = await prepareChart(engine, spec);
    expect(p.rowCount).toBe(2);
    expect(p.note).toBeUndefined();
    // Date.UTC(2024, 2, 1) = 1709251200000; the unused column is not shipped
    expect(datasets(p.spec).tiny).toEqual([
      { day: 1709251200000, v: 1.5, k: 'a' },
      { day: 1711929600000, v: 2.5, k: 'b' },
    ]);
    // a calendar day stays that day in every time zone: the time unit is taken in UTC
    expect((p.spec.encoding as { x: { timeUnit: string } }).x.timeUnit).toBe('utcmonth');
    expect(spec.encoding.x.timeUnit).toBe('month'); // the cell's own spec is left alone
  });

  it('ships every column when an expression may read any of them', async () => {
    const spec = { data: { name: 'tiny' }, transform: [{ calculate: 'datum.other + "!"', as: 'o' }], mark: 'text', encoding: { text: { field: 'o' } } };
    const p = await prepareChart(engine, spec);
    expect(Object.keys(datasets(p.spec).tiny![0]!).sort()).toEqual(['day', 'k', 'other', 'v']);
  });

  it('names a missing field instead of drawing nothing', async () => {
    const spec = { data: { name: 'tiny' }, mark: 'bar', encoding: { x: { field: 'kk', type: 'nominal' } } };
    await expect(prepareChart(engine, spec)).rejects.toThrow('The chart draws "kk", which tiny does not have.');
  });
});

describe('a large result that the chart aggregates', () => {
  it('is summed by DuckDB: 200,000 rows become 50 bars with the right totals', async () => {
    const spec = { data: { name: 'big' }, mark: 'bar', encoding: { x: { field: 'category', type: 'nominal' }, y: { field: 'amount', type: 'quantitative', aggregate: 'sum' } } };
    const p = await prepareChart(engine, spec);
    expect(p.rowCount).toBe(200_000);
    expect(p.note).toBeUndefined();
    const rows = datasets(p.spec)['big (summary 1)']!;
    expect(rows).toHaveLength(50);
    // category ck holds i = k + 50j, j = 0…3999; amount = i mod 100 is k for even j, k + 50 for odd j:
    // 2000·k + 2000·(k + 50) = 4000·k + 100,000.
    const total = Object.fromEntries(rows.map((r) => [r.category, r.sum_amount]));
    expect(total.c0).toBe(100_000);
    expect(total.c1).toBe(104_000);
    expect(total.c49).toBe(296_000);
    const drawn = await render(p.spec);
    expect(drawn.marks).toEqual({ rect: 50 });
    expect(texts(drawn.svg)).toContain('Sum of amount');
  });

  it('caps a summary that still has too many groups, and says so', async () => {
    const spec = { data: { name: 'big' }, mark: 'tick', encoding: { x: { field: 'id', type: 'quantitative' }, y: { aggregate: 'count' } } };
    const p = await prepareChart(engine, spec);
    expect(datasets(p.spec)['big (summary 1)']).toHaveLength(10_000);
    expect(p.note).toBe('Only the first 10,000 of 200,000 groups are drawn: group by fewer or coarser fields (a time unit, bins) to see them all.');
  });

  // Second method: the same spec drawn from every row by Vega itself (limit raised above the row
  // count) and from DuckDB's summary (limit below it) must produce the same picture.
  const cases: [string, Record<string, unknown>][] = [
    ['sum per category', { mark: 'bar', encoding: { x: { field: 'region', type: 'nominal' }, y: { field: 'amount', type: 'quantitative', aggregate: 'sum' } } }],
    ['count, sorted by it', { mark: 'bar', encoding: { y: { field: 'region', type: 'nominal', sort: '-x' }, x: { aggregate: 'count', type: 'quantitative' } } }],
    ['stacked sums', { mark: 'bar', encoding: { x: { field: 'region', type: 'nominal' }, y: { field: 'amount', aggregate: 'sum', type: 'quantitative' }, color: { field: 'score', type: 'ordinal' } } }],
    ['mean per month and region', { mark: 'line', encoding: { x: { field: 'closed_at', type: 'temporal', timeUnit: 'yearmonth' }, y: { field: 'amount', aggregate: 'mean', type: 'quantitative' }, color: { field: 'region', type: 'nominal' } } }],
    ['means stacked as Vega-Lite stacks them', { mark: 'bar', encoding: { x: { field: 'region', type: 'nominal' }, y: { field: 'amount', aggregate: 'mean', type: 'quantitative' }, color: { field: 'score', type: 'nominal' } } }],
    ['histogram', { mark: 'bar', encoding: { x: { field: 'amount', bin: true, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' } } }],
    ['histogram with its bin in the tooltip', { mark: 'bar', encoding: { x: { field: 'amount', bin: { step: 5 }, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' }, tooltip: [{ field: 'amount', bin: { step: 5 }, type: 'quantitative', title: 'Amount' }, { aggregate: 'count', type: 'quantitative', format: ',.0f' }] } }],
    ['histogram with 30 bins', { mark: 'bar', encoding: { x: { field: 'amount', bin: { maxbins: 30 }, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' } } }],
    ['median, q1, q3 and distinct', { mark: 'tick', encoding: { x: { field: 'region', type: 'nominal' }, y: { field: 'amount', aggregate: 'median', type: 'quantitative' }, tooltip: [{ field: 'amount', aggregate: 'q1' }, { field: 'amount', aggregate: 'q3' }, { field: 'score', aggregate: 'distinct' }] } }],
    ['quarter of year, valid and missing', { mark: 'point', encoding: { x: { field: 'closed_at', type: 'ordinal', timeUnit: 'quarter' }, y: { field: 'score', aggregate: 'valid', type: 'quantitative' }, size: { field: 'score', aggregate: 'missing', type: 'quantitative' } } }],
    ['filters pushed into SQL', { transform: [{ filter: { field: 'region', oneOf: ['r1', 'r2', 'r3'] } }, { filter: { field: 'amount', range: [10, 60] } }, { filter: { not: { field: 'score', valid: true } } }], mark: 'bar', encoding: { x: { field: 'region', type: 'nominal' }, y: { field: 'amount', aggregate: 'sum', type: 'quantitative' } } }],
    ['a layer of bars and labels sharing an encoding', { encoding: { x: { field: 'region', type: 'nominal' }, y: { field: 'amount', aggregate: 'max', type: 'quantitative' } }, layer: [{ mark: 'bar' }, { mark: { type: 'text', dy: -5 }, encoding: { text: { field: 'amount', aggregate: 'max', format: '.1f' } } }] }],
  ];
  for (const [label, view] of cases) {
    it(`draws what Vega draws from every row: ${label}`, async () => {
      const spec = { data: { name: 'sales' }, ...view };
      const whole = await prepareChart(engine, spec, 10_000);
      const summary = await prepareChart(engine, spec, 1_000);
      expect(Object.keys(datasets(whole.spec))).toEqual(['sales']);
      expect(Object.keys(datasets(summary.spec)).every((k) => k.startsWith('sales (summary'))).toBe(true);
      const a = await render(whole.spec);
      const b = await render(summary.spec);
      expect(Object.values(b.marks).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
      expect(b.marks).toEqual(a.marks);
      expect(canonicalSvg(b.svg)).toBe(canonicalSvg(a.svg));
    });
  }
});

describe('a binned tooltip over a summary', () => {
  it('shows the range of the bin x draws, as Vega-Lite writes it', async () => {
    const spec = { data: { name: 'sales' }, mark: 'bar', encoding: { x: { field: 'amount', bin: { step: 5 }, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' }, tooltip: [{ field: 'amount', bin: { step: 5 }, type: 'quantitative' }, { aggregate: 'count', type: 'quantitative' }] } };
    const p = await prepareChart(engine, spec, 1_000);
    const rows = Object.values(datasets(p.spec))[0]!;
    // amount = (i·7919 mod 1000)/10 over 5,000 rows: 7919 is prime to 1000, so each of 0.0…99.9 comes
    // 5 times; a bin of width 5 holds 50 of those values: 250 rows, in 20 bins.
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.amount__range)).toEqual(Array.from({ length: 20 }, (_, k) => `${5 * k} – ${5 * k + 5}`));
    expect(new Set(rows.map((r) => r.__count))).toEqual(new Set([250]));
  });

  it('refuses a tooltip binned other than x, with the reason', async () => {
    const spec = { data: { name: 'big' }, mark: 'bar', encoding: { x: { field: 'amount', bin: { step: 5 }, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' }, tooltip: { field: 'amount', bin: { step: 10 }, type: 'quantitative' } } };
    await expect(prepareChart(engine, spec)).rejects.toThrow(/its tooltip bins "amount" other than x or y do/);
  });
});

describe('a large result that the chart draws row by row', () => {
  it('draws a repeatable random sample of 10,000 points and says so', async () => {
    const spec = { data: { name: 'big' }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'amount', type: 'quantitative' } } };
    const p = await prepareChart(engine, spec);
    const again = await prepareChart(engine, spec);
    expect(datasets(p.spec).big).toHaveLength(10_000);
    expect(datasets(again.spec).big).toEqual(datasets(p.spec).big);
    expect(p.note).toBe(
      'big has 200,000 rows; this chart draws 10,000 of them (a random sample), about what a browser draws smoothly. To see every row, aggregate in the encoding (e.g. "aggregate: sum") or summarise in a SQL cell.',
    );
    expect((await render(p.spec)).marks).toEqual({ symbol: 10_000 });
  });

  it('keeps evenly spaced rows along x for a line', async () => {
    const spec = { data: { name: 'big' }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'amount', type: 'quantitative' } } };
    const p = await prepareChart(engine, spec);
    const rows = datasets(p.spec).big!;
    // 200,000 / 10,000: every 20th row in x order, x = 0, 20, 40 … 199,980
    expect(rows).toHaveLength(10_000);
    expect(rows.slice(0, 3)).toEqual([
      { x: 0, amount: 0 },
      { x: 20, amount: 20 },
      { x: 40, amount: 40 },
    ]);
    expect(rows[9_999]).toEqual({ x: 199_980, amount: 80 });
    expect(p.note).toMatch(/draws 10,000 of them \(every 20th row along x\)/);
  });

  it('refuses a chart that summarises rows DuckDB cannot, with the reason', async () => {
    const spec = { data: { name: 'big' }, transform: [{ window: [{ op: 'rank', as: 'rank' }] }], mark: 'point', encoding: { x: { field: 'rank', type: 'quantitative' }, y: { field: 'amount', type: 'quantitative' } } };
    await expect(prepareChart(engine, spec)).rejects.toThrow(
      'big has 200,000 rows, more than a chart draws (10,000), and this chart cannot be summarised in DuckDB: its "window" transform summarises all rows in the browser.',
    );
  });
});
