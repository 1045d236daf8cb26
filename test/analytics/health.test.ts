/**
 * Partner health on a hand-worked fixture, as of 2025-01-01: last four quarters = 2024, the four before =
 * 2023, engagement over 2024-10-03 … 2024-12-31 (90 days), enablement (trainings, certifications) over 2024.
 *
 * | partner | peers     | 2024 | 2023 | trend           | engagement | enablement | pipeline | NPS  |
 * | A       | sector S1 | 200  | 100  | 100/150 = 0.667 | 30         | 2          | 1000     | 9    |
 * | B       | sector S1 | 100  | 100  | 0               | 10         | 0          | 0        | —    |
 * | C       | sector S1 | 0    | 100  | −2              | 10         | 1          | 500      | 3    |
 * | D       | sector S1 | 50   | 0    | +2              | 0          | 0          | 0        | 9    |
 * | E       | sector S2 | 300  | 300  | 0               | 5          | 1          | 200      | 7    |
 * | F       | sector S2 | 0    | 0    | 0               | 0          | 0          | 0        | —    |
 * | G       | tier Gold | 10   | 0    | +2              | 0          | 0          | 0        | —    |
 *
 * Percentile among peers = 100 · (below + (tied − 1)/2) / (n − 1).
 * S1 (n = 4, ÷ 3): trend C 0, B 33.33, A 66.67, D 100; engagement D 0, B and C (1 + ½)/3 = 50, A 100;
 *   enablement B and D ½/3 = 16.67, C 66.67, A 100; pipeline B, D 16.67, C 66.67, A 100;
 *   relationship among the 3 who answered (÷ 2): C 0, A and D (1 + ½)/2 = 75; B never answered: 50.
 * S2 (n = 2, ÷ 1): trend tied 50, 50; engagement, enablement, pipeline F 0, E 100; relationship: E alone
 *   among those who answered → 50, F unknown → 50. G is alone in its group: 50 everywhere.
 * Scores (weights 35, 20, 15, 20, 10, sum 100):
 *   A = (35·66.67 + 20·100 + 15·100 + 20·100 + 10·75) / 100 = 85.83 green
 *   B = (35·33.33 + 20·50 + 15·16.67 + 20·16.67 + 10·50) / 100 = 32.5 red — enablement (16.67), pipeline (16.67)
 *   C = (0 + 20·50 + 15·66.67 + 20·66.67 + 0) / 100 = 33.33 red — revenue trend (0), relationship (0)
 *   D = (35·100 + 0 + 15·16.67 + 20·16.67 + 10·75) / 100 = 48.33 red — engagement (0), enablement (16.67)
 *   E = (35·50 + 20·100 + 15·100 + 20·100 + 10·50) / 100 = 77.5 amber — none below 50
 *   F = (35·50 + 0 + 0 + 0 + 10·50) / 100 = 22.5 red — engagement, enablement (0, 0, 0: component order)
 *   G = 50 amber.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { healthSql } from '../../src/analytics/health';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;
const near = (v: number) => expect.closeTo(v, 9);

const acts = (partner: string, n: number, kind: string, day = '2024-11-05 10:00:00'): Cell[][] => Array.from({ length: n }, () => [partner, day, kind]);

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR, sector VARCHAR, tier VARCHAR', [
    ['A', 'a', 'S1', 'Gold'], ['B', 'b', 'S1', null], ['C', 'c', 'S1', 'Silver'], ['D', 'd', 'S1', null],
    ['E', 'e', 'S2', null], ['F', 'f', 'S2', null], ['G', 'g', null, 'Gold'],
  ]);
  await createTable(engine, 'deals', 'partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR', [
    ['A', '2024-05-01', 200, 'won'], ['A', '2023-05-01', 100, 'won'], ['B', '2024-02-01', 100, 'won'], ['B', '2023-02-01', 100, 'won'],
    ['C', '2023-07-01', 100, 'won'], ['D', '2024-12-30', 50, 'won'], ['E', '2024-03-03', 300, 'won'], ['E', '2023-03-03', 300, 'won'],
    ['G', '2024-01-01', 10, 'won'], ['A', '2022-12-31', 999, 'won'], // before the eight quarters
    ['A', '2024-12-01', 1000, 'open'], ['C', '2024-12-01', 500, 'open'], ['E', '2024-12-01', 200, 'open'], ['F', '2024-12-01', 900, 'lost'],
    [null, '2024-12-01', 5000, 'open'],
  ]);
  await createTable(engine, 'activities', 'partner_id VARCHAR, occurred_at TIMESTAMP, kind VARCHAR', [
    ...acts('A', 3, 'webinar'), ...acts('A', 2, 'training', '2024-04-04 09:00:00'), ...acts('B', 1, 'webinar'), ...acts('C', 10, 'email_open'),
    ...acts('C', 1, 'Certification', '2024-02-02 09:00:00'), ...acts('D', 1, 'webinar', '2024-09-01 09:00:00'), ...acts('D', 1, 'training', '2023-06-06 09:00:00'),
    ...acts('E', 5, 'email_open'), ...acts('E', 1, 'training', '2024-06-06 09:00:00'),
  ]);
  await createTable(engine, 'engagement_points', 'kind VARCHAR, points INTEGER', [['email_open', 1], ['webinar', 10]]);
  await createTable(engine, 'surveys', 'partner_id VARCHAR, answered_at DATE, score INTEGER', [
    ['A', '2023-04-01', 5], ['A', '2024-04-01', 9], ['C', '2024-04-01', 3], ['D', '2024-04-01', 9], ['E', '2024-04-01', 7], ['B', '2025-02-01', 10],
  ]);
  await createTable(engine, 'no_surveys', 'partner_id VARCHAR, answered_at DATE, score INTEGER', []);
});

describe('review.health', () => {
  it('scores each partner against its peers, with status and reasons', async () => {
    const rows = await rowsOf(engine, healthSql({ asOf: '2025-01-01' }));
    expect(pick(rows, ['partner_id', 'peer_group', 'peers', 'revenue_trend', 'engagement_score', 'enablement', 'open_pipeline', 'latest_nps'])).toEqual([
      { partner_id: 'F', peer_group: 'sector: S2', peers: 2, revenue_trend: 0, engagement_score: 0, enablement: 0, open_pipeline: 0, latest_nps: null },
      { partner_id: 'B', peer_group: 'sector: S1', peers: 4, revenue_trend: 0, engagement_score: 10, enablement: 0, open_pipeline: 0, latest_nps: null },
      { partner_id: 'C', peer_group: 'sector: S1', peers: 4, revenue_trend: -2, engagement_score: 10, enablement: 1, open_pipeline: 500, latest_nps: 3 },
      { partner_id: 'D', peer_group: 'sector: S1', peers: 4, revenue_trend: 2, engagement_score: 0, enablement: 0, open_pipeline: 0, latest_nps: 9 },
      { partner_id: 'G', peer_group: 'tier: Gold', peers: 1, revenue_trend: 2, engagement_score: 0, enablement: 0, open_pipeline: 0, latest_nps: null },
      { partner_id: 'E', peer_group: 'sector: S2', peers: 2, revenue_trend: 0, engagement_score: 5, enablement: 1, open_pipeline: 200, latest_nps: 7 },
      { partner_id: 'A', peer_group: 'sector: S1', peers: 4, revenue_trend: near(2 / 3), engagement_score: 30, enablement: 2, open_pipeline: 1000, latest_nps: 9 },
    ]);
    const third = 100 / 3;
    expect(pick(rows, ['partner_id', 'revenue_trend_pct', 'engagement_pct', 'enablement_pct', 'pipeline_pct', 'relationship_pct', 'health_score', 'status', 'reason_1', 'reason_2'])).toEqual([
      { partner_id: 'F', revenue_trend_pct: 50, engagement_pct: 0, enablement_pct: 0, pipeline_pct: 0, relationship_pct: 50, health_score: near(22.5), status: 'red', reason_1: 'engagement', reason_2: 'enablement' },
      { partner_id: 'B', revenue_trend_pct: near(third), engagement_pct: 50, enablement_pct: near(third / 2), pipeline_pct: near(third / 2), relationship_pct: 50, health_score: near(32.5), status: 'red', reason_1: 'enablement', reason_2: 'pipeline' },
      { partner_id: 'C', revenue_trend_pct: 0, engagement_pct: 50, enablement_pct: near(2 * third), pipeline_pct: near(2 * third), relationship_pct: 0, health_score: near(third), status: 'red', reason_1: 'revenue trend', reason_2: 'relationship' },
      { partner_id: 'D', revenue_trend_pct: 100, engagement_pct: 0, enablement_pct: near(third / 2), pipeline_pct: near(third / 2), relationship_pct: 75, health_score: near(48 + 1 / 3), status: 'red', reason_1: 'engagement', reason_2: 'enablement' },
      { partner_id: 'G', revenue_trend_pct: 50, engagement_pct: 50, enablement_pct: 50, pipeline_pct: 50, relationship_pct: 50, health_score: 50, status: 'amber', reason_1: null, reason_2: null },
      { partner_id: 'E', revenue_trend_pct: 50, engagement_pct: 100, enablement_pct: 100, pipeline_pct: 100, relationship_pct: 50, health_score: near(77.5), status: 'amber', reason_1: null, reason_2: null },
      { partner_id: 'A', revenue_trend_pct: near(2 * third), engagement_pct: 100, enablement_pct: 100, pipeline_pct: 100, relationship_pct: 75, health_score: near(85 + 5 / 6), status: 'green', reason_1: null, reason_2: null },
    ]);
    expect(rows.find((r) => r.partner_id === 'D')!.reasons).toBe('engagement (0), enablement (17)');
    expect(rows.find((r) => r.partner_id === 'A')!.reasons).toBe('no component in the lower half of its peers');
  });

  it('leaves out a component without data anywhere and renormalises the weights; weights and bands are inputs', async () => {
    // No survey answer at all: relationship drops, weights 35 + 20 + 15 + 20 = 90.
    // A = (8583.33 − 750) / 90 = 87.04; B = (3250 − 500) / 90 = 30.56.
    const rows = await rowsOf(engine, ANALYSES['review.health']!.sql!({
      deals: 'deals', partners: 'partners', activities: 'activities', points: 'engagement_points', surveys: 'no_surveys', as_of: '2025-01-01',
      engagement_days: 90, enablement_kinds: 'training, certification',
      weight_revenue_trend: 35, weight_engagement: 20, weight_enablement: 15, weight_pipeline: 20, weight_relationship: 10,
      green_from: 90, amber_from: 30,
    }));
    const byId = Object.fromEntries(rows.map((r) => [r.partner_id, r]));
    expect(pick([byId.A!, byId.B!], ['partner_id', 'health_score', 'status'])).toEqual([
      { partner_id: 'A', health_score: near(7833.333333333333 / 90), status: 'amber' },
      { partner_id: 'B', health_score: near(2750 / 90), status: 'amber' },
    ]);
    // Only the revenue trend counting: A's score is its trend percentile.
    const trendOnly = await rowsOf(engine, healthSql({ asOf: '2025-01-01', weights: { engagement: 0, enablement: 0, pipeline: 0, relationship: 0 } }));
    expect(trendOnly.find((r) => r.partner_id === 'A')!.health_score).toBeCloseTo(200 / 3, 9);
  });
});
