/**
 * Cohort retention and annual retention on hand-worked fixtures. A cell is observed when its period has
 * ended on or before the as-of date; here the as-of date 2024-04-16 leaves April 2024 unobserved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { annualRetentionSql, cohortRetentionSql } from '../../src/analytics/cohorts';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const PARTNERS = 'partner_id VARCHAR, name VARCHAR, sector VARCHAR, onboarded_at DATE';
const DEALS = 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DOUBLE, status VARCHAR';

const PARTNER_ROWS: Cell[][] = [
  ['A', 'a', null, '2023-12-15'],
  ['B', 'b', null, '2024-01-10'],
  ['C', 'c', null, '2024-01-31'],
  ['D', 'd', null, '2023-11-01'],
  ['E', 'e', null, '2024-02-01'],
  ['F', 'f', null, '2024-02-20'],
  ['G', 'g', null, '2024-04-02'],
  ['H', 'h', null, '2024-03-01'],
  ['I', 'i', null, '2024-04-01'],
  ['J', 'j', null, '2024-04-10'],
  ['K', 'k', null, '2024-01-05'],
  ['L', 'l', null, null],
];

const DEAL_ROWS: Cell[][] = (
  [
    ['A', '2024-01-05', 100, 'won'],
    ['A', '2024-02-10', 50, 'won'],
    ['A', '2024-03-03', 25, 'won'],
    ['A', '2024-05-01', 999, 'won'], // after the as-of date: ignored
    ['B', '2024-01-20', 200, 'won'],
    ['B', '2024-03-15', 100, 'won'],
    ['C', '2024-01-31', 100, 'won'],
    ['C', '2024-04-10', 300, 'won'], // April: unobserved, but proves C still alive for the unbounded count
    ['D', '2024-01-02', 100, 'won'],
    ['E', '2024-02-01', 400, 'won'],
    ['E', '2024-02-28', 100, 'won'],
    ['F', '2024-02-14', 500, 'won'],
    ['F', '2024-03-01', 250, 'won'],
    ['G', '2024-02-29', 100, 'won'],
    ['G', '2024-03-20', 800, 'lost'],
    ['H', '2024-03-31', 1000, 'won'],
    ['H', '2024-04-02', 500, 'won'],
    ['I', '2024-04-15', 700, 'won'],
    ['J', '2024-04-16', 600, 'won'], // on the as-of date: excluded
    ['L', '2024-02-02', 300, 'lost'],
    [null, '2024-01-03', 5000, 'won'],
  ] as Cell[][]
).map((r, k) => [k + 1, ...r]);

const COLS = ['cohort_label', 'cohort_size', 'period', 'period_start', 'observed', 'active_partners', 'partner_retention', 'unbounded_partners', 'unbounded_retention', 'revenue', 'revenue_retention'] as const;

function unobserved(cohort_label: string, cohort_size: number, period: number, period_start: string) {
  return {
    cohort_label, cohort_size, period, period_start, observed: false,
    active_partners: null, partner_retention: null, unbounded_partners: null, unbounded_retention: null, revenue: null, revenue_retention: null,
  };
}

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', PARTNERS, PARTNER_ROWS);
  await createTable(engine, 'deals', DEALS, DEAL_ROWS);
});

describe('cohorts.retention by month of first won deal', () => {
  // Cohorts: Jan = A B C D (revenue in Jan 100+200+100+100 = 500), Feb = E F G (400+100+500+100 = 1100),
  // Mar = H (1000), Apr = I. J's only deal is on the as-of date, K never won, L only lost: no cohort.
  // Periods 0..3 (Jan → Apr). Jan k1: only A sells (50); A, B (last in Mar) and C (last in Apr) are
  // still alive → unbounded 3. Jan k2: A (25) and B (100) sell. Feb k1: F (250).
  const expected = [
    { cohort_label: '2024-01', cohort_size: 4, period: 0, period_start: '2024-01-01', observed: true, active_partners: 4, partner_retention: 1, unbounded_partners: 4, unbounded_retention: 1, revenue: 500, revenue_retention: 1 },
    { cohort_label: '2024-01', cohort_size: 4, period: 1, period_start: '2024-02-01', observed: true, active_partners: 1, partner_retention: 0.25, unbounded_partners: 3, unbounded_retention: 0.75, revenue: 50, revenue_retention: 0.1 },
    { cohort_label: '2024-01', cohort_size: 4, period: 2, period_start: '2024-03-01', observed: true, active_partners: 2, partner_retention: 0.5, unbounded_partners: 3, unbounded_retention: 0.75, revenue: 125, revenue_retention: 0.25 },
    unobserved('2024-01', 4, 3, '2024-04-01'),
    { cohort_label: '2024-02', cohort_size: 3, period: 0, period_start: '2024-02-01', observed: true, active_partners: 3, partner_retention: 1, unbounded_partners: 3, unbounded_retention: 1, revenue: 1100, revenue_retention: 1 },
    { cohort_label: '2024-02', cohort_size: 3, period: 1, period_start: '2024-03-01', observed: true, active_partners: 1, partner_retention: 1 / 3, unbounded_partners: 1, unbounded_retention: 1 / 3, revenue: 250, revenue_retention: 250 / 1100 },
    unobserved('2024-02', 3, 2, '2024-04-01'),
    unobserved('2024-02', 3, 3, '2024-05-01'),
    { cohort_label: '2024-03', cohort_size: 1, period: 0, period_start: '2024-03-01', observed: true, active_partners: 1, partner_retention: 1, unbounded_partners: 1, unbounded_retention: 1, revenue: 1000, revenue_retention: 1 },
    unobserved('2024-03', 1, 1, '2024-04-01'),
    unobserved('2024-03', 1, 2, '2024-05-01'),
    unobserved('2024-03', 1, 3, '2024-06-01'),
    unobserved('2024-04', 1, 0, '2024-04-01'),
    unobserved('2024-04', 1, 1, '2024-05-01'),
    unobserved('2024-04', 1, 2, '2024-06-01'),
    unobserved('2024-04', 1, 3, '2024-07-01'),
  ];

  it('gives the full rectangle with NULL, not 0, where the period has not ended', async () => {
    const rows = await rowsOf(engine, cohortRetentionSql({ asOf: '2024-04-16' }));
    expect(pick(rows, COLS)).toEqual(expected);
    expect(rows[0]!.cohort).toBe('2024-01-01');
  });

  it('defaults the as-of date to the day after the latest won deal', async () => {
    // Without the deals of 2024-04-16 and later, the latest won deal is I's on 2024-04-15.
    await engine.query("CREATE OR REPLACE VIEW deals_before_apr16 AS SELECT * FROM deals WHERE closed_at < DATE '2024-04-16'");
    const rows = await rowsOf(engine, ANALYSES['cohorts.retention']!.sql!({ deals: 'deals_before_apr16', partners: 'partners', as_of: null, grain: 'month', basis: 'first_deal' }));
    expect(pick(rows, COLS)).toEqual(expected);
  });

  it('by year, a cohort whose first year is still running is all NULL', async () => {
    const rows = await rowsOf(engine, cohortRetentionSql({ asOf: '2024-04-16', grain: 'year' }));
    expect(pick(rows, COLS)).toEqual([unobserved('2024', 9, 0, '2024-01-01')]);
  });

  it('stops at the period holding the day before the as-of date', async () => {
    // As of 2024-04-01 the data ends on March 31: cohorts Jan, Feb, Mar (I's April deal is excluded),
    // periods 0..2, and March is complete.
    const rows = await rowsOf(engine, cohortRetentionSql({ asOf: '2024-04-01' }));
    expect(pick(rows, ['cohort_label', 'period', 'observed'])).toEqual([
      { cohort_label: '2024-01', period: 0, observed: true },
      { cohort_label: '2024-01', period: 1, observed: true },
      { cohort_label: '2024-01', period: 2, observed: true },
      { cohort_label: '2024-02', period: 0, observed: true },
      { cohort_label: '2024-02', period: 1, observed: true },
      { cohort_label: '2024-02', period: 2, observed: false },
      { cohort_label: '2024-03', period: 0, observed: true },
      { cohort_label: '2024-03', period: 1, observed: false },
      { cohort_label: '2024-03', period: 2, observed: false },
    ]);
  });

  it('is empty when no deal is before the as-of date', async () => {
    expect(await rowsOf(engine, cohortRetentionSql({ asOf: '2023-01-01' }))).toEqual([]);
  });
});

describe('cohorts.retention by quarter of onboarding', () => {
  // 2023-Q4: A (Dec 15), D (Nov 1); all their deals fall in 2024-Q1 (k1): A 175, D 100.
  //   k0: nobody sells, revenue 0 → revenue retention undefined; both sell later → unbounded 2/2.
  // 2024-Q1: B C E F H K (6); in Q1 B 300, C 100, E 500, F 750, H 1000 → 5/6, revenue 2650. k1 not ended.
  // 2024-Q2: G (its Feb deal predates the cohort: ignored), I, J → 3 partners, nothing observed.
  it('starts each partner at its onboarding quarter', async () => {
    const rows = await rowsOf(engine, cohortRetentionSql({ asOf: '2024-04-16', grain: 'quarter', basis: 'onboarding' }));
    expect(pick(rows, COLS)).toEqual([
      { cohort_label: '2023-Q4', cohort_size: 2, period: 0, period_start: '2023-10-01', observed: true, active_partners: 0, partner_retention: 0, unbounded_partners: 2, unbounded_retention: 1, revenue: 0, revenue_retention: null },
      { cohort_label: '2023-Q4', cohort_size: 2, period: 1, period_start: '2024-01-01', observed: true, active_partners: 2, partner_retention: 1, unbounded_partners: 2, unbounded_retention: 1, revenue: 275, revenue_retention: null },
      unobserved('2023-Q4', 2, 2, '2024-04-01'),
      { cohort_label: '2024-Q1', cohort_size: 6, period: 0, period_start: '2024-01-01', observed: true, active_partners: 5, partner_retention: 5 / 6, unbounded_partners: 5, unbounded_retention: 5 / 6, revenue: 2650, revenue_retention: 1 },
      unobserved('2024-Q1', 6, 1, '2024-04-01'),
      unobserved('2024-Q1', 6, 2, '2024-07-01'),
      unobserved('2024-Q2', 3, 0, '2024-04-01'),
      unobserved('2024-Q2', 3, 1, '2024-07-01'),
      unobserved('2024-Q2', 3, 2, '2024-10-01'),
    ]);
  });
});

describe('cohorts.annual', () => {
  // Years each partner won a deal in:
  //   S1 SaaS 2021-2024 · S2 SaaS 2021, 2023 (every other year) · S3 SaaS 2022-2023
  //   D1 Distribution 2021-2022 · D2 Distribution 2022 · D3 Distribution 2021-2023
  //   N1 (no sector) 2022-2023 · X1 (not in the partners table) 2021-2022
  // 2022: of 2021's S1 S2 D1 D3 X1, all but S2 sell again → 4/5; SaaS 1/2, Distribution 2/2, none 1/1.
  // 2023: of 2022's S1 S3 D1 D2 D3 N1 X1, S1 S3 D3 N1 → 4/7; SaaS 2/2, Distribution 1/3, none 1/2.
  // 2024: of 2023's S1 S2 S3 D3 N1, only S1 → 1/5; SaaS 1/3, Distribution 0/1, none 0/1.
  const years: Record<string, number[]> = {
    S1: [2021, 2022, 2022, 2023], // and 2024-03-10, the latest won deal, added below
    S2: [2021, 2023],
    S3: [2022, 2023],
    D1: [2021, 2022],
    D2: [2022],
    D3: [2021, 2022, 2023],
    N1: [2022, 2023],
    X1: [2021, 2022],
  };
  const sectors: Record<string, string | null> = { S1: 'SaaS B2B', S2: 'SaaS B2B', S3: 'SaaS B2B', D1: 'Distribution', D2: 'Distribution', D3: 'Distribution', N1: null };

  beforeAll(async () => {
    await createTable(engine, 'yr_partners', PARTNERS, Object.entries(sectors).map(([id, s]) => [id, id, s, '2020-01-01']));
    const rows: Cell[][] = Object.entries(years).flatMap(([id, ys]) => ys.map((y, k) => [0, id, `${y}-0${k % 9 + 1}-15`, 10, 'won']));
    rows.push([0, 'D2', '2023-05-05', 10, 'lost']);
    rows.push([0, 'S1', '2024-03-10', 10, 'won']);
    await createTable(engine, 'yr_deals', DEALS, rows);
  });

  const COLS_A = ['year', 'level', 'sector', 'partners_prev_year', 'retained', 'retention'] as const;
  const upTo2023 = [
    { year: 2022, level: 'overall', sector: null, partners_prev_year: 5, retained: 4, retention: 0.8 },
    { year: 2022, level: 'sector', sector: 'Distribution', partners_prev_year: 2, retained: 2, retention: 1 },
    { year: 2022, level: 'sector', sector: 'SaaS B2B', partners_prev_year: 2, retained: 1, retention: 0.5 },
    { year: 2022, level: 'sector', sector: null, partners_prev_year: 1, retained: 1, retention: 1 },
    { year: 2023, level: 'overall', sector: null, partners_prev_year: 7, retained: 4, retention: 4 / 7 },
    { year: 2023, level: 'sector', sector: 'Distribution', partners_prev_year: 3, retained: 1, retention: 1 / 3 },
    { year: 2023, level: 'sector', sector: 'SaaS B2B', partners_prev_year: 2, retained: 2, retention: 1 },
    { year: 2023, level: 'sector', sector: null, partners_prev_year: 2, retained: 1, retention: 0.5 },
  ];

  it('reports only years that have ended (default as-of 2024-03-11 leaves 2024 out)', async () => {
    const rows = await rowsOf(engine, annualRetentionSql({ deals: 'yr_deals', partners: 'yr_partners' }));
    expect(pick(rows, COLS_A)).toEqual(upTo2023);
  });

  it('adds 2024 once the as-of date is past its end', async () => {
    const rows = await rowsOf(engine, annualRetentionSql({ deals: 'yr_deals', partners: 'yr_partners', asOf: '2025-01-01' }));
    expect(pick(rows, COLS_A)).toEqual([
      ...upTo2023,
      { year: 2024, level: 'overall', sector: null, partners_prev_year: 5, retained: 1, retention: 0.2 },
      { year: 2024, level: 'sector', sector: 'Distribution', partners_prev_year: 1, retained: 0, retention: 0 },
      { year: 2024, level: 'sector', sector: 'SaaS B2B', partners_prev_year: 3, retained: 1, retention: 1 / 3 },
      { year: 2024, level: 'sector', sector: null, partners_prev_year: 1, retained: 0, retention: 0 },
    ]);
  });
});
