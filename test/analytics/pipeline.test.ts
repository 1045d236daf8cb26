/**
 * The open pipeline on a hand-worked fixture, as of 2025-01-01.
 *
 * Stage table: Qualification (1, probability empty → 1/4), Proposal (2, empty → 2/4), Negotiation (3, 0.7).
 * Won partner deals, registered → closed: W1 30 days and W2 90 days at Negotiation (median 60); W3 10 days
 * without stage, W4 20 days at "Closed won". All won deals: 10, 20, 30, 90 → median 25. So a Negotiation deal
 * stalls after 120 days, any other staged deal after 50, a deal without stage after 180.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { defaultStageRows, pipelineDealsSql, pipelineSummarySql } from '../../src/analytics/pipeline';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const COLUMNS = 'deal_id VARCHAR, partner_id VARCHAR, end_customer VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR, registered_at DATE, stage VARCHAR';
const DEALS: Cell[][] = [
  ['W1', 'P1', 'A', '2024-01-31', 100, 'won', '2024-01-01', 'Negotiation'],
  ['W2', 'P1', 'B', '2024-05-01', 100, 'won', '2024-02-01', 'Negotiation'],
  ['W3', 'P2', 'C', '2024-03-11', 100, 'won', '2024-03-01', null],
  ['W4', 'P2', 'D', '2024-04-21', 100, 'won', '2024-04-01', 'Closed won'],
  ['W5', null, 'E', '2024-06-01', 100, 'won', '2023-01-01', null], // direct: not a partner's cycle
  ['L1', 'P1', 'F', '2024-06-01', 100, 'lost', '2023-06-01', 'Negotiation'], // lost: not a won cycle
  ['O1', 'P1', 'G', '2024-12-20', 1000, 'open', '2024-10-01', 'Negotiation'],
  ['O2', 'P1', 'H', '2024-12-01', 2000, 'open', '2024-08-01', 'negotiation '],
  ['O3', 'P1', 'I', '2025-01-15', 500, 'open', '2024-11-15', 'Qualification'],
  ['O4', 'P2', 'J', '2024-12-31', 4000, 'open', '2024-10-15', 'Proposal'],
  ['O5', 'P2', 'K', '2024-09-01', 300, 'open', '2024-06-01', null],
  ['O6', 'P2', 'L', '2025-02-01', 800, 'open', '2024-12-01', 'Demo'],
  ['O7', 'P3', 'M', '2025-03-01', 600, 'open', null, 'Proposal'],
  ['O8', null, 'N', '2025-03-01', 900, 'open', '2024-12-01', 'Proposal'],
  ['O9', 'P3', 'O', '2025-03-01', 700, 'open', '2025-02-01', 'Proposal'],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', [['P1', 'One'], ['P2', 'Two'], ['P3', 'Three']]);
  await createTable(engine, 'deals', COLUMNS, DEALS);
  await createTable(engine, 'stages', 'stage VARCHAR, stage_order INTEGER, probability DOUBLE', [['Qualification', 1, null], ['Proposal', 2, null], ['Negotiation', 3, 0.7]]);
});

describe('pipeline.deals', () => {
  it('weighs, ages and flags every open partner deal', async () => {
    const rows = await rowsOf(engine, pipelineDealsSql({ stages: 'stages', asOf: '2025-01-01' }));
    // Ages to 2025-01-01: 06-01 → 214, 08-01 → 153, 10-01 → 92, 10-15 → 78, 11-15 → 47, 12-01 → 31.
    // O2's "negotiation " matches the table's Negotiation; O6's "Demo" is not in it: probability 0.5, limit 2 × 25.
    // O7 has no registration date: no age, never stalled. O8 (direct) and O9 (registered after the as-of date) are left out.
    expect(pick(rows, ['deal_id', 'partner_id', 'stage', 'stage_order', 'probability', 'amount', 'weighted_amount', 'age_days', 'won_median_days', 'stalled_after_days', 'stalled'])).toEqual([
      { deal_id: 'O5', partner_id: 'P2', stage: null, stage_order: null, probability: 0.5, amount: 300, weighted_amount: 150, age_days: 214, won_median_days: null, stalled_after_days: 180, stalled: true },
      { deal_id: 'O2', partner_id: 'P1', stage: 'Negotiation', stage_order: 3, probability: 0.7, amount: 2000, weighted_amount: 1400, age_days: 153, won_median_days: 60, stalled_after_days: 120, stalled: true },
      { deal_id: 'O4', partner_id: 'P2', stage: 'Proposal', stage_order: 2, probability: 0.5, amount: 4000, weighted_amount: 2000, age_days: 78, won_median_days: 25, stalled_after_days: 50, stalled: true },
      { deal_id: 'O1', partner_id: 'P1', stage: 'Negotiation', stage_order: 3, probability: 0.7, amount: 1000, weighted_amount: 700, age_days: 92, won_median_days: 60, stalled_after_days: 120, stalled: false },
      { deal_id: 'O3', partner_id: 'P1', stage: 'Qualification', stage_order: 1, probability: 0.25, amount: 500, weighted_amount: 125, age_days: 47, won_median_days: 25, stalled_after_days: 50, stalled: false },
      { deal_id: 'O6', partner_id: 'P2', stage: 'Demo', stage_order: null, probability: 0.5, amount: 800, weighted_amount: 400, age_days: 31, won_median_days: 25, stalled_after_days: 50, stalled: false },
      { deal_id: 'O7', partner_id: 'P3', stage: 'Proposal', stage_order: 2, probability: 0.5, amount: 600, weighted_amount: 300, age_days: null, won_median_days: 25, stalled_after_days: 50, stalled: false },
    ]);
    expect(rows[0]).toMatchObject({ name: 'Two', end_customer: 'K', registered_at: '2024-06-01', expected_close: '2024-09-01', as_of: '2025-01-01' });
  });

  it('without a stage column, every deal stalls after 180 days (or the days given)', async () => {
    await engine.query(`CREATE OR REPLACE TABLE deals_nostage AS SELECT * EXCLUDE (stage) FROM deals`);
    const rows = await rowsOf(engine, pipelineDealsSql({ deals: 'deals_nostage', asOf: '2025-01-01' }));
    expect(rows.filter((r) => r.stalled).map((r) => r.deal_id)).toEqual(['O5']);
    expect(new Set(rows.map((r) => r.probability))).toEqual(new Set([0.5]));
    const strict = await rowsOf(engine, ANALYSES['pipeline.deals']!.sql!({ deals: 'deals_nostage', partners: 'partners', stages: null, as_of: '2025-01-01', stalled_days: 90, default_probability: 0.3 }));
    // 214, 153 and 92 days are over 90.
    expect(strict.filter((r) => r.stalled).map((r) => r.deal_id)).toEqual(['O5', 'O2', 'O1']);
    expect(strict.find((r) => r.deal_id === 'O4')!.weighted_amount).toBeCloseTo(1200, 9);
  });

  it('gives default probabilities by stage order: k / (n + 1)', () => {
    expect(defaultStageRows(['a', 'b', 'c', 'd'])).toEqual([
      { stage: 'a', stage_order: 1, probability: 0.2 },
      { stage: 'b', stage_order: 2, probability: 0.4 },
      { stage: 'c', stage_order: 3, probability: 0.6 },
      { stage: 'd', stage_order: 4, probability: 0.8 },
    ]);
  });
});

describe('pipeline.summary', () => {
  it('adds up per partner and stage, partners with the most stalled money first', async () => {
    const rows = await rowsOf(engine, pipelineSummarySql({ stages: 'stages', asOf: '2025-01-01' }));
    // P2 stalled: O4 4000 + O5 300 = 4300; P1: O2 2000; P3: nothing. Stages in their order, unknown ones after.
    expect(pick(rows, ['partner_id', 'stage', 'open_deals', 'open_amount', 'weighted_forecast', 'stalled_deals', 'stalled_amount', 'median_age_days', 'oldest_age_days', 'partner_open_amount', 'partner_weighted_forecast', 'partner_stalled_amount'])).toEqual([
      { partner_id: 'P2', stage: 'Proposal', open_deals: 1, open_amount: 4000, weighted_forecast: 2000, stalled_deals: 1, stalled_amount: 4000, median_age_days: 78, oldest_age_days: 78, partner_open_amount: 5100, partner_weighted_forecast: 2550, partner_stalled_amount: 4300 },
      { partner_id: 'P2', stage: 'Demo', open_deals: 1, open_amount: 800, weighted_forecast: 400, stalled_deals: 0, stalled_amount: 0, median_age_days: 31, oldest_age_days: 31, partner_open_amount: 5100, partner_weighted_forecast: 2550, partner_stalled_amount: 4300 },
      { partner_id: 'P2', stage: null, open_deals: 1, open_amount: 300, weighted_forecast: 150, stalled_deals: 1, stalled_amount: 300, median_age_days: 214, oldest_age_days: 214, partner_open_amount: 5100, partner_weighted_forecast: 2550, partner_stalled_amount: 4300 },
      { partner_id: 'P1', stage: 'Qualification', open_deals: 1, open_amount: 500, weighted_forecast: 125, stalled_deals: 0, stalled_amount: 0, median_age_days: 47, oldest_age_days: 47, partner_open_amount: 3500, partner_weighted_forecast: 2225, partner_stalled_amount: 2000 },
      { partner_id: 'P1', stage: 'Negotiation', open_deals: 2, open_amount: 3000, weighted_forecast: 2100, stalled_deals: 1, stalled_amount: 2000, median_age_days: 122.5, oldest_age_days: 153, partner_open_amount: 3500, partner_weighted_forecast: 2225, partner_stalled_amount: 2000 },
      { partner_id: 'P3', stage: 'Proposal', open_deals: 1, open_amount: 600, weighted_forecast: 300, stalled_deals: 0, stalled_amount: 0, median_age_days: null, oldest_age_days: null, partner_open_amount: 600, partner_weighted_forecast: 300, partner_stalled_amount: 0 },
    ]);
  });
});
