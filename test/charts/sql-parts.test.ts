/**
 * The pieces the data step computes in DuckDB, each checked against Vega's own computation (a second
 * method) or against rows worked out by hand: bins, time units, filter predicates.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as vega from 'vega';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { binStartSql, niceBins } from '../../src/charts/bins';
import { timeUnitSql } from '../../src/charts/time-units';
import { predicateSql } from '../../src/charts/predicates';
import type { ValueKind } from '../../src/engine/values';

/** Vega's statistics and time helpers: exported at run time, missing from its type declarations. */
const vegaUtil = vega as unknown as {
  bin(params: Record<string, unknown>): { start: number; stop: number; step: number };
  timeUnits(units: string[]): string[];
  utcFloor(units: string[]): (d: Date) => Date;
};

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
});

afterAll(async () => {
  await engine?.close();
});

describe('bins', () => {
  const cases: [string, [number, number], Record<string, unknown>][] = [
    ['0–99.9, 10 bins', [0, 99.9], { maxbins: 10 }],
    ['0–353, 40 bins', [0, 353], { maxbins: 40 }],
    ['small fractions', [0.013, 0.87], { maxbins: 10 }],
    ['negative to positive', [-1234, 5678], { maxbins: 6 }],
    ['one value', [42, 42], { maxbins: 10 }],
    ['a fixed step', [3, 97], { step: 7 }],
    ['allowed steps', [0, 1000], { steps: [5, 50, 500], maxbins: 10 }],
    ['anchored', [1, 99], { maxbins: 10, anchor: 3 }],
  ];
  for (const [label, extent, params] of cases) {
    it(`match Vega's: ${label}`, () => {
      const ours = niceBins(extent, params);
      const theirs = vegaUtil.bin({ extent, ...params });
      expect(ours.step).toBe(theirs.step);
      // Vega's Bin transform then extends stop to a whole number of steps and shifts both to the anchor.
      let start = theirs.start;
      let stop = start + Math.ceil((theirs.stop - start) / theirs.step) * theirs.step;
      if (typeof params.anchor === 'number') {
        const d = params.anchor - (start + theirs.step * Math.floor((params.anchor - start) / theirs.step));
        start += d;
        stop += d;
      }
      expect(ours.start).toBe(start);
      expect(ours.stop).toBe(stop);
    });
  }

  it('put each value in the bin Vega puts it in, the maximum in the last one', async () => {
    // step 0.1 from 0: 0.3 / 0.1 = 2.9999999999999996 in floating point; Vega's epsilon keeps it in [0.3, 0.4).
    const bins = { start: 0, stop: 1, step: 0.1 };
    const values = [0, 0.1, 0.3, 0.7, 0.99, 1];
    const sql = `SELECT ${binStartSql('v', bins)} AS b FROM (VALUES ${values.map((v) => `(${v})`).join(', ')}) t(v)`;
    const got = (await engine.query(sql)).toArray().map((r) => Number(r.b));
    expect(got).toEqual([0, 0.1, 0.30000000000000004, 0.7000000000000001, 0.9, 0.9]);
    // the same starts, by Vega's formula
    const vegaStart = (v: number) => bins.start + bins.step * Math.floor(1e-14 + (Math.min(v, bins.stop - bins.step) - bins.start) / bins.step);
    expect(values.map(vegaStart)).toEqual(got);
  });
});

describe('time units', () => {
  // Days that catch mistakes: month and year ends, 29 February, a day in each quarter.
  const days = ['2023-01-01', '2023-03-31', '2023-04-01', '2023-12-31', '2024-02-29', '2024-07-15', '2025-09-30', '2025-11-02'];
  const units = ['year', 'yearquarter', 'yearquartermonth', 'yearmonth', 'yearmonthdate', 'quarter', 'quartermonth', 'month', 'monthdate', 'date'];
  for (const unit of units) {
    it(`"${unit}" starts where Vega's UTC ${unit} does`, async () => {
      const sql = `SELECT ${timeUnitSql(unit, 'd')} AS t FROM (VALUES ${days.map((d) => `(DATE '${d}')`).join(', ')}) v(d)`;
      const ours = (await engine.query(sql)).toArray().map((r) => Number(r.t));
      const floor = vegaUtil.utcFloor(vegaUtil.timeUnits(unit.match(/year|quarter|month|date/g)!));
      expect(ours).toEqual(days.map((d) => floor(new Date(`${d}T00:00:00Z`)).getTime()));
    });
  }

  it('refuses units a date cannot carry, with or without utc', () => {
    expect(timeUnitSql('hours', 'd')).toBeNull();
    expect(timeUnitSql('utcweek', 'd')).toBeNull();
    expect(timeUnitSql('utcyearmonth', 'd')).toBe('make_date(year(d), month(d), 1)');
  });
});

describe('filter predicates', () => {
  // id, x, s: (1, NULL, 'a'), (2, 1, NULL), (3, 5, 'b'), (4, 10, '')
  const kinds = new Map<string, ValueKind>([
    ['id', 'integer'],
    ['x', 'integer'],
    ['s', 'string'],
  ]);
  const ids = async (pred: unknown) => {
    const where = predicateSql(pred, kinds);
    if (where === null) return null;
    const t = await engine.query(`SELECT id FROM (VALUES (1, NULL, 'a'), (2, 1, NULL), (3, 5, 'b'), (4, 10, '')) v(id, x, s) WHERE ${where} ORDER BY id`);
    return t.toArray().map((r) => Number(r.id));
  };

  it('keep the rows JavaScript would keep, nulls included', async () => {
    // JavaScript reads null as 0 in comparisons: null < 5 is true, null >= 1 is false.
    expect(await ids({ field: 'x', lt: 5 })).toEqual([1, 2]);
    expect(await ids({ field: 'x', gte: 1 })).toEqual([2, 3, 4]);
    expect(await ids({ field: 'x', range: [1, 5] })).toEqual([2, 3]);
    expect(await ids({ field: 'x', range: [5, 1] })).toEqual([2, 3]);
    expect(await ids({ field: 'x', range: [null, 1] })).toEqual([1, 2]);
    // null === 5 is false, so "not equal" keeps the null row
    expect(await ids({ not: { field: 'x', equal: 5 } })).toEqual([1, 2, 4]);
    expect(await ids({ field: 's', oneOf: ['a', 'b'] })).toEqual([1, 3]);
    expect(await ids({ field: 's', oneOf: [] })).toEqual([]);
    expect(await ids({ field: 'x', valid: true })).toEqual([2, 3, 4]);
    expect(await ids({ field: 'x', valid: false })).toEqual([1]);
    expect(await ids({ and: [{ field: 'x', gt: 1 }, { or: [{ field: 's', equal: 'b' }, { field: 's', equal: '' }] }] })).toEqual([3, 4]);
  });

  it('leave to Vega what SQL would read differently', async () => {
    expect(await ids('datum.x > 1')).toBeNull(); // an expression
    expect(await ids({ param: 'brush' })).toBeNull(); // a selection
    expect(await ids({ field: 's', valid: true })).toBeNull(); // isNaN('a') is true in JavaScript
    expect(await ids({ field: 's', lt: 'b' })).toBeNull(); // text order differs
    expect(await ids({ field: 'x', equal: '5' })).toBeNull(); // '5' === 5 is false in JavaScript
    expect(await ids({ field: 'nope', equal: 1 })).toBeNull();
    expect(await ids({ field: 'x', timeUnit: 'year', equal: 2024 })).toBeNull();
  });
});
