/**
 * Partner LTV on a hand-worked fixture. Retention rates are twelfth powers (0.95¹², 0.9¹²) so that the
 * monthly churn 1 − r^(1/12) comes out as 5 % and 10 %; a window of 1461 days (2021-01-01 to 2025-01-01)
 * is exactly 1461 × 12 / 365.25 = 48 months.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { ltvPartnersSql, ltvSegmentsSql } from '../../src/analytics/ltv';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const DEALS = 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), gross_margin DOUBLE, status VARCHAR';

// Over 2021-01-01 … 2024-12-31 (48 months), revenue / margin:
// L1 48,000 / 6,000 + 12,000 = 18,000 → 1000 / 375 a month.
// L2 9,600 / 4,800 → 200 / 100 (its lost deal does not count).
// L3 4,800 without margin → 100 / 0 (its 2020-12-31 deal is before the window).
// L4 no deal → 0 / 0. L5 (not in partners) 2,400 / 1,200 → 50 / 25.
const DEAL_ROWS: Cell[][] = [
  [1, 'L1', '2021-06-01', 24000, 0.25, 'won'],
  [2, 'L1', '2024-06-01', 24000, 0.5, 'won'],
  [3, 'L2', '2022-01-01', 9600, 0.5, 'won'],
  [4, 'L2', '2023-01-01', 100000, 0.5, 'lost'],
  [5, 'L3', '2020-12-31', 50000, 0.5, 'won'],
  [6, 'L3', '2023-03-03', 4800, null, 'won'],
  [7, 'L5', '2024-12-31', 2400, 0.5, 'won'],
  [8, null, '2024-02-02', 7777, 0.5, 'won'],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR, sector VARCHAR, tier VARCHAR', [
    ['L1', 'Partner L1', 'SaaS', 'Gold'], ['L2', 'Partner L2', 'Telco', 'Silver'], ['L3', 'Partner L3', null, 'Bronze'], ['L4', 'Partner L4', 'SaaS', null],
  ]);
  await createTable(engine, 'deals', DEALS, DEAL_ROWS);
  // The shape of a cohorts.annual result.
  await createTable(engine, 'annual_retention', 'year INTEGER, level VARCHAR, sector VARCHAR, partners_prev_year INTEGER, retained INTEGER, retention DOUBLE', [
    [2023, 'overall', null, 10, 5, 0.5],
    [2024, 'overall', null, 100, 54, 0.95 ** 12],
    [2024, 'sector', 'SaaS', 50, 14, 0.9 ** 12],
    [2024, 'sector', 'Telco', 20, 20, 1],
  ]);
});

const near = (v: number) => expect.closeTo(v, 6);
const COLS = ['partner_id', 'revenue', 'gross_margin', 'months', 'avg_monthly_revenue', 'avg_monthly_margin', 'retention_year', 'retention_basis', 'monthly_churn', 'ltv'] as const;

describe('ltv.partners', () => {
  it('divides the monthly margin by the monthly churn of the latest year of overall retention', async () => {
    const rows = await rowsOf(engine, ltvPartnersSql({ asOf: '2025-01-01', windowDays: 1461 }));
    // Churn 5 %: L1 375 / 0.05 = 7500, L2 100 / 0.05 = 2000, L5 25 / 0.05 = 500, L3 and L4 0.
    expect(pick(rows, COLS)).toEqual([
      { partner_id: 'L1', revenue: 48000, gross_margin: 18000, months: 48, avg_monthly_revenue: 1000, avg_monthly_margin: 375, retention_year: 2024, retention_basis: 'overall', monthly_churn: near(0.05), ltv: near(7500) },
      { partner_id: 'L2', revenue: 9600, gross_margin: 4800, months: 48, avg_monthly_revenue: 200, avg_monthly_margin: 100, retention_year: 2024, retention_basis: 'overall', monthly_churn: near(0.05), ltv: near(2000) },
      { partner_id: 'L5', revenue: 2400, gross_margin: 1200, months: 48, avg_monthly_revenue: 50, avg_monthly_margin: 25, retention_year: 2024, retention_basis: 'overall', monthly_churn: near(0.05), ltv: near(500) },
      { partner_id: 'L3', revenue: 4800, gross_margin: 0, months: 48, avg_monthly_revenue: 100, avg_monthly_margin: 0, retention_year: 2024, retention_basis: 'overall', monthly_churn: near(0.05), ltv: 0 },
      { partner_id: 'L4', revenue: 0, gross_margin: 0, months: 48, avg_monthly_revenue: 0, avg_monthly_margin: 0, retention_year: 2024, retention_basis: 'overall', monthly_churn: near(0.05), ltv: 0 },
    ]);
    expect(pick(rows, ['name', 'sector', 'tier', 'margin_rate', 'annual_retention'])[0]).toEqual({
      name: 'Partner L1', sector: 'SaaS', tier: 'Gold', margin_rate: 0.375, annual_retention: 0.95 ** 12,
    });
    expect(rows.find((r) => r.partner_id === 'L4')!.margin_rate).toBeNull();
  });

  it('uses sector retention where known, and gives no LTV at 100 % retention', async () => {
    const rows = await rowsOf(engine, ltvPartnersSql({ asOf: '2025-01-01', windowDays: 1461, bySector: true }));
    // L1 (SaaS) 375 / 0.1 = 3750; L4 (SaaS) 0; L2 (Telco) churn 0 → NULL; L3 (no sector) and L5 (unknown partner) overall.
    expect(pick(rows, ['partner_id', 'retention_basis', 'monthly_churn', 'ltv'])).toEqual([
      { partner_id: 'L1', retention_basis: 'sector', monthly_churn: near(0.1), ltv: near(3750) },
      { partner_id: 'L5', retention_basis: 'overall', monthly_churn: near(0.05), ltv: near(500) },
      { partner_id: 'L3', retention_basis: 'overall', monthly_churn: near(0.05), ltv: 0 },
      { partner_id: 'L4', retention_basis: 'sector', monthly_churn: near(0.1), ltv: 0 },
      { partner_id: 'L2', retention_basis: 'sector', monthly_churn: 0, ltv: null },
    ]);
  });

  it('takes an older retention year when asked', async () => {
    const rows = await rowsOf(engine, ANALYSES['ltv.partners']!.sql!({
      deals: 'deals', partners: 'partners', retention: 'annual_retention', year: 2023, by_sector: false,
      as_of: '2025-01-01', window_days: 1461, gross_margin: 'fraction',
    }));
    // 50 % a year: monthly churn 1 − 0.5^(1/12) = 0.0561256873; L1: 375 / that = 6681.4327.
    expect(pick(rows.slice(0, 1), ['partner_id', 'retention_year', 'monthly_churn', 'ltv'])).toEqual([
      { partner_id: 'L1', retention_year: 2023, monthly_churn: near(0.0561256873), ltv: expect.closeTo(6681.4327, 3) },
    ]);
  });

  it('averages over the default 365 days, or over all history since the first won deal', async () => {
    const year = await rowsOf(engine, ltvPartnersSql({ asOf: '2025-01-01' }));
    // 2024-01-02 … 2024-12-31: 365 × 12 / 365.25 = 11.9917864 months; L1 margin 12,000 → 1000.68493 a month.
    expect(pick(year.filter((r) => r.partner_id === 'L1'), ['revenue', 'months', 'avg_monthly_margin', 'ltv'])).toEqual([
      { revenue: 24000, months: near(11.9917864), avg_monthly_margin: expect.closeTo(1000.68493, 4), ltv: expect.closeTo(20013.6986, 3) },
    ]);
    const all = await rowsOf(engine, ltvPartnersSql({ asOf: '2025-01-01', windowDays: null }));
    // From L3's 2020-12-31 deal: 1462 days = 48.0328542 months; L3's early 50,000 now counts.
    expect(pick(all.filter((r) => r.partner_id === 'L3'), ['revenue', 'gross_margin', 'months'])).toEqual([{ revenue: 54800, gross_margin: 25000, months: near(48.0328542) }]);
  });

  it('reads gross_margin as money when told', async () => {
    await createTable(engine, 'deals_money_margin', DEALS, [[1, 'L1', '2024-06-01', 24000, 6000, 'won']]);
    const rows = await rowsOf(engine, ltvPartnersSql({ deals: 'deals_money_margin', asOf: '2025-01-01', windowDays: 1461, grossMargin: 'amount' }));
    expect(pick(rows.slice(0, 1), ['partner_id', 'gross_margin', 'margin_rate', 'avg_monthly_margin', 'ltv'])).toEqual([
      { partner_id: 'L1', gross_margin: 6000, margin_rate: 0.25, avg_monthly_margin: 125, ltv: near(2500) },
    ]);
  });
});

describe('ltv.segments', () => {
  it('sums LTV per segment, partners missing from the segment relation in their own group', async () => {
    await engine.query(`CREATE OR REPLACE TABLE ltv_partners AS ${ltvPartnersSql({ asOf: '2025-01-01', windowDays: 1461 })}`);
    await createTable(engine, 'segs', 'partner_id VARCHAR, segment VARCHAR', [['L1', 'Champions'], ['L2', 'Champions'], ['L3', 'Hibernating']]);
    const rows = await rowsOf(engine, ltvSegmentsSql({ segments: 'segs' }));
    // Champions 7500 + 2000; (no segment) L4 0 + L5 500; Hibernating L3 0. Total 10,000.
    expect(rows).toEqual([
      { segment: 'Champions', partners: 2, partners_with_ltv: 2, total_ltv: near(9500), mean_ltv: near(4750), median_ltv: near(4750), share_of_ltv: near(0.95), avg_monthly_revenue: 1200 },
      { segment: '(no segment)', partners: 2, partners_with_ltv: 2, total_ltv: near(500), mean_ltv: near(250), median_ltv: near(250), share_of_ltv: near(0.05), avg_monthly_revenue: 50 },
      { segment: 'Hibernating', partners: 1, partners_with_ltv: 1, total_ltv: 0, mean_ltv: 0, median_ltv: 0, share_of_ltv: 0, avg_monthly_revenue: 100 },
    ]);
  });
});
