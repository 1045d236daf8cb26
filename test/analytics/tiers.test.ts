/**
 * Tier advice on a hand-worked fixture. As of 2025-01-01 the last four quarters are 2024-Q1 … 2024-Q4.
 *
 * Rules: Gold (rank 1) 30,000 revenue, 4 deals, 2 certifications; Silver (2) 10,000, 2, 1; Bronze (3) nothing.
 *
 * | partner | tier     | revenue | deals | certs | best tier met | advice, decided by                            |
 * | A       | Gold     | 50,000  | 5     | 2     | Gold          | keep                                          |
 * | B       | Gold     | 21,000  | 6     | 3     | Silver        | demote, min_won_revenue (21,000 < 30,000)     |
 * | C       | gold     | 42,000  | 3     | 0     | Bronze        | demote, min_won_deals (revenue passes, 3 < 4) |
 * | D       | Bronze   | 35,000  | 4     | 2     | Gold          | promote, min_won_revenue (Gold asks 30,000 > 0) |
 * | E       | Silver   | 15,000  | 2     | 1     | Silver        | keep                                          |
 * | F       | (none)   | 12,000  | 2     | 1     | Silver        | assign                                        |
 * | G       | Platinum | 0       | 0     | 0     | Bronze        | unknown tier                                  |
 * | H       | Silver   | 0       | 0     | 0     | Bronze        | demote, min_won_revenue                       |
 *
 * Left out of the counts: A's 2023 deal, a deal on the as-of date, a lost deal, a webinar, a 2023 training.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { tierAdviceSql } from '../../src/analytics/tiers';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const won = (partner: string, n: number, total: number, day = '2024-06-01'): Cell[][] =>
  Array.from({ length: n }, () => [partner, day, total / n, 'won']);
const certs = (partner: string, n: number, kind = 'training', day = '2024-05-05 10:00:00'): Cell[][] =>
  Array.from({ length: n }, () => [partner, day, kind]);

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR, tier VARCHAR', [
    ['A', 'Alpha', 'Gold'], ['B', 'Beta', 'Gold'], ['C', 'Gamma', 'gold'], ['D', 'Delta', 'Bronze'], ['E', 'Epsilon', 'Silver'],
    ['F', 'Phi', null], ['G', 'Gimel', 'Platinum'], ['H', 'Eta', 'Silver'],
  ]);
  await createTable(engine, 'deals', 'partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR', [
    ...won('A', 5, 50000), ...won('A', 1, 99000, '2023-12-31'), ...won('A', 1, 99000, '2025-01-01'),
    ...won('B', 6, 21000), ...won('C', 3, 42000), ...won('D', 4, 35000), ...won('E', 2, 15000), ...won('F', 2, 12000),
    ['H', '2024-03-03', 80000, 'lost'],
    ['Z', '2024-12-31', 1, 'won'], // a partner missing from the partners table sets the default as-of date only
  ]);
  await createTable(engine, 'activities', 'partner_id VARCHAR, occurred_at TIMESTAMP, kind VARCHAR', [
    ...certs('A', 2), ...certs('B', 2), ...certs('B', 1, 'Certification'), ...certs('D', 2), ...certs('E', 1), ...certs('F', 1),
    ...certs('H', 3, 'webinar'), ...certs('H', 1, 'training', '2023-11-30 09:00:00'),
  ]);
  await createTable(engine, 'tier_rules', 'tier VARCHAR, rank INTEGER, min_won_revenue DECIMAL(12,2), min_won_deals INTEGER, min_certifications INTEGER', [
    ['Gold', 1, 30000, 4, 2], ['Silver', 2, 10000, 2, 1], ['Bronze', 3, 0, 0, 0],
  ]);
});

describe('review.tier_advice', () => {
  it('recommends the best tier met and says why, demotions first', async () => {
    const rows = await rowsOf(engine, tierAdviceSql({ asOf: '2025-01-01' }));
    expect(pick(rows, ['partner_id', 'tier', 'tier_rank', 'won_revenue_4q', 'won_deals_4q', 'certifications', 'recommended_tier', 'advice', 'decided_by'])).toEqual([
      { partner_id: 'C', tier: 'gold', tier_rank: 1, won_revenue_4q: 42000, won_deals_4q: 3, certifications: 0, recommended_tier: 'Bronze', advice: 'demote', decided_by: 'min_won_deals' },
      { partner_id: 'B', tier: 'Gold', tier_rank: 1, won_revenue_4q: 21000, won_deals_4q: 6, certifications: 3, recommended_tier: 'Silver', advice: 'demote', decided_by: 'min_won_revenue' },
      { partner_id: 'H', tier: 'Silver', tier_rank: 2, won_revenue_4q: 0, won_deals_4q: 0, certifications: 0, recommended_tier: 'Bronze', advice: 'demote', decided_by: 'min_won_revenue' },
      { partner_id: 'D', tier: 'Bronze', tier_rank: 3, won_revenue_4q: 35000, won_deals_4q: 4, certifications: 2, recommended_tier: 'Gold', advice: 'promote', decided_by: 'min_won_revenue' },
      { partner_id: 'F', tier: null, tier_rank: null, won_revenue_4q: 12000, won_deals_4q: 2, certifications: 1, recommended_tier: 'Silver', advice: 'assign', decided_by: null },
      { partner_id: 'G', tier: 'Platinum', tier_rank: null, won_revenue_4q: 0, won_deals_4q: 0, certifications: 0, recommended_tier: 'Bronze', advice: 'unknown tier', decided_by: null },
      { partner_id: 'A', tier: 'Gold', tier_rank: 1, won_revenue_4q: 50000, won_deals_4q: 5, certifications: 2, recommended_tier: 'Gold', advice: 'keep', decided_by: null },
      { partner_id: 'E', tier: 'Silver', tier_rank: 2, won_revenue_4q: 15000, won_deals_4q: 2, certifications: 1, recommended_tier: 'Silver', advice: 'keep', decided_by: null },
    ]);
    const reason = Object.fromEntries(rows.map((r) => [r.partner_id, r.reason]));
    expect(reason).toEqual({
      C: '3 won deals, below the Gold minimum 4; meets Bronze',
      B: 'won revenue 21,000 below the Gold minimum 30,000; meets Silver',
      H: 'won revenue 0 below the Silver minimum 10,000; meets Bronze',
      D: 'meets every minimum of Gold: won revenue 35,000 (≥ 30,000), 4 won deals (≥ 4), 2 certifications (≥ 2)',
      F: 'no tier yet; meets Silver',
      G: 'tier Platinum is not in the tier rules',
      A: 'meets every minimum of Gold, the best tier',
      E: 'meets every minimum of Silver, not of the tier above',
    });
    expect(rows[0]).toMatchObject({ window_start: '2024-01-01', as_of: '2025-01-01', rfm_segment: null, health_score: null });
  });

  it('defaults the as-of date to the day after the latest won deal, and shows the segment and health given', async () => {
    await createTable(engine, 'segs', 'partner_id VARCHAR, segment VARCHAR', [['D', 'Champions']]);
    await createTable(engine, 'health', 'partner_id VARCHAR, health_score DOUBLE, status VARCHAR', [['D', 91, 'green'], ['B', 40, 'red']]);
    const rows = await rowsOf(engine, ANALYSES['review.tier_advice']!.sql!({
      deals: 'deals', partners: 'partners', activities: 'activities', tier_rules: 'tier_rules',
      certification_kinds: 'training, certification', as_of: null, rfm: 'segs', health: 'health',
    }));
    // Latest won deal 2025-01-01 (A's) → as of 2025-01-02: its quarter is 2025-Q1, four quarters from 2024-04-01.
    // A's 2025-01-01 deal now counts (99,000 more), B's and the others' 2024-06-01 deals still do.
    const byId = Object.fromEntries(rows.map((r) => [r.partner_id, r]));
    expect(pick([byId.A!, byId.D!, byId.B!], ['partner_id', 'won_revenue_4q', 'won_deals_4q', 'rfm_segment', 'health_score', 'health_status', 'window_start', 'as_of'])).toEqual([
      { partner_id: 'A', won_revenue_4q: 149000, won_deals_4q: 6, rfm_segment: null, health_score: null, health_status: null, window_start: '2024-04-01', as_of: '2025-01-02' },
      { partner_id: 'D', won_revenue_4q: 35000, won_deals_4q: 4, rfm_segment: 'Champions', health_score: 91, health_status: 'green', window_start: '2024-04-01', as_of: '2025-01-02' },
      { partner_id: 'B', won_revenue_4q: 21000, won_deals_4q: 6, rfm_segment: null, health_score: 40, health_status: 'red', window_start: '2024-04-01', as_of: '2025-01-02' },
    ]);
  });
});
