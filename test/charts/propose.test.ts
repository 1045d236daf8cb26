/**
 * The quick chart: what it proposes for typical results, and the spec of a choice drawn over DuckDB
 * rows (marks and order worked out by hand).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import type { Column } from '../../src/engine/values';
import { choiceSpec, columnStats, fieldRole, humanize, measureAggregate, measureTitle, proposeChart, timeUnitFor, type ColumnStats } from '../../src/charts/propose';
import { prepareChart } from '../../src/charts/data-step';
import { relationColumns } from '../../src/charts/rows';
import { render, texts } from './render';
import { schemaErrors } from './schema';

const col = (name: string, kind: Column['kind']): Column => ({ name, kind, sqlType: '' });
const stats = (distinct: Record<string, number>): ColumnStats => ({ distinct });

describe('column roles', () => {
  it('tells times, years, numbers, categories and identifiers apart', () => {
    expect(fieldRole(col('closed_at', 'date'))).toBe('time');
    expect(fieldRole(col('occurred_at', 'timestamp'))).toBe('time');
    expect(fieldRole(col('year', 'integer'))).toBe('year');
    expect(fieldRole(col('fiscal_year', 'integer'))).toBe('year');
    // year(closed_at) is a BIGINT, which arrives as a double: the SQL type tells
    expect(fieldRole({ name: 'year', kind: 'number', sqlType: 'BIGINT' })).toBe('year');
    expect(fieldRole({ name: 'year', kind: 'number', sqlType: 'DOUBLE' })).toBe('number');
    expect(fieldRole(col('amount', 'number'))).toBe('number');
    expect(fieldRole(col('won_deals', 'integer'))).toBe('number');
    expect(fieldRole(col('program_id', 'integer'))).toBe('identifier');
    expect(fieldRole(col('sector', 'string'))).toBe('category');
    expect(fieldRole(col('partner_id', 'string'), stats({ partner_id: 2000 }))).toBe('identifier');
    // a code column with few values is a category after all
    expect(fieldRole(col('country_code', 'string'), stats({ country_code: 6 }))).toBe('category');
    expect(fieldRole(col('partner_ids', 'list'))).toBe('unusable');
  });

  it('makes column names readable', () => {
    expect(humanize('won_deals')).toBe('Won deals');
    expect(humanize('revenue')).toBe('Revenue');
  });
});

describe('the first chart proposed', () => {
  it('time on x and a number: a line, coloured by a small category', () => {
    const columns = [col('closed_at', 'date'), col('region', 'string'), col('amount', 'number'), col('deal_id', 'string')];
    expect(proposeChart(columns, stats({ closed_at: 700, region: 4, amount: 900, deal_id: 5000 }))).toEqual({
      mark: 'line',
      x: 'closed_at',
      y: 'amount',
      color: 'region',
      aggregate: 'sum',
    });
  });

  it('a category and a number: a bar per category along x, summed', () => {
    const columns = [col('segment', 'string'), col('partners', 'integer'), col('revenue', 'number')];
    expect(proposeChart(columns, stats({ segment: 11 }))).toEqual({ mark: 'bar', x: 'segment', y: 'partners', color: null, aggregate: 'sum' });
    // the case: a status and a count
    expect(proposeChart([col('status', 'string'), col('n', 'integer')], stats({ status: 3 }))).toEqual({ mark: 'bar', x: 'status', y: 'n', color: null, aggregate: 'sum' });
  });

  it('the category with fewest values goes along x, a second small one colours the bars', () => {
    const columns = [col('country', 'string'), col('region', 'string'), col('tier', 'string'), col('revenue', 'number')];
    expect(proposeChart(columns, stats({ country: 12, region: 4, tier: 3 }))).toEqual({ mark: 'bar', x: 'tier', y: 'revenue', color: 'region', aggregate: 'sum' });
  });

  it('more categories than fit side by side: bars lie down, a row each', () => {
    const columns = [col('partner_name', 'string'), col('revenue', 'number')];
    expect(proposeChart(columns, stats({ partner_name: 13 }))).toEqual({ mark: 'bar', x: 'revenue', y: 'partner_name', color: null, aggregate: 'sum' });
    expect(proposeChart([col('country', 'string')], stats({ country: 40 }))).toEqual({ mark: 'bar', x: null, y: 'country', color: null, aggregate: 'count' });
    expect(proposeChart([col('country', 'string')], stats({ country: 6 }))).toEqual({ mark: 'bar', x: 'country', y: null, color: null, aggregate: 'count' });
  });

  it('rates, shares and scores are averaged, other measures summed', () => {
    expect(measureAggregate('score')).toBe('mean');
    expect(measureAggregate('gross_margin')).toBe('mean');
    expect(measureAggregate('retention_pct')).toBe('mean');
    expect(measureAggregate('direct_share_pct')).toBe('mean');
    expect(measureAggregate('amount')).toBe('sum');
    expect(measureAggregate('won_deals')).toBe('sum');
    expect(proposeChart([col('sector', 'string'), col('nps', 'number')], stats({ sector: 5 }))).toMatchObject({ x: 'sector', y: 'nps', aggregate: 'mean' });
  });

  it('titles measures in words and time axes with their unit', () => {
    expect(measureTitle('sum', 'amount')).toBe('Sum of amount');
    expect(measureTitle('mean', 'score')).toBe('Average of score');
    expect(measureTitle('count', null)).toBe('Number of rows');
    expect(timeUnitFor(30)).toEqual({ unit: 'yearmonthdate', words: 'day' });
    expect(timeUnitFor(1800)).toEqual({ unit: 'yearmonth', words: 'month' });
    expect(timeUnitFor(20 * 365)).toEqual({ unit: 'year', words: 'year' });
  });

  it('two numbers: a scatter plot, identifiers ignored', () => {
    const columns = [col('partner_id', 'string'), col('recency_days', 'integer'), col('monetary', 'number')];
    expect(proposeChart(columns, stats({ partner_id: 2000 }))).toEqual({ mark: 'point', x: 'recency_days', y: 'monetary', color: null, aggregate: 'none' });
  });

  it('a year and a number: a line over the years', () => {
    expect(proposeChart([col('year', 'integer'), col('revenue', 'number')])).toEqual({ mark: 'line', x: 'year', y: 'revenue', color: null, aggregate: 'sum' });
  });

  it('one number alone: a histogram; one date: counts per period; one category: counts', () => {
    expect(proposeChart([col('partner_id', 'string'), col('score', 'integer')], stats({ partner_id: 500 }))).toEqual({ mark: 'bar', x: 'score', y: null, color: null, aggregate: 'count' });
    expect(proposeChart([col('answered_at', 'date')])).toEqual({ mark: 'bar', x: 'answered_at', y: null, color: null, aggregate: 'count' });
    expect(proposeChart([col('sector', 'string')])).toEqual({ mark: 'bar', x: null, y: 'sector', color: null, aggregate: 'count' });
  });
});

describe('the spec of a choice', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    // Revenue per segment: A 10 + 30 = 40, B 5 + 5 + 5 = 15, C 25 (value order A, C, B ≠ name order).
    await engine.query(`CREATE TABLE seg AS SELECT * FROM (VALUES ('A', 10.0), ('A', 30.0), ('C', 25.0), ('B', 5.0), ('B', 5.0), ('B', 5.0)) v(segment, revenue)`);
    // 90 days of one deal a day (amount = day number 1…90) from 2024-01-01: Jan 1–31, Feb 1–29, Mar 1–30.
    await engine.query(`CREATE TABLE daily AS SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS closed_at, CAST(i + 1 AS DOUBLE) AS amount FROM range(90) t(i)`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function drawn(table: string, choice: Parameters<typeof choiceSpec>[0]) {
    const columns = await relationColumns(engine, table);
    const st = await columnStats(engine, table, columns);
    const spec = choiceSpec(choice, columns, table, st);
    expect(schemaErrors(spec)).toEqual([]);
    const prepared = await prepareChart(engine, spec);
    return { spec, r: await render(prepared.spec) };
  }

  it('sums bars per category along x, biggest first, titled in words, as wide as the cell', async () => {
    const { spec, r } = await drawn('seg', { mark: 'bar', x: 'segment', y: 'revenue', color: null, aggregate: 'sum' });
    expect(spec.title).toBe('Sum of revenue by segment');
    expect(spec.width).toBe('container');
    const enc = spec.encoding as Record<string, Record<string, unknown>>;
    expect(enc.x).toMatchObject({ field: 'segment', type: 'nominal', title: 'segment', sort: '-y' });
    expect(enc.y).toMatchObject({ field: 'revenue', aggregate: 'sum', title: 'Sum of revenue' });
    expect(r.marks).toEqual({ rect: 3 });
    const labels = texts(r.svg).filter((t) => ['A', 'B', 'C'].includes(t));
    expect(labels).toEqual(['A', 'C', 'B']);
    const sums = Object.fromEntries(r.items.map((i) => [i.datum.segment, i.datum.sum_revenue]));
    expect(sums).toEqual({ A: 40, B: 15, C: 25 });
  });

  it('sums bars lying down, biggest first', async () => {
    const { spec, r } = await drawn('seg', { mark: 'bar', x: 'revenue', y: 'segment', color: null, aggregate: 'sum' });
    expect(spec.title).toBe('Sum of revenue by segment');
    expect(spec.height).toEqual({ step: 20 });
    expect(r.marks).toEqual({ rect: 3 });
    // the axis lists the segments biggest first
    const labels = texts(r.svg).filter((t) => ['A', 'B', 'C'].includes(t));
    expect(labels).toEqual(['A', 'C', 'B']);
    const sums = Object.fromEntries(r.items.map((i) => [i.datum.segment, i.datum.sum_revenue]));
    expect(sums).toEqual({ A: 40, B: 15, C: 25 });
  });

  it('groups a line over many days by month', async () => {
    const { spec, r } = await drawn('daily', { mark: 'line', x: 'closed_at', y: 'amount', color: null, aggregate: 'sum' });
    expect((spec.encoding as Record<string, Record<string, unknown>>).x!.timeUnit).toBe('yearmonth');
    // January 1+…+31 = 496; February 32+…+60 = 1334; March 61+…+90 = 2265
    expect(r.items.map((i) => i.datum.sum_amount)).toEqual([496, 1334, 2265]);
  });

  it('counts rows per bin for a lone number', async () => {
    const { r } = await drawn('daily', { mark: 'bar', x: 'amount', y: null, color: null, aggregate: 'count' });
    // 1…90 in bins of 10 from 0 to 90: [0,10) holds 1–9, then 10 a bin, and Vega puts the maximum in
    // the last bin, so [80, 90] holds 80–90: 11.
    expect(r.items.map((i) => i.datum.__count)).toEqual([9, 10, 10, 10, 10, 10, 10, 10, 11]);
  });

  it('draws every row when nothing is aggregated', async () => {
    const { r } = await drawn('daily', { mark: 'point', x: 'closed_at', y: 'amount', color: null, aggregate: 'none' });
    expect(r.marks).toEqual({ symbol: 90 });
  });
});
