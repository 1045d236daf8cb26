/**
 * Engagement scoring on a hand-worked fixture: eleven partners (E11 only appears in activities), DOMAIN's
 * points table, as of the day after the latest activity (2025-03-31 → 2025-04-01), 90-day window from
 * 2025-01-01.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { DEFAULT_POINTS, engagementDiamondsSql, engagementScoresSql } from '../../src/analytics/engagement';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const ACTIVITY_ROWS: Cell[][] = [
  // E01 (a top-revenue partner): 3 webinars = 30.
  ['E01', '2025-02-01 10:00:00', 'webinar'], ['E01', '2025-02-15 10:00:00', 'webinar'], ['E01', '2025-03-01 10:00:00', 'webinar'],
  // E03: webinar 10 + trade show 10 + click 5 = 25.
  ['E03', '2025-01-10 09:00:00', 'webinar'], ['E03', '2025-02-10 09:00:00', 'trade_show'], ['E03', '2025-03-10 09:00:00', 'email_click'],
  // E04: 2 webinars = 20, exactly the threshold; one written 'Webinar ' (case and spaces do not matter).
  ['E04', '2025-01-20 09:00:00', 'webinar'], ['E04', '2025-03-20 09:00:00', 'Webinar '],
  // E05: 3 opens + 1 visit = 6.
  ['E05', '2025-03-01 08:00:00', 'Email_Open'], ['E05', '2025-03-02 08:00:00', 'email_open'], ['E05', '2025-03-03 08:00:00', 'email_open'],
  ['E05', '2025-03-04 08:00:00', 'site_visit'],
  // E06: a webinar the day before the window (not counted) and an open on its first day = 1.
  ['E06', '2024-12-31 12:00:00', 'webinar'], ['E06', '2025-01-01 00:00:00', 'email_open'],
  // E07: 4 trainings, a kind without points = 0, but 4 interactions.
  ['E07', '2025-02-02 08:00:00', 'training'], ['E07', '2025-02-03 08:00:00', 'training'], ['E07', '2025-02-04 08:00:00', 'training'],
  ['E07', '2025-02-05 08:00:00', 'training'],
  // E09: trade show + webinar = 20, the last one a minute before the as-of date.
  ['E09', '2025-01-05 08:00:00', 'trade_show'], ['E09', '2025-03-31 23:59:00', 'webinar'],
  // E11: not in the partners table; a click = 5.
  ['E11', '2025-03-15 08:00:00', 'email_click'],
].map((r) => [...r, null]);

// Won revenue before 2025-04-01: E01 10,000, E02 5,000, E10 3,000 (the top ⌈20 % × 11⌉ = 3), E05 100.
// E03's deal closes after the as-of date and E04's is lost: both 0.
const DEAL_ROWS: Cell[][] = [
  [1, 'E01', '2024-06-01', 10000, 'won'],
  [2, 'E02', '2024-07-01', 5000, 'won'],
  [3, 'E10', '2025-02-01', 3000, 'won'],
  [4, 'E05', '2025-03-01', 100, 'won'],
  [5, 'E03', '2025-04-15', 200, 'won'],
  [6, 'E04', '2025-01-15', 9000, 'lost'],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  const ids = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10'];
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR, tier VARCHAR', ids.map((id) => [id, `Partner ${id}`, 'Bronze']));
  await createTable(engine, 'activities', 'partner_id VARCHAR, occurred_at TIMESTAMP, kind VARCHAR, campaign VARCHAR', ACTIVITY_ROWS);
  await createTable(engine, 'deals', 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR', DEAL_ROWS);
  await createTable(engine, 'engagement_points', 'kind VARCHAR, points INTEGER', DEFAULT_POINTS.map(([k, p]) => [k, p]));
});

const COLS = ['partner_id', 'score', 'interactions', 'scored_interactions', 'last_activity_on', 'engagement_rank', 'engaged_top', 'revenue', 'in_tail', 'call_now', 'diamond'] as const;

describe('engagement.scores', () => {
  it('scores the 90 days before the as-of date and ranks engagement; ties share a rank', async () => {
    const rows = await rowsOf(engine, engagementScoresSql({ engagedPct: 20 }));
    // Top engagement at 20 %: ⌈20 % × 11⌉ = 3 ranks, and E04 and E09 tie at rank 3, so four partners.
    // Diamonds: the tail ones among them, E03, E04, E09 (E01 is a top-revenue partner).
    expect(pick(rows, COLS)).toEqual([
      { partner_id: 'E01', score: 30, interactions: 3, scored_interactions: 3, last_activity_on: '2025-03-01', engagement_rank: 1, engaged_top: true, revenue: 10000, in_tail: false, call_now: true, diamond: false },
      { partner_id: 'E03', score: 25, interactions: 3, scored_interactions: 3, last_activity_on: '2025-03-10', engagement_rank: 2, engaged_top: true, revenue: 0, in_tail: true, call_now: true, diamond: true },
      { partner_id: 'E04', score: 20, interactions: 2, scored_interactions: 2, last_activity_on: '2025-03-20', engagement_rank: 3, engaged_top: true, revenue: 0, in_tail: true, call_now: true, diamond: true },
      { partner_id: 'E09', score: 20, interactions: 2, scored_interactions: 2, last_activity_on: '2025-03-31', engagement_rank: 3, engaged_top: true, revenue: 0, in_tail: true, call_now: true, diamond: true },
      { partner_id: 'E05', score: 6, interactions: 4, scored_interactions: 4, last_activity_on: '2025-03-04', engagement_rank: 5, engaged_top: false, revenue: 100, in_tail: true, call_now: false, diamond: false },
      { partner_id: 'E11', score: 5, interactions: 1, scored_interactions: 1, last_activity_on: '2025-03-15', engagement_rank: 6, engaged_top: false, revenue: 0, in_tail: true, call_now: false, diamond: false },
      { partner_id: 'E06', score: 1, interactions: 1, scored_interactions: 1, last_activity_on: '2025-01-01', engagement_rank: 7, engaged_top: false, revenue: 0, in_tail: true, call_now: false, diamond: false },
      { partner_id: 'E02', score: 0, interactions: 0, scored_interactions: 0, last_activity_on: null, engagement_rank: 8, engaged_top: false, revenue: 5000, in_tail: false, call_now: false, diamond: false },
      { partner_id: 'E07', score: 0, interactions: 4, scored_interactions: 0, last_activity_on: '2025-02-05', engagement_rank: 8, engaged_top: false, revenue: 0, in_tail: true, call_now: false, diamond: false },
      { partner_id: 'E08', score: 0, interactions: 0, scored_interactions: 0, last_activity_on: null, engagement_rank: 8, engaged_top: false, revenue: 0, in_tail: true, call_now: false, diamond: false },
      { partner_id: 'E10', score: 0, interactions: 0, scored_interactions: 0, last_activity_on: null, engagement_rank: 8, engaged_top: false, revenue: 3000, in_tail: false, call_now: false, diamond: false },
    ]);
    expect(rows[0]).toMatchObject({ name: 'Partner E01', as_of: '2025-04-01', window_start: '2025-01-01' });
    expect(rows[5]).toMatchObject({ partner_id: 'E11', name: null });
  });

  it('counts all history with window_days 0, and reads edited points', async () => {
    await createTable(engine, 'points_edited', 'kind VARCHAR, points INTEGER', [...DEFAULT_POINTS.map(([k, p]) => [k, p] as Cell[]), ['training', 2]]);
    const sql = ANALYSES['engagement.scores']!.sql!({
      activities: 'activities', points: 'points_edited', partners: 'partners', deals: 'deals',
      as_of: null, window_days: 0, threshold: 8, engaged_pct: 5, top_pct: 20,
    });
    const rows = await rowsOf(engine, sql);
    const byId = Object.fromEntries(rows.map((r) => [r.partner_id, r]));
    // E06 gains its 2024-12-31 webinar: 1 + 10 = 11 ≥ 8. E07's four trainings now give 4 × 2 = 8 ≥ 8.
    expect(pick([byId.E06!, byId.E07!, byId.E05!], ['partner_id', 'score', 'call_now'])).toEqual([
      { partner_id: 'E06', score: 11, call_now: true },
      { partner_id: 'E07', score: 8, call_now: true },
      { partner_id: 'E05', score: 6, call_now: false },
    ]);
    // 5 % of 11 partners: ⌈0.55⌉ = 1, only the highest score (E01, not in the tail): no diamond.
    expect(rows.filter((r) => r.engaged_top).map((r) => r.partner_id)).toEqual(['E01']);
    expect(rows.every((r) => r.window_start === null)).toBe(true);
  });
});

describe('engagement.diamonds', () => {
  it('puts 3 diamonds among 8 tail partners above the expected 3–5 % (0.24 to 0.4 partners)', async () => {
    const [row] = await rowsOf(engine, engagementDiamondsSql({ engagedPct: 20 }));
    expect(row).toEqual({
      as_of: '2025-04-01', window_start: '2025-01-01', partners: 11, call_now: 4, tail_partners: 8, engaged_top: 4, diamonds: 3,
      diamond_share_of_tail: 3 / 8, expected_low: 0.24, expected_high: 0.4, position: 'above',
    });
  });

  it('reports below with no diamond, and within when the expected band is moved around 3', async () => {
    const [none] = await rowsOf(engine, engagementDiamondsSql({}));
    expect(pick([none!], ['engaged_top', 'diamonds', 'position'])).toEqual([{ engaged_top: 1, diamonds: 0, position: 'below' }]);
    // 30–40 % of 8 tail partners: 2.4 to 3.2.
    const [within] = await rowsOf(engine, engagementDiamondsSql({ engagedPct: 20, expectedLowPct: 30, expectedHighPct: 40 }));
    expect(pick([within!], ['diamonds', 'expected_low', 'expected_high', 'position'])).toEqual([
      { diamonds: 3, expected_low: 2.4, expected_high: 3.2, position: 'within' },
    ]);
  });
});
