/**
 * churn.bgnbd / churn.model: won-deal histories read from SQL and turned into weeks, checked against
 * histories worked out by hand from the fixture's dates; the predictions must then be the models'
 * formulas applied to those hand-made histories.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES, type AnalysisContext } from '../../src/analytics';
import { conditionalExpectedTransactions, fitBgNbd, probabilityAlive, type BgNbdHistory } from '../../src/analytics/bgnbd';
import { churnHistorySql, churnHistoryStatsSql, churnStatsSql, statsOfMarkedHistories } from '../../src/analytics/churn';
import { conditionalExpectedValue, fitGammaGamma, populationMeanValue } from '../../src/analytics/gammagamma';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;
let ctx: AnalysisContext;

const monthly = (partner: string, days: string[], amount: number): Cell[][] => days.map((d) => [partner, d, amount, 'won']);

const DEAL_ROWS: Cell[][] = [
  // C01: two deals on 2024-01-01 (one deal day, 1500), then 2024-07-01 (2000) and 2024-12-02 (3000).
  ['C01', '2024-01-01', 1000, 'won'], ['C01', '2024-01-01', 500, 'won'], ['C01', '2024-07-01', 2000, 'won'], ['C01', '2024-12-02', 3000, 'won'],
  // C02: once a year, every 1 March since 2021.
  ...monthly('C02', ['2021-03-01', '2022-03-01', '2023-03-01', '2024-03-01'], 1000),
  // C03: a single deal.
  ['C03', '2024-10-10', 500, 'won'],
  // C04: every month of 2022, then nothing.
  ...monthly('C04', Array.from({ length: 12 }, (_, m) => `2022-${String(m + 1).padStart(2, '0')}-15`), 400),
  // C05: only a lost deal; C06: two deals a year apart; C07: one deal before the as-of date, one after.
  ['C05', '2024-04-04', 9000, 'lost'],
  ['C06', '2023-05-05', 800, 'won'], ['C06', '2024-05-05', 1200, 'won'],
  ['C07', '2024-06-06', 700, 'won'], ['C07', '2025-02-01', 7000, 'won'],
  [null, '2024-08-08', 5000, 'won'],
];

// As of 2025-01-01. Days: C01 first→last 336, first→as-of 366; C02 1096 and 1402; C03 0 and 83;
// C04 334 and 1082; C06 366 and 607; C07 0 and 209.
const HAND: Record<string, { days: number; repeat: number | null; recency: number; age: number; revenue: number; deals: number }> = {
  C01: { days: 3, repeat: 2500, recency: 336, age: 366, revenue: 6500, deals: 4 },
  C02: { days: 4, repeat: 1000, recency: 1096, age: 1402, revenue: 4000, deals: 4 },
  C03: { days: 1, repeat: null, recency: 0, age: 83, revenue: 500, deals: 1 },
  C04: { days: 12, repeat: 400, recency: 334, age: 1082, revenue: 4800, deals: 12 },
  C06: { days: 2, repeat: 1200, recency: 366, age: 607, revenue: 2000, deals: 2 },
  C07: { days: 1, repeat: null, recency: 0, age: 209, revenue: 700, deals: 1 },
};
const handHistory = (id: string): BgNbdHistory => ({ frequency: HAND[id]!.days - 1, recency: HAND[id]!.recency / 7, T: HAND[id]!.age / 7 });
const IDS = ['C01', 'C02', 'C03', 'C04', 'C06', 'C07'];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07'].map((id) => [id, `Partner ${id}`]));
  await createTable(engine, 'deals', 'partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR', DEAL_ROWS);
  ctx = { rows: (sql) => rowsOf(engine, sql) };
});

describe('churnHistorySql', () => {
  it('gives one history per partner with a won deal, same-day deals as one deal day', async () => {
    const rows = await rowsOf(engine, churnHistorySql({ asOf: '2025-01-01' }));
    expect(pick(rows, ['partner_id', 'won_deals', 'deal_days', 'revenue', 'repeat_day_value', 'recency_days', 'age_days'])).toEqual(
      IDS.map((id) => ({
        partner_id: id, won_deals: HAND[id]!.deals, deal_days: HAND[id]!.days, revenue: HAND[id]!.revenue,
        repeat_day_value: HAND[id]!.repeat, recency_days: HAND[id]!.recency, age_days: HAND[id]!.age,
      })),
    );
    expect(rows[0]).toMatchObject({ name: 'Partner C01', first_deal_on: '2024-01-01', last_deal_on: '2024-12-02', days_since_last: 30, as_of: '2025-01-01' });
  });
});

describe('churnStatsSql', () => {
  it('groups identical histories and identical (x, mean value) pairs with their counts', async () => {
    // D1 and D2: the same three deal days (0, 100, 300 days from 2024-01-01), D2's second and third days
    // two deals each but the same amounts per day; D3 one deal. As of 2025-01-01: age 366 days.
    await createTable(engine, 'stats_deals', 'partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR', [
      ['D1', '2024-01-01', 100, 'won'], ['D1', '2024-04-10', 300, 'won'], ['D1', '2024-10-27', 500, 'won'],
      ['D2', '2024-01-01', 900, 'won'], ['D2', '2024-04-10', 100, 'won'], ['D2', '2024-04-10', 200, 'won'],
      ['D2', '2024-10-27', 250, 'won'], ['D2', '2024-10-27', 250, 'won'],
      ['D3', '2024-06-01', 80, 'won'],
    ]);
    const rows = await rowsOf(engine, `${churnStatsSql({ deals: 'stats_deals', asOf: '2025-01-01' })} ORDER BY model, deal_days`);
    // D1, D2: 3 deal days, recency 300, age 366; repeat days' mean (300 + 500)/2 = 400 for both.
    // D3: 1 deal day, age 214 (2024-06-01 → 2025-01-01), no repeat day.
    expect(pick(rows, ['model', 'deal_days', 'recency_days', 'age_days', 'repeat_day_value', 'partners'])).toEqual([
      { model: 'bgnbd', deal_days: 1, recency_days: 0, age_days: 214, repeat_day_value: null, partners: 1 },
      { model: 'bgnbd', deal_days: 3, recency_days: 300, age_days: 366, repeat_day_value: null, partners: 2 },
      { model: 'gammagamma', deal_days: 3, recency_days: null, age_days: null, repeat_day_value: 400, partners: 2 },
    ]);
    // The same groups, marked on the partners' own rows (what churn.bgnbd reads in one query).
    const marked = await rowsOf(engine, churnHistoryStatsSql({ deals: 'stats_deals', asOf: '2025-01-01' }));
    expect(pick(marked, ['partner_id', 'history_first', 'history_partners', 'spend_first', 'spend_partners'])).toEqual([
      { partner_id: 'D1', history_first: true, history_partners: 2, spend_first: true, spend_partners: 2 },
      { partner_id: 'D2', history_first: false, history_partners: 2, spend_first: false, spend_partners: 2 },
      { partner_id: 'D3', history_first: true, history_partners: 1, spend_first: true, spend_partners: 1 },
    ]);
    const key = (r: Record<string, unknown>) => JSON.stringify(['model', 'deal_days', 'recency_days', 'age_days', 'repeat_day_value', 'partners'].map((k) => r[k]));
    expect(statsOfMarkedHistories(marked).map(key).sort()).toEqual(rows.map(key).sort());
  });
});

describe('churn.bgnbd', () => {
  const params = { deals: 'deals', partners: 'partners', as_of: '2025-01-01', horizon_weeks: 52, ltv_months: 36, annual_discount: 0.1 };

  it('scores each partner with the models fitted on the hand-made weekly histories', async () => {
    const rows = await ANALYSES['churn.bgnbd']!.compute!(params, ctx);
    const bg = fitBgNbd(IDS.map(handHistory));
    const spend = IDS.filter((id) => HAND[id]!.repeat !== null).map((id) => ({ frequency: HAND[id]!.days - 1, monetary: HAND[id]!.repeat! }));
    const gg = fitGammaGamma(spend);
    // Biggest revenue first: C01 6500, C04 4800, C02 4000, C06 2000, C07 700, C03 500.
    expect(rows.map((r) => r.partner_id)).toEqual(['C01', 'C04', 'C02', 'C06', 'C07', 'C03']);
    for (const row of rows) {
      const id = String(row.partner_id);
      const h = handHistory(id);
      const value = HAND[id]!.repeat === null ? populationMeanValue(gg) : conditionalExpectedValue(gg, h.frequency, HAND[id]!.repeat!);
      expect({ id, frequency: row.frequency, recency_weeks: row.recency_weeks, age_weeks: row.age_weeks }).toEqual({
        id, frequency: h.frequency, recency_weeks: expect.closeTo(h.recency, 12), age_weeks: expect.closeTo(h.T, 12),
      });
      expect(row.p_alive).toBeCloseTo(probabilityAlive(bg, h), 6);
      expect(row.expected_deals).toBeCloseTo(conditionalExpectedTransactions(bg, 52, h), 6);
      expect(row.expected_deal_value).toBeCloseTo(value, 4);
      expect(row.expected_revenue).toBeCloseTo(conditionalExpectedTransactions(bg, 52, h) * value, 3);
    }
    // C02's typical gap: 1096 days / 3 repeats = 52.19 weeks; C03 has no repeat to measure one.
    expect(pick(rows.filter((r) => r.partner_id === 'C02' || r.partner_id === 'C03'), ['partner_id', 'typical_gap_weeks', 'weeks_since_last_deal'])).toEqual([
      { partner_id: 'C02', typical_gap_weeks: expect.closeTo(1096 / 7 / 3, 10), weeks_since_last_deal: expect.closeTo(306 / 7, 10) },
      { partner_id: 'C03', typical_gap_weeks: null, weeks_since_last_deal: expect.closeTo(83 / 7, 10) },
    ]);
  });

  it('rates the once-a-year partner above the one that sold monthly and then stopped', async () => {
    const rows = await ANALYSES['churn.bgnbd']!.compute!(params, ctx);
    const byId = Object.fromEntries(rows.map((r) => [r.partner_id, r]));
    expect(byId.C02!.p_alive as number).toBeGreaterThan(byId.C04!.p_alive as number);
    // No repeat deal yet: the model cannot have seen it leave.
    expect([byId.C03!.p_alive, byId.C07!.p_alive]).toEqual([1, 1]);
  });

  it('explains itself through churn.model, whose parameters are the same fit', async () => {
    const rows = await ANALYSES['churn.model']!.compute!({ deals: 'deals', partners: 'partners', as_of: '2025-01-01' }, ctx);
    const bg = fitBgNbd(IDS.map(handHistory));
    const value = (parameter: string) => rows.find((r) => r.parameter === parameter)?.value as number;
    expect(value('r')).toBeCloseTo(bg.r, 6);
    expect(value('alpha (weeks)')).toBeCloseTo(bg.alpha, 4);
    expect(value('a')).toBeCloseTo(bg.a, 6);
    expect(value('b')).toBeCloseTo(bg.b, 6);
    expect(value('partners')).toBe(6);
    expect(rows.filter((r) => r.model === 'Gamma-Gamma').map((r) => r.parameter)).toContain('p');
  });

  it('says so when there is nothing to model', async () => {
    await expect(ANALYSES['churn.bgnbd']!.compute!({ ...params, as_of: '2020-01-01' }, ctx)).rejects.toThrow(/No partner has a won deal/);
  });
});
