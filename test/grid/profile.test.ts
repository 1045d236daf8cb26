/**
 * Column profiles computed by DuckDB over the whole result, checked against counts made by hand on
 * the fixture (test/grid/fixture.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import type { Column } from '../../src/engine/values';
import { histogramBins, profileColumns, type ColumnProfile } from '../../src/grid/profile';
import { makeFixture, RELATION } from './fixture';

let engine: Engine;
let columns: Column[];
let profiles: Record<string, ColumnProfile>;

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

beforeAll(async () => {
  engine = await createNodeEngine();
  columns = await makeFixture(engine);
  profiles = Object.fromEntries((await profileColumns(engine, RELATION, columns)).map((p) => [p.column, p]));
});
afterAll(async () => {
  await engine?.close();
});

describe('column profiles', () => {
  it('one bin per value for a whole-number column with few values', () => {
    expect(histogramBins(1, 6, true).upper).toEqual([1, 2, 3, 4, 5, 6]);
    // 25 values in 12 bars of two (the last of three), whole bounds: 0–2, 3–4, …, 21–22, 23–24
    const wide = histogramBins(0, 24, true);
    expect(wide.upper).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(wide.bins.slice(0, 2)).toEqual([{ lo: 0, hi: 2 }, { lo: 3, hi: 4 }]);
    expect(histogramBins(3, 3, true)).toEqual({ upper: [3], bins: [{ lo: 3, hi: 3 }] });
    const id = profiles.id!;
    expect(id).toMatchObject({ rows: 6, nulls: 0, distinct: 6, distinctExact: true, min: 1, max: 6, top: null });
    expect(id.bins!.map((b) => [b.lo, b.hi, b.count])).toEqual([[1, 1, 1], [2, 2, 1], [3, 3, 1], [4, 4, 1], [5, 5, 1], [6, 6, 1]]);
  });

  it('twelve equal bins over a number range, nulls counted apart', () => {
    const amount = profiles.amount!;
    expect(amount).toMatchObject({ rows: 6, nulls: 1, distinct: 4, distinctExact: false, min: 10, max: 200, top: null });
    // width (200 − 10) / 12 = 15.83: 10 in bar 0; 80 twice in bar 4 (73.3, 89.2]; 120.5 in bar 6 (105, 120.8]; 200 in the last
    expect(amount.bins!.map((b) => b.count)).toEqual([1, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 1]);
    expect(amount.bins![4]!.lo).toBeCloseTo(10 + 4 * (190 / 12), 9);
    expect(amount.bins![11]!.hi).toBe(200);
  });

  it('dates in bins of days, bounds in epoch milliseconds', () => {
    const closed = profiles.closed_at!;
    expect(closed).toMatchObject({ rows: 6, nulls: 1, distinct: 5, min: day('2023-12-31'), max: day('2024-03-10'), top: null });
    // 70 days in 12 bars of 5.83, cut at whole days: Dec 31–Jan 5, Jan 6–11, Jan 12–17 (Jan 15), …,
    // Jan 30–Feb 4 (Feb 1) bar 5, Feb 28–Mar 4 (Feb 29) bar 10, Mar 5–10 bar 11
    expect(closed.bins!.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1]);
    expect(closed.bins!.slice(0, 2)).toEqual([
      { lo: day('2023-12-31'), hi: day('2024-01-05'), count: 1 },
      { lo: day('2024-01-06'), hi: day('2024-01-11'), count: 0 },
    ]);
    expect(closed.bins![10]).toEqual({ lo: day('2024-02-28'), hi: day('2024-03-04'), count: 1 });
    expect(closed.bins![11]).toEqual({ lo: day('2024-03-05'), hi: day('2024-03-10'), count: 1 });
    const seen = profiles.seen_at!;
    expect(seen).toMatchObject({ nulls: 1, distinct: 5, min: Date.parse('2023-12-31T08:30:00Z'), max: Date.parse('2024-03-01T12:00:00Z') });
    expect(seen.bins!.reduce((s, b) => s + b.count, 0)).toBe(5);
  });

  it('the most frequent values of text and booleans, with exact counts', () => {
    expect(profiles.status).toMatchObject({ rows: 6, nulls: 0, distinct: 3, distinctExact: true, bins: null, min: null, max: null });
    expect(profiles.status!.top).toEqual([
      { value: 'won', count: 3 },
      { value: 'lost', count: 2 },
      { value: 'open', count: 1 },
    ]);
    // five values fill the five top places: the count of distinct values stays an estimate
    expect(profiles.name!).toMatchObject({ nulls: 1, distinct: 5, distinctExact: false });
    expect(profiles.name!.top!.map((t) => t.count)).toEqual([1, 1, 1, 1, 1]);
    expect(profiles.active!).toMatchObject({ nulls: 1, distinct: 2 });
    expect(profiles.active!.top).toEqual([
      { value: true, count: 3 },
      { value: false, count: 2 },
    ]);
  });

  it('counts distinct values exactly on results up to EXACT_DISTINCT_ROWS', async () => {
    const exact = Object.fromEntries((await profileColumns(engine, RELATION, columns, 6)).map((p) => [p.column, p]));
    expect(exact.amount).toMatchObject({ distinct: 4, distinctExact: true });
    expect(exact.name).toMatchObject({ distinct: 5, distinctExact: true });
    expect(exact.seen_at).toMatchObject({ distinct: 5, distinctExact: true });
    // the rest of the profile is the same either way
    expect(exact.amount!.bins).toEqual(profiles.amount!.bins);
  });

  it('copes with an empty result, a column of nulls and a single value', async () => {
    await engine.query(`CREATE OR REPLACE TABLE cells.edge AS SELECT CAST(NULL AS INTEGER) AS nothing, 7 AS seven, 'x' AS s FROM range(3)`);
    const cols: Column[] = [
      { name: 'nothing', kind: 'integer', sqlType: 'INTEGER' },
      { name: 'seven', kind: 'integer', sqlType: 'INTEGER' },
      { name: 's', kind: 'string', sqlType: 'VARCHAR' },
    ];
    const [nothing, seven, s] = await profileColumns(engine, 'cells.edge', cols);
    expect(nothing).toMatchObject({ rows: 3, nulls: 3, distinct: 0, distinctExact: true, min: null, bins: null });
    expect(seven).toMatchObject({ rows: 3, nulls: 0, distinct: 1, min: 7, max: 7, bins: [{ lo: 7, hi: 7, count: 3 }] });
    expect(s!.top).toEqual([{ value: 'x', count: 3 }]);
    const empty = await profileColumns(engine, '(SELECT * FROM cells.edge WHERE false)', cols);
    expect(empty.map((p) => [p.rows, p.nulls, p.bins, p.top])).toEqual([
      [0, 0, null, null],
      [0, 0, null, null],
      [0, 0, null, null],
    ]);
  });
});
