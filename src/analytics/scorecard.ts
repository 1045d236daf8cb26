/**
 * The partner scorecard (DOMAIN.md "Scorecard"): per partner and calendar quarter — the current one
 * (holding the day before the as-of date) and the four before it — the figures a channel manager reviews,
 * each against its target where one is set and against the partner's peers (same sector, else same tier).
 *
 * Metrics (`metric`, all "higher is better" but conflicts):
 * - won_revenue, won_deals: won deals closed in the quarter (0 when none);
 * - win_rate: won ÷ (won + lost) of the deals closed in the quarter (NULL when none closed);
 * - average_won_deal: won_revenue ÷ won_deals (NULL without a won deal);
 * - open_pipeline_count, open_pipeline_amount: deals open at the quarter's end (or the as-of date) —
 *   registered before it and still open, or closed after it; an open deal without registered_at counts in
 *   the current quarter only, since nobody knows since when it was open;
 * - engagement_score: engagement points of the `engagement_days` (90) days before the quarter's end;
 * - nps_latest: the partner's latest NPS answer (0–10) before the quarter's end;
 * - p_alive, expected_deals: from a churn.bgnbd result, current quarter only (the model is as of now);
 * - programmes_enrolled: programmes running in the quarter the partner had enrolled in by its end;
 * - conflicts: its won deals in a channel conflict closed in the quarter, plus its deal registrations made
 *   in the quarter that clash with another partner's (holder or not), see conflict.ts and registrations.ts.
 * The RFM segment (from an rfm.scores result) is a column.
 *
 * Targets come from `targets` (partner_id or tier, quarter 'YYYY-Qn', metric, target): a partner's own
 * target wins over its tier's; no target is NULL with status "no target set", never 0.
 */
import { readDate, readOptionalRelation, readNumber, readRelation, readString, relationParam, PARTNERS_PARAM } from './core-params';
import { asOfExpr, peerGroupExpr, quarterLabelExpr, withOptionalColumns, wonPartnerDeal } from './core-sql';
import { conflictDealsSql } from './conflict';
import { pointsSelect } from './engagement';
import { registrationCtes } from './registrations';
import { ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

export const SCORECARD_METRICS = [
  { metric: 'won_revenue', label: 'Won revenue', better: 'higher' },
  { metric: 'won_deals', label: 'Won deals', better: 'higher' },
  { metric: 'win_rate', label: 'Win rate', better: 'higher' },
  { metric: 'average_won_deal', label: 'Average won deal', better: 'higher' },
  { metric: 'open_pipeline_count', label: 'Open deals', better: 'higher' },
  { metric: 'open_pipeline_amount', label: 'Open pipeline', better: 'higher' },
  { metric: 'engagement_score', label: 'Engagement (points)', better: 'higher' },
  { metric: 'nps_latest', label: 'Latest NPS answer', better: 'higher' },
  { metric: 'p_alive', label: 'P(alive)', better: 'higher' },
  { metric: 'expected_deals', label: 'Expected deals, next period', better: 'higher' },
  { metric: 'programmes_enrolled', label: 'Programmes enrolled', better: 'higher' },
  { metric: 'conflicts', label: 'Conflicts involved in', better: 'lower' },
] as const;
export type ScorecardMetric = (typeof SCORECARD_METRICS)[number]['metric'];

export interface ScorecardOptions {
  deals?: string;
  partners?: string;
  activities?: string;
  points?: string;
  surveys?: string;
  programs?: string;
  enrolments?: string;
  targets?: string;
  /** Optional results: rfm.scores (partner_id, segment), churn.bgnbd (partner_id, p_alive, expected_deals). */
  rfm?: string | null;
  churn?: string | null;
  asOf?: string | null;
  /** Quarters shown: the current one and the ones before it (default 5). */
  quarters?: number;
  engagementDays?: number;
  /** Channel-conflict window and registration expiry, in days (90 each). */
  conflictWindowDays?: number;
  expiryDays?: number;
  /** Only this partner's rows (peers are still all partners); null: every partner. */
  partner?: string | null;
}

export function scorecardSql(o: ScorecardOptions = {}): string {
  const n = Math.trunc(o.quarters ?? 5);
  if (!(n >= 1 && n <= 40)) throw new Error('quarters must be between 1 and 40.');
  const engagementDays = Math.trunc(o.engagementDays ?? 90);
  if (!(engagementDays > 0)) throw new Error('engagement_days must be positive.');
  const dealsName = o.deals ?? 'deals';
  const deals = withOptionalColumns(dealsName, { registered_at: 'DATE', end_customer: 'VARCHAR' });
  const status = (d: string) => `lower(trim(CAST(${d}.status AS VARCHAR)))`;
  const metrics = SCORECARD_METRICS.map((m, i) => `(${i + 1}, ${lit(m.metric)}, ${lit(m.label)}, ${lit(m.better)})`).join(', ');
  const metricValue = `CASE m.metric ${SCORECARD_METRICS.map((m) => `WHEN ${lit(m.metric)} THEN w.${m.metric}`).join(' ')} END`;
  const rfm = o.rfm
    ? `SELECT partner_id, min(CAST(segment AS VARCHAR)) AS segment FROM ${ident(o.rfm)} GROUP BY partner_id`
    : `SELECT CAST(NULL AS VARCHAR) AS partner_id, CAST(NULL AS VARCHAR) AS segment WHERE false`;
  const churn = o.churn
    ? `SELECT partner_id, CAST(any_value(p_alive) AS DOUBLE) AS p_alive, CAST(any_value(expected_deals) AS DOUBLE) AS expected_deals FROM ${ident(o.churn)} GROUP BY partner_id`
    : `SELECT CAST(NULL AS VARCHAR) AS partner_id, CAST(NULL AS DOUBLE) AS p_alive, CAST(NULL AS DOUBLE) AS expected_deals WHERE false`;
  return `WITH
sc_params AS (SELECT ${asOfExpr(dealsName, o.asOf)} AS as_of),
sc_q AS (
  SELECT k AS quarters_back, q_start, CAST(q_start + INTERVAL 3 MONTH AS DATE) AS q_end,
    least(CAST(q_start + INTERVAL 3 MONTH AS DATE), as_of) AS snap, ${quarterLabelExpr('q_start')} AS quarter
  FROM (SELECT t.k, CAST(date_trunc('quarter', p.as_of - 1) - to_months(CAST(3 * t.k AS INTEGER)) AS DATE) AS q_start, p.as_of
        FROM sc_params AS p, range(0, ${lit(n)}) AS t(k))
),
sc_base AS (
  SELECT p.partner_id, any_value(p.name) AS name, any_value(p.sector) AS sector, any_value(nullif(trim(CAST(p.tier AS VARCHAR)), '')) AS tier,
    any_value(${peerGroupExpr('p')}) AS peer_group
  FROM ${ident(o.partners ?? 'partners')} AS p WHERE p.partner_id IS NOT NULL GROUP BY p.partner_id
),
sc_grid AS (SELECT b.*, q.* FROM sc_base AS b CROSS JOIN sc_q AS q),
sc_deals AS (SELECT d.*, ${status('d')} AS st FROM ${deals} AS d WHERE d.partner_id IS NOT NULL),
sc_closed AS (
  SELECT d.partner_id, q.quarters_back,
    coalesce(sum(d.amount) FILTER (WHERE d.st = 'won'), 0) AS won_revenue,
    count(*) FILTER (WHERE d.st = 'won') AS won_deals,
    count(*) FILTER (WHERE d.st IN ('won', 'lost')) AS closed_deals
  FROM sc_deals AS d JOIN sc_q AS q ON CAST(d.closed_at AS DATE) >= q.q_start AND CAST(d.closed_at AS DATE) < q.snap
  WHERE d.st IN ('won', 'lost')
  GROUP BY d.partner_id, q.quarters_back
),
sc_open AS (
  SELECT d.partner_id, q.quarters_back, count(*) AS open_count, sum(d.amount) AS open_amount
  FROM sc_deals AS d JOIN sc_q AS q
    ON (CAST(d.registered_at AS DATE) < q.snap AND (d.st = 'open' OR (d.st IN ('won', 'lost') AND CAST(d.closed_at AS DATE) >= q.snap)))
    OR (d.registered_at IS NULL AND d.st = 'open' AND q.quarters_back = 0)
  GROUP BY d.partner_id, q.quarters_back
),
sc_pts AS (${pointsSelect(o.points ?? 'engagement_points')}),
sc_engagement AS (
  SELECT a.partner_id, q.quarters_back, sum(coalesce(pts.points, 0)) AS score
  FROM ${ident(o.activities ?? 'activities')} AS a
  JOIN sc_q AS q ON CAST(a.occurred_at AS DATE) >= q.snap - ${lit(engagementDays)} AND CAST(a.occurred_at AS DATE) < q.snap
  LEFT JOIN sc_pts AS pts ON pts.kind = lower(trim(CAST(a.kind AS VARCHAR)))
  WHERE a.partner_id IS NOT NULL
  GROUP BY a.partner_id, q.quarters_back
),
sc_nps AS (
  SELECT partner_id, quarters_back, score FROM (
    SELECT s.partner_id, q.quarters_back, s.score, CAST(s.answered_at AS DATE) AS day
    FROM ${ident(o.surveys ?? 'surveys')} AS s JOIN sc_q AS q ON CAST(s.answered_at AS DATE) < q.snap
    WHERE s.partner_id IS NOT NULL AND s.score BETWEEN 0 AND 10
  ) QUALIFY row_number() OVER (PARTITION BY partner_id, quarters_back ORDER BY day DESC, score ASC) = 1
),
sc_programmes AS (
  SELECT e.partner_id, q.quarters_back, count(DISTINCT e.program_id) AS n
  FROM ${ident(o.enrolments ?? 'enrolments')} AS e
  JOIN ${ident(o.programs ?? 'programs')} AS g ON g.program_id = e.program_id
  JOIN sc_q AS q ON CAST(g.starts_on AS DATE) < q.snap AND (g.ends_on IS NULL OR CAST(g.ends_on AS DATE) >= q.q_start)
    AND (e.enrolled_on IS NULL OR CAST(e.enrolled_on AS DATE) < q.snap)
  WHERE e.partner_id IS NOT NULL
  GROUP BY e.partner_id, q.quarters_back
),
sc_deal_conflicts AS (${conflictDealsSql({ deals: dealsName, windowDays: o.conflictWindowDays, asOfSql: '(SELECT as_of FROM sc_params)' })}),
${registrationCtes({ deals: dealsName, asOfSql: '(SELECT as_of FROM sc_params)', windowDays: o.conflictWindowDays, expiryDays: o.expiryDays })},
sc_conflict_events AS (
  SELECT partner_id, closed_on AS day FROM sc_deal_conflicts
  UNION ALL
  SELECT r.partner_id, r.registered_on FROM reg AS r JOIN reg_flags AS f ON f.k = r.k WHERE f.in_conflict OR len(f.holds_against) > 0
),
sc_conflicts AS (
  SELECT c.partner_id, q.quarters_back, count(*) AS n
  FROM sc_conflict_events AS c JOIN sc_q AS q ON c.day >= q.q_start AND c.day < q.snap
  GROUP BY c.partner_id, q.quarters_back
),
sc_rfm AS (${rfm}),
sc_churn AS (${churn}),
sc_wide AS MATERIALIZED (
  SELECT g.*, r.segment AS rfm_segment,
    CAST(coalesce(c.won_revenue, 0) AS DOUBLE) AS won_revenue,
    CAST(coalesce(c.won_deals, 0) AS DOUBLE) AS won_deals,
    CAST(c.won_deals AS DOUBLE) / nullif(c.closed_deals, 0) AS win_rate,
    CAST(c.won_revenue AS DOUBLE) / nullif(c.won_deals, 0) AS average_won_deal,
    CAST(coalesce(o.open_count, 0) AS DOUBLE) AS open_pipeline_count,
    CAST(coalesce(o.open_amount, 0) AS DOUBLE) AS open_pipeline_amount,
    CAST(coalesce(e.score, 0) AS DOUBLE) AS engagement_score,
    CAST(s.score AS DOUBLE) AS nps_latest,
    CASE WHEN g.quarters_back = 0 THEN ch.p_alive END AS p_alive,
    CASE WHEN g.quarters_back = 0 THEN ch.expected_deals END AS expected_deals,
    CAST(coalesce(pr.n, 0) AS DOUBLE) AS programmes_enrolled,
    CAST(coalesce(cf.n, 0) AS DOUBLE) AS conflicts
  FROM sc_grid AS g
  LEFT JOIN sc_closed AS c ON c.partner_id = g.partner_id AND c.quarters_back = g.quarters_back
  LEFT JOIN sc_open AS o ON o.partner_id = g.partner_id AND o.quarters_back = g.quarters_back
  LEFT JOIN sc_engagement AS e ON e.partner_id = g.partner_id AND e.quarters_back = g.quarters_back
  LEFT JOIN sc_nps AS s ON s.partner_id = g.partner_id AND s.quarters_back = g.quarters_back
  LEFT JOIN sc_programmes AS pr ON pr.partner_id = g.partner_id AND pr.quarters_back = g.quarters_back
  LEFT JOIN sc_conflicts AS cf ON cf.partner_id = g.partner_id AND cf.quarters_back = g.quarters_back
  LEFT JOIN sc_rfm AS r ON r.partner_id = g.partner_id
  LEFT JOIN sc_churn AS ch ON ch.partner_id = g.partner_id
),
sc_metrics(metric_order, metric, metric_label, better) AS (VALUES ${metrics}),
sc_long AS MATERIALIZED (
  SELECT w.partner_id, w.name, w.sector, w.tier, w.peer_group, w.rfm_segment, w.quarter, w.q_start, w.q_end, w.quarters_back,
    m.metric_order, m.metric, m.metric_label, m.better, ${metricValue} AS value
  FROM sc_wide AS w CROSS JOIN sc_metrics AS m
),
sc_targets AS (
  SELECT CAST(partner_id AS VARCHAR) AS partner_id, lower(trim(CAST(tier AS VARCHAR))) AS tier_key, trim(CAST(quarter AS VARCHAR)) AS quarter,
    lower(trim(CAST(metric AS VARCHAR))) AS metric, CAST(target AS DOUBLE) AS target
  FROM ${ident(o.targets ?? 'targets')} WHERE target IS NOT NULL
),
sc_partner_targets AS (SELECT partner_id, quarter, metric, max(target) AS target FROM sc_targets WHERE partner_id IS NOT NULL GROUP BY ALL),
sc_tier_targets AS (SELECT tier_key, quarter, metric, max(target) AS target FROM sc_targets WHERE partner_id IS NULL AND tier_key IS NOT NULL GROUP BY ALL),
sc_ranked AS (
  SELECT partner_id, quarters_back, metric,
    count(*) OVER g AS peers,
    rank() OVER (PARTITION BY peer_group, quarters_back, metric ORDER BY CASE WHEN better = 'lower' THEN value ELSE -value END) AS peer_rank,
    100 * ((rank() OVER (PARTITION BY peer_group, quarters_back, metric ORDER BY CASE WHEN better = 'lower' THEN -value ELSE value END) - 1)
      + (count(*) OVER (PARTITION BY peer_group, quarters_back, metric, value) - 1) / 2) / nullif(count(*) OVER g - 1, 0) AS peer_percentile,
    median(value) OVER g AS peer_median
  FROM sc_long WHERE value IS NOT NULL
  WINDOW g AS (PARTITION BY peer_group, quarters_back, metric)
)
SELECT l.partner_id, l.name, l.sector, l.tier, l.peer_group, l.rfm_segment,
  l.quarter, l.q_start AS quarter_start, CAST(l.q_end - 1 AS DATE) AS quarter_end, l.quarters_back,
  l.metric, l.metric_label, l.metric_order, l.better, l.value,
  coalesce(pt.target, tt.target) AS target,
  CASE WHEN pt.target IS NOT NULL THEN 'partner' WHEN tt.target IS NOT NULL THEN 'tier' END AS target_source,
  l.value / nullif(coalesce(pt.target, tt.target), 0) AS attainment,
  CASE WHEN coalesce(pt.target, tt.target) IS NULL THEN 'no target set'
       WHEN l.value IS NULL THEN 'no value'
       WHEN (l.better = 'lower' AND l.value <= coalesce(pt.target, tt.target)) OR (l.better = 'higher' AND l.value >= coalesce(pt.target, tt.target)) THEN 'met'
       ELSE 'missed' END AS target_status,
  rk.peers, rk.peer_rank, rk.peer_percentile, rk.peer_median,
  p.as_of
FROM sc_long AS l
CROSS JOIN sc_params AS p
LEFT JOIN sc_partner_targets AS pt ON pt.partner_id = l.partner_id AND pt.quarter = l.quarter AND pt.metric = l.metric
LEFT JOIN sc_tier_targets AS tt ON tt.tier_key = lower(l.tier) AND tt.quarter = l.quarter AND tt.metric = l.metric
LEFT JOIN sc_ranked AS rk ON rk.partner_id = l.partner_id AND rk.quarters_back = l.quarters_back AND rk.metric = l.metric
${o.partner ? `WHERE l.partner_id = ${lit(o.partner)}` : ''}
ORDER BY l.partner_id, l.metric_order, l.q_start`;
}

const SCORECARD_PARAMS: readonly ParamSpec[] = [
  relationParam('deals', 'Deals', 'The deals table: won, lost and open deals (registered_at for the pipeline and registrations).'),
  PARTNERS_PARAM,
  relationParam('activities', 'Activities', 'The activities table, for engagement.'),
  relationParam('points', 'Points table', 'kind, points: what one interaction of each kind is worth.', 'engagement_points'),
  relationParam('surveys', 'Surveys', 'NPS answers: partner_id, answered_at, score.'),
  relationParam('programs', 'Programmes', 'program_id, starts_on, ends_on.'),
  relationParam('enrolments', 'Enrolments', 'program_id, partner_id, enrolled_on.'),
  relationParam('targets', 'Targets', 'partner_id or tier, quarter (2026-Q1), metric, target.'),
  { name: 'rfm', kind: 'relation', label: 'RFM scores', doc: 'Optional: an rfm.scores cell, for each partner\'s segment.', default: null },
  { name: 'churn', kind: 'relation', label: 'Churn risk', doc: 'Optional: a churn.bgnbd cell, for P(alive) and expected deals.', default: null },
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'The current quarter is the one holding the day before this date. Empty: the day after the latest won deal.',
    default: null,
  },
  { name: 'quarters', kind: 'integer', label: 'Quarters', doc: 'How many quarters: the current one and those before it.', default: 5 },
  { name: 'engagement_days', kind: 'integer', label: 'Engagement window (days)', doc: 'Days of activity before each quarter\'s end that the engagement score counts.', default: 90 },
  { name: 'window_days', kind: 'integer', label: 'Conflict window (days)', doc: 'Two actors on one customer within this many days are in conflict.', default: 90 },
  { name: 'expiry_days', kind: 'integer', label: 'Registration expiry (days)', doc: 'Days a deal registration protects the partner unless won.', default: 90 },
  { name: 'partner', kind: 'string', label: 'Partner', doc: 'Optional: one partner_id, to show that partner only (its peers still count).', default: null },
];


export function readScorecard(p: ParamValues): ScorecardOptions {
  return {
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    activities: readRelation(p, 'activities', 'activities'),
    points: readRelation(p, 'points', 'engagement_points'),
    surveys: readRelation(p, 'surveys', 'surveys'),
    programs: readRelation(p, 'programs', 'programs'),
    enrolments: readRelation(p, 'enrolments', 'enrolments'),
    targets: readRelation(p, 'targets', 'targets'),
    rfm: readOptionalRelation(p, 'rfm'),
    churn: readOptionalRelation(p, 'churn'),
    asOf: readDate(p, 'as_of'),
    quarters: readNumber(p, 'quarters', 5) ?? 5,
    engagementDays: readNumber(p, 'engagement_days', 90) ?? 90,
    conflictWindowDays: readNumber(p, 'window_days', 90) ?? 90,
    expiryDays: readNumber(p, 'expiry_days', 90) ?? 90,
    partner: readString(p, 'partner', null),
  };
}

export const scorecardDefinitions: AnalysisDef[] = [
  {
    id: 'review.scorecard',
    title: 'Partner scorecard',
    description:
      'Per partner and quarter (the current one and the four before): won revenue and deals, win rate, pipeline, engagement, NPS, ' +
      'churn risk, programmes and conflicts — each against its target where one is set, and the partner\'s rank among its peers.',
    params: SCORECARD_PARAMS,
    sql: (p) => scorecardSql(readScorecard(p)),
  },
];
