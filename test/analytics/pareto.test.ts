/**
 * Long tail / Pareto on hand-worked fixtures. Revenues are chosen to total 10,000 so shares read off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { paretoCurveSql, paretoSteadySql, paretoSummarySql, paretoTiersSql, topCountExpr } from '../../src/analytics/pareto';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const DEALS = 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR';

// Won revenue to 2025-01-01: P01 5000, P02 2000, P03 1000 (in 2022), P04 800, P05 500, P06 300, P07 200,
// P08 200, P09 0 (lost and open deals only), P10 0 (no deal). Total 10,000 over n = 10 partners.
const DEAL_ROWS: Cell[][] = [
  [1, 'P01', '2024-03-01', 3000, 'won'],
  [2, 'P01', '2024-09-01', 2000, 'Won'],
  [3, 'P02', '2024-06-15', 2000, 'won'],
  [4, 'P03', '2022-05-10', 1000, 'won'],
  [5, 'P04', '2024-12-31', 800, 'won'],
  [6, 'P05', '2024-02-01', 500, 'won'],
  [7, 'P06', '2024-01-02', 300, 'won'], // first day of a 365-day window ending 2024-12-31
  [8, 'P07', '2024-07-07', 200, 'won'],
  [9, 'P08', '2024-08-08', 200, 'won'],
  [10, 'P09', '2024-05-05', 700, 'lost'],
  [11, 'P09', '2025-03-01', 400, 'open'],
  [12, null, '2024-10-10', 9999, 'won'], // direct sale: no partner's revenue
];

// Tiers, with P08 NULL and P09 blank (both "no tier").
const TIERS: Record<string, string | null> = {
  P01: 'Gold', P02: 'Gold', P03: 'Silver', P04: 'Silver', P05: 'Bronze', P06: 'Bronze', P07: 'Bronze', P08: null, P09: ' ', P10: 'Bronze',
};

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR, tier VARCHAR', Object.entries(TIERS).map(([id, t]) => [id, `Partner ${id}`, t]));
  await createTable(engine, 'deals', DEALS, DEAL_ROWS);
});

/** Gini by its definition as a mean absolute difference, Σᵢ Σⱼ |yᵢ − yⱼ| / (2 n² ȳ): a second method. */
function pairwiseGini(ys: number[]): number {
  const n = ys.length;
  const mean = ys.reduce((s, y) => s + y, 0) / n;
  let sum = 0;
  for (const a of ys) for (const b of ys) sum += Math.abs(a - b);
  return sum / (2 * n * n * mean);
}

describe('topCountExpr', () => {
  it('takes the exact ceiling of pct % × n, where floating point would overshoot', async () => {
    // 20 % of 15 = 3 exactly (0.2 × 15 = 3.0000000000000004 in doubles); 20 % of 12 = 2.4 → 3; 2.5 % of 40 = 1.
    const [row] = await rowsOf(engine, `SELECT ${topCountExpr(20, '15')} AS a, ${topCountExpr(20, '12')} AS b, ${topCountExpr(2.5, '40')} AS c, ${topCountExpr(0, '7')} AS d`);
    expect(row).toEqual({ a: 3, b: 3, c: 1, d: 0 });
  });
});

describe('pareto.curve', () => {
  it('ranks every partner, biggest first, with cumulative shares; the top ⌈20 % × 10⌉ = 2 are not the tail', async () => {
    const rows = await rowsOf(engine, paretoCurveSql());
    // P07 and P08 tie at 200, P09 and P10 at 0: ties go by partner_id.
    expect(pick(rows, ['rank', 'partner_id', 'tier', 'revenue', 'revenue_share', 'partner_share_cum', 'revenue_share_cum', 'in_tail'])).toEqual([
      { rank: 1, partner_id: 'P01', tier: 'Gold', revenue: 5000, revenue_share: 0.5, partner_share_cum: 0.1, revenue_share_cum: 0.5, in_tail: false },
      { rank: 2, partner_id: 'P02', tier: 'Gold', revenue: 2000, revenue_share: 0.2, partner_share_cum: 0.2, revenue_share_cum: 0.7, in_tail: false },
      { rank: 3, partner_id: 'P03', tier: 'Silver', revenue: 1000, revenue_share: 0.1, partner_share_cum: 0.3, revenue_share_cum: 0.8, in_tail: true },
      { rank: 4, partner_id: 'P04', tier: 'Silver', revenue: 800, revenue_share: 0.08, partner_share_cum: 0.4, revenue_share_cum: 0.88, in_tail: true },
      { rank: 5, partner_id: 'P05', tier: 'Bronze', revenue: 500, revenue_share: 0.05, partner_share_cum: 0.5, revenue_share_cum: 0.93, in_tail: true },
      { rank: 6, partner_id: 'P06', tier: 'Bronze', revenue: 300, revenue_share: 0.03, partner_share_cum: 0.6, revenue_share_cum: 0.96, in_tail: true },
      { rank: 7, partner_id: 'P07', tier: 'Bronze', revenue: 200, revenue_share: 0.02, partner_share_cum: 0.7, revenue_share_cum: 0.98, in_tail: true },
      { rank: 8, partner_id: 'P08', tier: null, revenue: 200, revenue_share: 0.02, partner_share_cum: 0.8, revenue_share_cum: 1, in_tail: true },
      { rank: 9, partner_id: 'P09', tier: ' ', revenue: 0, revenue_share: 0, partner_share_cum: 0.9, revenue_share_cum: 1, in_tail: true },
      { rank: 10, partner_id: 'P10', tier: 'Bronze', revenue: 0, revenue_share: 0, partner_share_cum: 1, revenue_share_cum: 1, in_tail: true },
    ].map((r) => ({ ...r, revenue_share_cum: expect.closeTo(r.revenue_share_cum, 12) })));
  });
});

describe('pareto.summary', () => {
  it('gives the top-20 % share, the tail and the Gini coefficient over all partners, zeros included', async () => {
    const [row] = await rowsOf(engine, paretoSummarySql());
    // Ascending revenues 0, 0, 200, 200, 300, 500, 800, 1000, 2000, 5000: Σᵢ<ⱼ |yᵢ − yⱼ| = 65,000, so
    // G = 2 × 65,000 / (2 × 10² × 1000) = 0.65.
    const gini = pairwiseGini([5000, 2000, 1000, 800, 500, 300, 200, 200, 0, 0]);
    expect(gini).toBeCloseTo(0.65, 12);
    expect(row).toEqual({
      as_of: '2025-01-01', window_start: null, partners: 10, partners_with_revenue: 8, revenue: 10000, top_pct: 20,
      top_partners: 2, top_revenue: 7000, top_revenue_share: 0.7, tail_partners: 8, tail_revenue: 3000, tail_revenue_share: 0.3,
      gini: expect.closeTo(0.65, 12),
    });
  });

  it('restricts revenue to a window: 365 days before 2025-01-01 start on 2024-01-02 and leave out P03', async () => {
    const [row] = await rowsOf(engine, ANALYSES['pareto.summary']!.sql!({ deals: 'deals', partners: 'partners', as_of: '2025-01-01', window_days: 365, top_pct: 20 }));
    // Revenues 5000, 2000, 800, 500, 300 (P06 on the window's first day), 200, 200, 0, 0, 0: total 9000.
    expect(row).toMatchObject({
      window_start: '2024-01-02', partners: 10, partners_with_revenue: 7, revenue: 9000,
      top_partners: 2, top_revenue: 7000, top_revenue_share: 7000 / 9000, tail_partners: 8, tail_revenue: 2000,
    });
    expect(row!.gini).toBeCloseTo(pairwiseGini([5000, 2000, 800, 500, 300, 200, 200, 0, 0, 0]), 12);
  });

  it('makes a head of 30 % the top ⌈3⌉ partners', async () => {
    const [row] = await rowsOf(engine, paretoSummarySql({ topPct: 30 }));
    expect(row).toMatchObject({ top_pct: 30, top_partners: 3, top_revenue: 8000, tail_partners: 7, tail_revenue: 2000 });
  });
});

describe('pareto.tiers', () => {
  it('crosses tiers with segments, counting partners missing from the segment table', async () => {
    // P10 is listed twice (New, Hibernating): it takes the first alphabetically, Hibernating. P09 is not listed.
    await createTable(engine, 'segs', 'partner_id VARCHAR, segment VARCHAR', [
      ['P01', 'Champions'], ['P02', 'Loyal'], ['P03', 'Champions'], ['P04', 'At risk'], ['P05', 'Champions'],
      ['P06', 'Champions'], ['P07', 'Hibernating'], ['P08', 'Champions'], ['P10', 'New'], ['P10', 'Hibernating'],
    ]);
    const rows = await rowsOf(engine, paretoTiersSql({ segments: 'segs' }));
    expect(rows).toEqual([
      { tier: 'Gold', segment: 'Champions', partners: 1, share_of_tier: 0.5 },
      { tier: 'Gold', segment: 'Loyal', partners: 1, share_of_tier: 0.5 },
      { tier: 'Silver', segment: 'At risk', partners: 1, share_of_tier: 0.5 },
      { tier: 'Silver', segment: 'Champions', partners: 1, share_of_tier: 0.5 },
      { tier: 'Bronze', segment: 'Champions', partners: 2, share_of_tier: 0.5 },
      { tier: 'Bronze', segment: 'Hibernating', partners: 2, share_of_tier: 0.5 },
      { tier: '(no tier)', segment: '(no segment)', partners: 1, share_of_tier: 0.5 },
      { tier: '(no tier)', segment: 'Champions', partners: 1, share_of_tier: 0.5 },
    ]);
  });
});

describe('pareto.steady', () => {
  // As of 2026-01-01, 3 years: 2023, 2024, 2025. Yearly revenue per partner (population sd ÷ mean):
  // S1 1000, 1000, 1000 (and 5000 in 2021, before the window; 99,999 after the as-of date): cv 0.
  // S2 1000, 3000, 2000: mean 2000, sd √(2·10⁶/3) = 816.497, cv 0.408248.
  // S3 1000, 0, 1000: mean 666.67, sd 471.405, cv 0.707107; a year without deals, so not steady.
  // S4 starts 2024-06-01: 500, 1500 over its 2 years: mean 1000, sd 500, cv 0.5 (exactly the limit).
  // S5 starts in 2025: a single year, cv 0, too short to call steady.
  // S6 50,000, 60,000, 55,000: mean 55,000, sd 4082.48, cv 0.0742270; with S2 the top ⌈20 % × 8⌉ = 2.
  // S7 has no deal at all but counts among the 8 partners.
  const rows: Cell[][] = [
    [1, 'S1', '2021-04-04', 5000, 'won'], [2, 'S1', '2023-03-01', 1000, 'won'], [3, 'S1', '2024-03-01', 1000, 'won'],
    [4, 'S1', '2025-03-01', 1000, 'won'], [5, 'S1', '2026-02-01', 99999, 'won'],
    [6, 'S2', '2023-01-01', 1000, 'won'], [7, 'S2', '2024-05-05', 1000, 'won'], [8, 'S2', '2024-11-05', 2000, 'won'], [9, 'S2', '2025-12-31', 2000, 'won'],
    [10, 'S3', '2023-06-01', 1000, 'won'], [11, 'S3', '2024-06-01', 4000, 'lost'], [12, 'S3', '2025-06-01', 1000, 'won'],
    [13, 'S4', '2024-06-01', 500, 'won'], [14, 'S4', '2025-06-01', 1500, 'won'],
    [15, 'S5', '2025-03-03', 800, 'won'],
    [16, 'S6', '2023-02-02', 50000, 'won'], [17, 'S6', '2024-02-02', 60000, 'won'], [18, 'S6', '2025-02-02', 55000, 'won'],
  ];

  it('flags partners selling every observed year with a variation of at most max_cv', async () => {
    await createTable(engine, 'steady_deals', DEALS, rows);
    await createTable(engine, 'steady_partners', 'partner_id VARCHAR, name VARCHAR, tier VARCHAR',
      ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'].map((id) => [id, `Partner ${id}`, 'Bronze']));
    const out = await rowsOf(engine, paretoSteadySql({ deals: 'steady_deals', partners: 'steady_partners', asOf: '2026-01-01' }));
    const cols = ['partner_id', 'first_year', 'last_year', 'years_observed', 'years_with_deals', 'revenue', 'mean_yearly_revenue', 'min_yearly_revenue', 'cv', 'in_tail', 'every_year', 'steady'] as const;
    expect(pick(out, cols)).toEqual([
      { partner_id: 'S1', first_year: 2023, last_year: 2025, years_observed: 3, years_with_deals: 3, revenue: 3000, mean_yearly_revenue: 1000, min_yearly_revenue: 1000, cv: 0, in_tail: true, every_year: true, steady: true },
      { partner_id: 'S4', first_year: 2023, last_year: 2025, years_observed: 2, years_with_deals: 2, revenue: 2000, mean_yearly_revenue: 1000, min_yearly_revenue: 500, cv: 0.5, in_tail: true, every_year: true, steady: true },
      { partner_id: 'S6', first_year: 2023, last_year: 2025, years_observed: 3, years_with_deals: 3, revenue: 165000, mean_yearly_revenue: 55000, min_yearly_revenue: 50000, cv: expect.closeTo(0.074227, 6), in_tail: false, every_year: true, steady: true },
      { partner_id: 'S2', first_year: 2023, last_year: 2025, years_observed: 3, years_with_deals: 3, revenue: 6000, mean_yearly_revenue: 2000, min_yearly_revenue: 1000, cv: expect.closeTo(0.408248, 6), in_tail: false, every_year: true, steady: true },
      { partner_id: 'S5', first_year: 2023, last_year: 2025, years_observed: 1, years_with_deals: 1, revenue: 800, mean_yearly_revenue: 800, min_yearly_revenue: 800, cv: 0, in_tail: true, every_year: false, steady: false },
      { partner_id: 'S3', first_year: 2023, last_year: 2025, years_observed: 3, years_with_deals: 2, revenue: 2000, mean_yearly_revenue: expect.closeTo(2000 / 3, 9), min_yearly_revenue: 0, cv: expect.closeTo(0.707107, 6), in_tail: true, every_year: false, steady: false },
    ]);
  });

  it('tightens with max_cv: at 0.4 only S1 and S6 stay steady, while S2 and S4 still sell every year', async () => {
    const out = await rowsOf(engine, ANALYSES['pareto.steady']!.sql!({ deals: 'steady_deals', partners: 'steady_partners', as_of: '2026-01-01', years: 3, max_cv: 0.4, top_pct: 20 }));
    expect(out.filter((r) => r.steady).map((r) => r.partner_id)).toEqual(['S1', 'S6']);
    // Not steady, every year: tail first (S4), then by cv.
    expect(out.filter((r) => !r.steady && r.every_year).map((r) => r.partner_id)).toEqual(['S4', 'S2']);
  });
});
