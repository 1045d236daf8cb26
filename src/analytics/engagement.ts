/**
 * Engagement scoring (DOMAIN.md "Engagement scoring"): points per interaction from an editable table,
 * summed per partner over a recent window; partners over a threshold go on a "call now" list, and tail
 * partners with top engagement are the "diamonds in the rough" that seed 001 expects to be 3–5 % of the
 * tail.
 *
 * - `engagement.scores`: one row per partner.
 * - `engagement.diamonds`: one row: how many diamonds, against the expected 3–5 % of the tail.
 */
import { DEALS_PARAM, PARTNERS_PARAM, readDate, readNumber, readRelation, relationParam } from './core-params';
import { windowStartExpr, wonPartnerDeal } from './core-sql';
import { TOP_PCT, TOP_PCT_PARAM, revenueRankSql, topCountExpr } from './pareto';
import { dateLit, ident, lit } from './sql';
import type { AnalysisDef, ParamValues } from './types';

/** DOMAIN.md's points table, as the VALUES rows a notebook cell starts from. */
export const DEFAULT_POINTS: readonly (readonly [kind: string, points: number])[] = [
  ['email_open', 1],
  ['site_visit', 3],
  ['email_click', 5],
  ['webinar', 10],
  ['trade_show', 10],
];

/**
 * The points table normalised: kind lower-case and trimmed, its highest points if it appears twice. One
 * definition for every analysis that scores engagement.
 */
export function pointsSelect(points: string): string {
  return `SELECT lower(trim(CAST(kind AS VARCHAR))) AS kind, max(points) AS points FROM ${ident(points)} GROUP BY 1`;
}

export interface EngagementOptions {
  activities?: string;
  /** Columns kind, points: the points one interaction of that kind is worth. */
  points?: string;
  partners?: string;
  deals?: string;
  /** null: the day after the latest activity. Activities and deals on or after it are ignored. */
  asOf?: string | null;
  /** Days of activity scored, ending the day before the as-of date (default 90); null or ≤ 0: all. */
  windowDays?: number | null;
  /** Score from which a partner goes on the call-now list (default 20). */
  threshold?: number;
  /** "Top few per cent" of engagement, in per cent of partners (default 5). */
  engagedPct?: number;
  /** The revenue head; everyone else is the tail (default 20 % of partners). */
  topPct?: number;
}

/**
 * One row per partner (listed in `partners`, with a won deal, or with an activity), highest score
 * first: partner_id, name, tier, score, interactions (all in the window), scored_interactions (those
 * of a kind worth points), last_activity_on, engagement_rank (1 = highest; ties share a rank),
 * engaged_top (score > 0 and rank ≤ ⌈engaged_pct % × n⌉, so a tie at the cut is wholly in), revenue (won
 * deals of all history before the as-of date), in_tail, call_now (score ≥ threshold), diamond (in the
 * tail and engaged_top), as_of, window_start.
 *
 * Kinds match the points table ignoring case and surrounding spaces; a kind missing from it is worth 0
 * (add a row to count it); if a kind appears twice, its highest points count.
 */
export function engagementScoresSql(o: EngagementOptions = {}): string {
  const activities = ident(o.activities ?? 'activities');
  const partners = ident(o.partners ?? 'partners');
  const deals = ident(o.deals ?? 'deals');
  const engagedPct = o.engagedPct ?? 5;
  return `WITH
params AS (
  SELECT COALESCE(${dateLit(o.asOf)}, (SELECT max(CAST(a.occurred_at AS DATE)) + 1 FROM ${activities} AS a)) AS as_of
),
bounds AS (SELECT as_of, ${windowStartExpr('as_of', o.windowDays === undefined ? 90 : o.windowDays)} AS window_start FROM params),
pts AS (${pointsSelect(o.points ?? 'engagement_points')}),
scored AS (
  SELECT a.partner_id, CAST(a.occurred_at AS DATE) AS day, coalesce(pts.points, 0) AS points
  FROM ${activities} AS a
  CROSS JOIN bounds AS b
  LEFT JOIN pts ON pts.kind = lower(trim(CAST(a.kind AS VARCHAR)))
  WHERE a.partner_id IS NOT NULL AND a.occurred_at < b.as_of AND (b.window_start IS NULL OR a.occurred_at >= b.window_start)
),
per AS (
  SELECT partner_id, sum(points) AS score, count(*) AS interactions,
    count(*) FILTER (WHERE points <> 0) AS scored_interactions, max(day) AS last_activity_on
  FROM scored GROUP BY partner_id
),
won AS (
  SELECT d.partner_id, d.amount FROM ${deals} AS d, bounds AS b
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) < b.as_of
),
universe AS (
  SELECT partner_id FROM ${partners} WHERE partner_id IS NOT NULL
  UNION SELECT partner_id FROM won
  UNION SELECT partner_id FROM ${activities} WHERE partner_id IS NOT NULL
),
ranked AS (${revenueRankSql('SELECT partner_id FROM universe', o.topPct ?? TOP_PCT)}),
scores AS (
  SELECT r.partner_id, coalesce(e.score, 0) AS score, coalesce(e.interactions, 0) AS interactions,
    coalesce(e.scored_interactions, 0) AS scored_interactions, e.last_activity_on, r.revenue,
    NOT (r.revenue_rank <= r.top_count AND r.revenue > 0) AS in_tail,
    rank() OVER (ORDER BY coalesce(e.score, 0) DESC) AS engagement_rank,
    ${topCountExpr(engagedPct, 'count(*) OVER ()')} AS engaged_count
  FROM ranked AS r LEFT JOIN per AS e ON e.partner_id = r.partner_id
)
SELECT s.partner_id, p.name, p.tier, s.score, s.interactions, s.scored_interactions, s.last_activity_on,
  s.engagement_rank,
  s.score > 0 AND s.engagement_rank <= s.engaged_count AS engaged_top,
  s.revenue, s.in_tail,
  s.score >= ${lit(o.threshold ?? 20)} AS call_now,
  s.in_tail AND s.score > 0 AND s.engagement_rank <= s.engaged_count AS diamond,
  b.as_of, b.window_start
FROM scores AS s
CROSS JOIN bounds AS b
LEFT JOIN ${partners} AS p ON p.partner_id = s.partner_id
ORDER BY s.score DESC, s.partner_id`;
}

export interface DiamondOptions extends EngagementOptions {
  /** The share of the tail seed 001 expects to be worth moving up, in per cent (default 3 to 5). */
  expectedLowPct?: number;
  expectedHighPct?: number;
}

/**
 * One row: as_of, window_start, partners, call_now, tail_partners, engaged_top, diamonds,
 * diamond_share_of_tail, expected_low / expected_high (the expected band in partners:
 * expected_low_pct … expected_high_pct % of the tail), and position: 'below', 'within' or 'above' that
 * band. Below means the tail is quieter than the source's rule of thumb; above, that the engagement cut
 * is too loose to single partners out.
 */
export function engagementDiamondsSql(o: DiamondOptions = {}): string {
  const low = o.expectedLowPct ?? 3;
  const high = o.expectedHighPct ?? 5;
  return `WITH s AS (${engagementScoresSql(o)}),
agg AS (
  SELECT any_value(as_of) AS as_of, any_value(window_start) AS window_start, count(*) AS partners,
    count(*) FILTER (WHERE call_now) AS call_now,
    count(*) FILTER (WHERE in_tail) AS tail_partners,
    count(*) FILTER (WHERE engaged_top) AS engaged_top,
    count(*) FILTER (WHERE diamond) AS diamonds
  FROM s
)
SELECT as_of, window_start, partners, call_now, tail_partners, engaged_top, diamonds,
  diamonds / nullif(tail_partners, 0) AS diamond_share_of_tail,
  tail_partners * ${lit(low)} / 100 AS expected_low,
  tail_partners * ${lit(high)} / 100 AS expected_high,
  CASE WHEN diamonds < tail_partners * ${lit(low)} / 100 THEN 'below'
       WHEN diamonds > tail_partners * ${lit(high)} / 100 THEN 'above'
       ELSE 'within' END AS position
FROM agg`;
}

const ENGAGEMENT_PARAMS = [
  relationParam('activities', 'Activities', 'The activities table: partner_id, occurred_at, kind.'),
  relationParam('points', 'Points table', 'A table of kind, points: what one interaction of each kind is worth.', 'engagement_points'),
  PARTNERS_PARAM,
  DEALS_PARAM,
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'The day the analysis looks back from (activities on or after it are ignored). Empty: the day after the latest activity.',
    default: null,
  },
  {
    name: 'window_days',
    kind: 'integer',
    label: 'Window (days)',
    doc: 'How many days of activity before the as-of date count (90: the last quarter). 0: all history.',
    default: 90,
  },
  { name: 'threshold', kind: 'number', label: 'Call-now threshold', doc: 'Score from which a partner goes on the call-now list.', default: 20 },
  {
    name: 'engaged_pct',
    kind: 'number',
    label: 'Top engagement (%)',
    doc: 'The most engaged partners, in per cent of all partners, that count as "top engagement".',
    default: 5,
  },
  TOP_PCT_PARAM,
] as const;

function readEngagement(p: ParamValues): EngagementOptions {
  return {
    activities: readRelation(p, 'activities', 'activities'),
    points: readRelation(p, 'points', 'engagement_points'),
    partners: readRelation(p, 'partners', 'partners'),
    deals: readRelation(p, 'deals', 'deals'),
    asOf: readDate(p, 'as_of'),
    windowDays: readNumber(p, 'window_days', 90),
    threshold: readNumber(p, 'threshold', 20) ?? 20,
    engagedPct: readNumber(p, 'engaged_pct', 5) ?? 5,
    topPct: readNumber(p, 'top_pct', TOP_PCT) ?? TOP_PCT,
  };
}

export const engagementDefinitions: AnalysisDef[] = [
  {
    id: 'engagement.scores',
    title: 'Engagement scores',
    description:
      'Points for every email opened, page visited, link clicked, webinar or trade show attended, per partner over the last weeks: ' +
      'who to call now, and which small partners are unusually engaged.',
    params: ENGAGEMENT_PARAMS,
    sql: (p) => engagementScoresSql(readEngagement(p)),
  },
  {
    id: 'engagement.diamonds',
    title: 'Diamonds in the rough',
    description: 'How many tail partners are among the most engaged, against the 3–5 % of the tail the source expects to be worth moving up.',
    params: [
      ...ENGAGEMENT_PARAMS,
      { name: 'expected_low_pct', kind: 'number', label: 'Expected from (%)', doc: 'Low end of the expected share of the tail.', default: 3 },
      { name: 'expected_high_pct', kind: 'number', label: 'Expected to (%)', doc: 'High end of the expected share of the tail.', default: 5 },
    ],
    sql: (p) =>
      engagementDiamondsSql({
        ...readEngagement(p),
        expectedLowPct: readNumber(p, 'expected_low_pct', 3) ?? 3,
        expectedHighPct: readNumber(p, 'expected_high_pct', 5) ?? 5,
      }),
  },
];
