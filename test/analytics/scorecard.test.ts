/**
 * The partner scorecard on a hand-worked fixture, as of 2025-01-01, two quarters: 2024-Q4 (current) and
 * 2024-Q3. P1 (sector S, Gold) and P2 (sector S, Silver) are peers; P3 (no sector, Gold) is alone in "tier: Gold".
 *
 * Deals (registered → closed): P1 won Acme 09-01 → 11-10 (1,000), Gamma 10-15 → 12-01 (3,000), Eps 06-01 →
 * 08-01 (2,000); lost Delta 11-01 → 12-15; open Beta registered 09-20 (5,000). P2 won Beta 09-25 → 10-05 (500),
 * lost Zeta 05-05 → 07-07, open Eta without registration date (700). P3 won Theta 07-01 → 07-15 (4,000).
 * Direct sales won Acme on 11-20.
 *
 * Worked out per quarter:
 * - won revenue / deals / win rate / average: P1 Q4 4,000 / 2 / 2 of 3 / 2,000; Q3 2,000 / 1 / 1 / 2,000.
 *   P2 Q4 500 / 1 / 1 / 500; Q3 0 / 0 / 0 of 1 / none. P3 Q4 0 / 0 / none / none; Q3 4,000 / 1 / 1 / 4,000.
 * - open at the quarter's end (Q4: the as-of date; Q3: 10-01): P1 Q4 Beta (1, 5,000); Q3 Acme (closed later)
 *   and Beta (2, 6,000). P2 Q4 Eta (no registration date: current quarter only; 1, 700); Q3 Beta (1, 500).
 * - engagement, 90 days before the end: P1 a webinar 12-20 (10) in Q4, an email opened 09-15 (1) in Q3; P3's
 *   webinar of 07-02 is a day before Q3's window (07-03 … 09-30).
 * - latest NPS before the end: P1 10 (11-01) in Q4, 8 (06-01) in Q3; P3 6 (12-31) in Q4 only.
 * - programmes: G1 (2024-01 … 06) ends before Q3; G2 (2024-09 … 2025-06): P1 enrolled 08-20 → Q3 and Q4,
 *   P2 enrolled 10-15 → Q4 only.
 * - conflicts: P1's Acme deal and the direct one 10 days apart → P1 Q4 1. Beta: P1 registered 09-20 and still
 *   held it when P2 registered 09-25 → both involved, in Q3 (registration day).
 * - targets: Gold won revenue 2024-Q4 3,000, but P1's own 5,000 wins; Silver win rate 2024-Q3 0.5; Gold
 *   ("gold ", as typed) conflicts 2024-Q4 0 (lower is better).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { scorecardSql } from '../../src/analytics/scorecard';
import { createTable, rowsOf, type Cell, type Row } from './helpers';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR, sector VARCHAR, tier VARCHAR', [
    ['P1', 'One', 'S', 'Gold'], ['P2', 'Two', 'S', 'Silver'], ['P3', 'Three', null, 'Gold'],
  ]);
  await createTable(engine, 'deals', 'deal_id VARCHAR, partner_id VARCHAR, end_customer VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR, registered_at DATE', [
    ['D1', 'P1', 'Acme', '2024-11-10', 1000, 'won', '2024-09-01'],
    ['D2', 'P1', 'Gamma', '2024-12-01', 3000, 'won', '2024-10-15'],
    ['D3', 'P1', 'Delta', '2024-12-15', 800, 'lost', '2024-11-01'],
    ['D4', 'P1', 'Eps', '2024-08-01', 2000, 'won', '2024-06-01'],
    ['D5', 'P1', 'Beta', '2025-02-01', 5000, 'open', '2024-09-20'],
    ['D6', 'P2', 'Beta', '2024-10-05', 500, 'won', '2024-09-25'],
    ['D7', 'P2', 'Zeta', '2024-07-07', 900, 'lost', '2024-05-05'],
    ['D8', 'P2', 'Eta', '2025-03-01', 700, 'open', null],
    ['D9', 'P3', 'Theta', '2024-07-15', 4000, 'won', '2024-07-01'],
    ['D10', null, 'Acme', '2024-11-20', 6000, 'won', null],
  ]);
  await createTable(engine, 'activities', 'partner_id VARCHAR, occurred_at TIMESTAMP, kind VARCHAR', [
    ['P1', '2024-12-20 10:00:00', 'webinar'], ['P1', '2024-09-15 10:00:00', 'email_open'], ['P3', '2024-07-02 10:00:00', 'webinar'],
  ]);
  await createTable(engine, 'engagement_points', 'kind VARCHAR, points INTEGER', [['email_open', 1], ['webinar', 10]]);
  await createTable(engine, 'surveys', 'partner_id VARCHAR, answered_at DATE, score INTEGER', [['P1', '2024-06-01', 8], ['P1', '2024-11-01', 10], ['P3', '2024-12-31', 6]]);
  await createTable(engine, 'programs', 'program_id VARCHAR, name VARCHAR, starts_on DATE, ends_on DATE, cost DOUBLE', [
    ['G1', 'First', '2024-01-01', '2024-06-30', 1], ['G2', 'Second', '2024-09-01', '2025-06-30', 1],
  ]);
  await createTable(engine, 'enrolments', 'program_id VARCHAR, partner_id VARCHAR, enrolled_on DATE', [['G1', 'P1', '2023-12-15'], ['G2', 'P1', '2024-08-20'], ['G2', 'P2', '2024-10-15']]);
  await createTable(engine, 'targets', 'partner_id VARCHAR, tier VARCHAR, quarter VARCHAR, metric VARCHAR, target DOUBLE', [
    [null, 'Gold', '2024-Q4', 'won_revenue', 3000], ['P1', null, '2024-Q4', 'won_revenue', 5000], [null, 'Silver', '2024-Q3', 'win_rate', 0.5],
    [null, 'gold ', '2024-Q4', 'conflicts', 0], [null, 'Gold', '2026-Q1', 'won_revenue', 9999],
  ]);
  await createTable(engine, 'churn', 'partner_id VARCHAR, p_alive DOUBLE, expected_deals DOUBLE', [['P1', 0.9, 2.5], ['P2', 0.4, 0.5]]);
  await createTable(engine, 'rfm', 'partner_id VARCHAR, segment VARCHAR', [['P1', 'Champions']]);
});

/** One line per row: quarter, metric, value, target (source), status, rank among peers, percentile. */
function line(r: Row): string {
  const v = (x: unknown) => (x === null ? '–' : String(Math.round(Number(x) * 10_000) / 10_000));
  const target = r.target === null ? '' : ` target ${v(r.target)} (${String(r.target_source)})`;
  return `${String(r.quarter)} ${String(r.metric)} ${v(r.value)}${target} ${String(r.target_status)} rank ${v(r.peer_rank)}/${v(r.peers)} pct ${v(r.peer_percentile)}`;
}

describe('review.scorecard', () => {
  let rows: Row[];
  beforeAll(async () => {
    rows = await rowsOf(engine, scorecardSql({ asOf: '2025-01-01', quarters: 2, rfm: 'rfm', churn: 'churn' }));
  });

  it('gives every metric of P1 for both quarters, against targets and peers', () => {
    // Peers of P1: P2. Percentile = share of the other peers beaten, ties half: 100, 50 or 0 here; alone: none.
    expect(rows.filter((r) => r.partner_id === 'P1').map(line)).toEqual([
      '2024-Q3 won_revenue 2000 no target set rank 1/2 pct 100',
      '2024-Q4 won_revenue 4000 target 5000 (partner) missed rank 1/2 pct 100',
      '2024-Q3 won_deals 1 no target set rank 1/2 pct 100',
      '2024-Q4 won_deals 2 no target set rank 1/2 pct 100',
      '2024-Q3 win_rate 1 no target set rank 1/2 pct 100',
      '2024-Q4 win_rate 0.6667 no target set rank 2/2 pct 0',
      '2024-Q3 average_won_deal 2000 no target set rank 1/1 pct –',
      '2024-Q4 average_won_deal 2000 no target set rank 1/2 pct 100',
      '2024-Q3 open_pipeline_count 2 no target set rank 1/2 pct 100',
      '2024-Q4 open_pipeline_count 1 no target set rank 1/2 pct 50',
      '2024-Q3 open_pipeline_amount 6000 no target set rank 1/2 pct 100',
      '2024-Q4 open_pipeline_amount 5000 no target set rank 1/2 pct 100',
      '2024-Q3 engagement_score 1 no target set rank 1/2 pct 100',
      '2024-Q4 engagement_score 10 no target set rank 1/2 pct 100',
      '2024-Q3 nps_latest 8 no target set rank 1/1 pct –',
      '2024-Q4 nps_latest 10 no target set rank 1/1 pct –',
      '2024-Q3 p_alive – no target set rank –/– pct –',
      '2024-Q4 p_alive 0.9 no target set rank 1/2 pct 100',
      '2024-Q3 expected_deals – no target set rank –/– pct –',
      '2024-Q4 expected_deals 2.5 no target set rank 1/2 pct 100',
      '2024-Q3 programmes_enrolled 1 no target set rank 1/2 pct 100',
      '2024-Q4 programmes_enrolled 1 no target set rank 1/2 pct 50',
      '2024-Q3 conflicts 1 no target set rank 1/2 pct 50',
      '2024-Q4 conflicts 1 target 0 (tier) missed rank 2/2 pct 0',
    ]);
    expect(rows.find((r) => r.partner_id === 'P1')).toMatchObject({
      name: 'One', peer_group: 'sector: S', rfm_segment: 'Champions', quarter_start: '2024-07-01', quarter_end: '2024-09-30', quarters_back: 1, as_of: '2025-01-01',
    });
  });

  it('gives P2 and P3 their own figures, tier targets, and no target as NULL, never 0', () => {
    const pick = (id: string, metrics: string[]) => rows.filter((r) => r.partner_id === id && metrics.includes(String(r.metric))).map(line);
    expect(pick('P2', ['won_revenue', 'win_rate', 'average_won_deal', 'open_pipeline_count', 'open_pipeline_amount', 'programmes_enrolled', 'conflicts'])).toEqual([
      '2024-Q3 won_revenue 0 no target set rank 2/2 pct 0',
      '2024-Q4 won_revenue 500 no target set rank 2/2 pct 0',
      '2024-Q3 win_rate 0 target 0.5 (tier) missed rank 2/2 pct 0',
      '2024-Q4 win_rate 1 no target set rank 1/2 pct 100',
      '2024-Q3 average_won_deal – no target set rank –/– pct –',
      '2024-Q4 average_won_deal 500 no target set rank 2/2 pct 0',
      '2024-Q3 open_pipeline_count 1 no target set rank 2/2 pct 0',
      '2024-Q4 open_pipeline_count 1 no target set rank 1/2 pct 50',
      '2024-Q3 open_pipeline_amount 500 no target set rank 2/2 pct 0',
      '2024-Q4 open_pipeline_amount 700 no target set rank 2/2 pct 0',
      '2024-Q3 programmes_enrolled 0 no target set rank 2/2 pct 0',
      '2024-Q4 programmes_enrolled 1 no target set rank 1/2 pct 50',
      '2024-Q3 conflicts 1 no target set rank 1/2 pct 50',
      '2024-Q4 conflicts 0 no target set rank 1/2 pct 100',
    ]);
    expect(pick('P3', ['won_revenue', 'win_rate', 'engagement_score', 'nps_latest', 'conflicts'])).toEqual([
      '2024-Q3 won_revenue 4000 no target set rank 1/1 pct –',
      '2024-Q4 won_revenue 0 target 3000 (tier) missed rank 1/1 pct –',
      '2024-Q3 win_rate 1 no target set rank 1/1 pct –',
      '2024-Q4 win_rate – no target set rank –/– pct –',
      '2024-Q3 engagement_score 0 no target set rank 1/1 pct –',
      '2024-Q4 engagement_score 0 no target set rank 1/1 pct –',
      '2024-Q3 nps_latest – no target set rank –/– pct –',
      '2024-Q4 nps_latest 6 no target set rank 1/1 pct –',
      '2024-Q3 conflicts 0 no target set rank 1/1 pct –',
      '2024-Q4 conflicts 0 target 0 (tier) met rank 1/1 pct –',
    ]);
    const p3q4 = rows.find((r) => r.partner_id === 'P3' && r.quarter === '2024-Q4' && r.metric === 'won_revenue')!;
    expect([p3q4.attainment, p3q4.peer_group]).toEqual([0, 'tier: Gold']);
    expect(rows.find((r) => r.partner_id === 'P1' && r.quarter === '2024-Q4' && r.metric === 'won_revenue')!.attainment).toBe(0.8);
  });

  it('shows one partner on request, five quarters by default, without rfm and churn', async () => {
    const one = await rowsOf(engine, ANALYSES['review.scorecard']!.sql!({
      deals: 'deals', partners: 'partners', activities: 'activities', points: 'engagement_points', surveys: 'surveys', programs: 'programs',
      enrolments: 'enrolments', targets: 'targets', rfm: null, churn: null, as_of: '2025-01-01', quarters: 5, engagement_days: 90,
      window_days: 90, expiry_days: 90, partner: 'P2',
    }));
    // 12 metrics × 5 quarters (2023-Q4 … 2024-Q4); the peers are still P1 and P2.
    expect(one).toHaveLength(60);
    expect(new Set(one.map((r) => r.partner_id))).toEqual(new Set(['P2']));
    expect([...new Set(one.map((r) => r.quarter))]).toEqual(['2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    const q4 = one.find((r) => r.quarter === '2024-Q4' && r.metric === 'won_revenue')!;
    expect([q4.peer_rank, q4.peers, q4.rfm_segment]).toEqual([2, 2, null]);
    expect(one.filter((r) => r.metric === 'p_alive').every((r) => r.value === null)).toBe(true);
  });
});
