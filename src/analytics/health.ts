/**
 * Partner health (DOMAIN.md "Health score"): five components, each the partner's percentile among its
 * peers (same sector, else same tier), weighted into a score 0–100:
 * - revenue trend: won revenue of the last four quarters against the four before, as the symmetric change
 *   (last − previous) ÷ ((last + previous) / 2), in [−2, 2]; 0 with no revenue in either (35 %);
 * - engagement: points of the last `engagement_days` (90) days, from the engagement points table (20 %);
 * - enablement: trainings and certifications (activities of those kinds) of the last four quarters (15 %);
 * - pipeline: open amount of the partner's open deals (20 %);
 * - relationship: the partner's latest NPS answer; 50 when it never answered (10 %).
 * A partner alone in its peer group is at 50 on every component. Weights are parameters; a component
 * without any data in the whole network (no won deal in eight quarters, no scored activity, no
 * enablement activity, no open deal, no survey answer) is left out and the other weights renormalised.
 * Green from 80, amber from 50, red below; the reasons are the two components furthest below 50.
 */
import { PARTNERS_PARAM, readDate, readNumber, readRelation, readString, relationParam } from './core-params';
import { asOfExpr, kindListSql, peerGroupExpr, peerPercentileExpr, quartersStartExpr, wonPartnerDeal } from './core-sql';
import { pointsSelect } from './engagement';
import { ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

/** The components in their order (a tie in the reasons goes to the earlier one), with DOMAIN.md's weights. */
export const HEALTH_COMPONENTS = [
  { key: 'revenue_trend', label: 'revenue trend', weight: 35 },
  { key: 'engagement', label: 'engagement', weight: 20 },
  { key: 'enablement', label: 'enablement', weight: 15 },
  { key: 'pipeline', label: 'pipeline', weight: 20 },
  { key: 'relationship', label: 'relationship', weight: 10 },
] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number]['key'];

export interface HealthOptions {
  deals?: string;
  partners?: string;
  activities?: string;
  /** kind, points (see engagement.ts). */
  points?: string;
  surveys?: string;
  /** null: the day after the latest won partner deal. */
  asOf?: string | null;
  engagementDays?: number;
  /** Comma-separated activity kinds that count as enablement (default 'training, certification'). */
  enablementKinds?: string;
  weights?: Partial<Record<HealthComponent, number>>;
  /** Scores from `greenFrom` are green, from `amberFrom` amber, below red (80 and 50). */
  greenFrom?: number;
  amberFrom?: number;
}

/**
 * One row per partner, lowest score first: partner_id, name, sector, tier, peer_group, peers (partners in
 * the group), revenue_last_4q, revenue_previous_4q, revenue_trend, engagement_score, enablement,
 * open_pipeline, latest_nps, the five percentiles (revenue_trend_pct, engagement_pct, enablement_pct,
 * pipeline_pct, relationship_pct), health_score, status ('green', 'amber', 'red'), reason_1 and reason_2
 * (labels of the components furthest below 50; NULL when fewer are below), reasons (in words), as_of.
 */
export function healthSql(o: HealthOptions = {}): string {
  const engagementDays = Math.trunc(o.engagementDays ?? 90);
  if (!(engagementDays > 0)) throw new Error('engagement_days must be positive.');
  const weights = Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c.key, o.weights?.[c.key] ?? c.weight])) as Record<HealthComponent, number>;
  for (const [k, w] of Object.entries(weights)) if (!(w >= 0)) throw new Error(`The weight of ${k} must be a number ≥ 0.`);
  const green = o.greenFrom ?? 80;
  const amber = o.amberFrom ?? 50;
  const kinds = kindListSql(o.enablementKinds ?? 'training, certification');
  const deals = o.deals ?? 'deals';
  const pct = (c: HealthComponent) => `${c}_pct`;
  const weighted = HEALTH_COMPONENTS.map((c) => `${lit(weights[c.key])} * ${pct(c.key)} * CAST(n.has_${c.key} AS INTEGER)`).join(' + ');
  const weightSum = HEALTH_COMPONENTS.map((c) => `${lit(weights[c.key])} * CAST(n.has_${c.key} AS INTEGER)`).join(' + ');
  // Components below 50 (with data), lowest first, ties in component order.
  const below = `list_sort(list_filter([${HEALTH_COMPONENTS.map(
    (c, i) => `{'pct': CAST(${pct(c.key)} AS DOUBLE), 'ord': ${i}, 'label': ${lit(c.label)}, 'counted': n.has_${c.key}}`,
  ).join(', ')}], lambda x: x.counted AND x.pct < 50))`;
  return `WITH
params AS (
  SELECT as_of, ${quartersStartExpr('as_of', 4)} AS last_start, ${quartersStartExpr('as_of', 8)} AS previous_start
  FROM (SELECT ${asOfExpr(deals, o.asOf)} AS as_of)
),
base AS (
  SELECT p.partner_id, any_value(p.name) AS name, any_value(p.sector) AS sector, any_value(p.tier) AS tier, any_value(${peerGroupExpr('p')}) AS peer_group
  FROM ${ident(o.partners ?? 'partners')} AS p WHERE p.partner_id IS NOT NULL GROUP BY p.partner_id
),
revenue AS (
  SELECT d.partner_id,
    sum(d.amount) FILTER (WHERE CAST(d.closed_at AS DATE) >= pr.last_start) AS last4,
    sum(d.amount) FILTER (WHERE CAST(d.closed_at AS DATE) < pr.last_start) AS previous4
  FROM ${ident(deals)} AS d, params AS pr
  WHERE ${wonPartnerDeal('d')} AND CAST(d.closed_at AS DATE) >= pr.previous_start AND CAST(d.closed_at AS DATE) < pr.as_of
  GROUP BY d.partner_id
),
pts AS (${pointsSelect(o.points ?? 'engagement_points')}),
acts AS (
  SELECT a.partner_id, lower(trim(CAST(a.kind AS VARCHAR))) AS kind, CAST(a.occurred_at AS DATE) AS day
  FROM ${ident(o.activities ?? 'activities')} AS a, params AS pr
  WHERE a.partner_id IS NOT NULL AND CAST(a.occurred_at AS DATE) >= least(pr.last_start, pr.as_of - ${lit(engagementDays)})
    AND CAST(a.occurred_at AS DATE) < pr.as_of
),
engagement AS (
  SELECT a.partner_id, sum(coalesce(pts.points, 0)) AS score
  FROM acts AS a CROSS JOIN params AS pr LEFT JOIN pts ON pts.kind = a.kind
  WHERE a.day >= pr.as_of - ${lit(engagementDays)}
  GROUP BY a.partner_id
),
enablement AS (
  SELECT a.partner_id, count(*) AS n FROM acts AS a, params AS pr
  WHERE a.kind IN ${kinds} AND a.day >= pr.last_start GROUP BY a.partner_id
),
pipeline AS (
  SELECT d.partner_id, sum(d.amount) AS amount FROM ${ident(deals)} AS d
  WHERE lower(trim(CAST(d.status AS VARCHAR))) = 'open' AND d.partner_id IS NOT NULL GROUP BY d.partner_id
),
nps AS (
  SELECT partner_id, score FROM (
    SELECT s.partner_id, s.score, CAST(s.answered_at AS DATE) AS day
    FROM ${ident(o.surveys ?? 'surveys')} AS s, params AS pr
    WHERE s.partner_id IS NOT NULL AND s.score BETWEEN 0 AND 10 AND CAST(s.answered_at AS DATE) < pr.as_of
  ) QUALIFY row_number() OVER (PARTITION BY partner_id ORDER BY day DESC, score ASC) = 1
),
vals AS MATERIALIZED (
  SELECT b.*, coalesce(r.last4, 0) AS revenue_last_4q, coalesce(r.previous4, 0) AS revenue_previous_4q,
    CASE WHEN coalesce(r.last4, 0) + coalesce(r.previous4, 0) > 0
      THEN (coalesce(r.last4, 0) - coalesce(r.previous4, 0)) / ((coalesce(r.last4, 0) + coalesce(r.previous4, 0)) / 2) ELSE 0 END AS revenue_trend,
    coalesce(e.score, 0) AS engagement_score, coalesce(en.n, 0) AS enablement, coalesce(pl.amount, 0) AS open_pipeline, s.score AS latest_nps
  FROM base AS b
  LEFT JOIN revenue AS r ON r.partner_id = b.partner_id
  LEFT JOIN engagement AS e ON e.partner_id = b.partner_id
  LEFT JOIN enablement AS en ON en.partner_id = b.partner_id
  LEFT JOIN pipeline AS pl ON pl.partner_id = b.partner_id
  LEFT JOIN nps AS s ON s.partner_id = b.partner_id
),
pcts AS (
  SELECT partner_id,
    ${peerPercentileExpr('revenue_trend', 'peer_group')} AS revenue_trend_pct,
    ${peerPercentileExpr('engagement_score', 'peer_group')} AS engagement_pct,
    ${peerPercentileExpr('enablement', 'peer_group')} AS enablement_pct,
    ${peerPercentileExpr('open_pipeline', 'peer_group')} AS pipeline_pct,
    count(*) OVER (PARTITION BY peer_group) AS peers
  FROM vals
),
rel AS (SELECT partner_id, ${peerPercentileExpr('latest_nps', 'peer_group')} AS relationship_pct FROM vals WHERE latest_nps IS NOT NULL),
network AS (
  SELECT (SELECT count(*) > 0 FROM revenue) AS has_revenue_trend,
    (SELECT count(*) > 0 FROM engagement WHERE score <> 0) AS has_engagement,
    (SELECT count(*) > 0 FROM enablement) AS has_enablement,
    (SELECT count(*) > 0 FROM pipeline) AS has_pipeline,
    (SELECT count(*) > 0 FROM nps) AS has_relationship
),
scored AS (
  SELECT v.*, p.peers,
    coalesce(p.revenue_trend_pct, 50) AS revenue_trend_pct, coalesce(p.engagement_pct, 50) AS engagement_pct,
    coalesce(p.enablement_pct, 50) AS enablement_pct, coalesce(p.pipeline_pct, 50) AS pipeline_pct,
    coalesce(r.relationship_pct, 50) AS relationship_pct
  FROM vals AS v JOIN pcts AS p ON p.partner_id = v.partner_id LEFT JOIN rel AS r ON r.partner_id = v.partner_id
),
final AS (
  SELECT s.*, (${weighted}) / nullif(${weightSum}, 0) AS health_score, ${below} AS below
  FROM scored AS s CROSS JOIN network AS n
)
SELECT f.partner_id, f.name, f.sector, f.tier, f.peer_group, f.peers, f.revenue_last_4q, f.revenue_previous_4q, f.revenue_trend,
  f.engagement_score, f.enablement, f.open_pipeline, f.latest_nps,
  f.revenue_trend_pct, f.engagement_pct, f.enablement_pct, f.pipeline_pct, f.relationship_pct,
  f.health_score,
  CASE WHEN f.health_score IS NULL THEN NULL WHEN f.health_score >= ${lit(green)} THEN 'green' WHEN f.health_score >= ${lit(amber)} THEN 'amber' ELSE 'red' END AS status,
  f.below[1].label AS reason_1, f.below[2].label AS reason_2,
  CASE WHEN len(f.below) = 0 THEN 'no component in the lower half of its peers'
    ELSE array_to_string(list_transform(f.below[1:2], lambda x: x.label || ' (' || CAST(CAST(round(x.pct) AS INTEGER) AS VARCHAR) || ')'), ', ') END AS reasons,
  pr.as_of
FROM final AS f CROSS JOIN params AS pr
ORDER BY f.health_score NULLS FIRST, f.partner_id`;
}

const HEALTH_PARAMS: readonly ParamSpec[] = [
  relationParam('deals', 'Deals', 'The deals table: won deals for the revenue trend, open deals for the pipeline.'),
  PARTNERS_PARAM,
  relationParam('activities', 'Activities', 'The activities table, for engagement and enablement.'),
  relationParam('points', 'Points table', 'kind, points: what one interaction of each kind is worth (as in engagement scoring).', 'engagement_points'),
  relationParam('surveys', 'Surveys', 'NPS answers: partner_id, answered_at, score (0–10).'),
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'The quarters end with the one holding the day before this date. Empty: the day after the latest won deal.',
    default: null,
  },
  { name: 'engagement_days', kind: 'integer', label: 'Engagement window (days)', doc: 'Days of activity the engagement score counts.', default: 90 },
  {
    name: 'enablement_kinds',
    kind: 'string',
    label: 'Enablement kinds',
    doc: 'Activity kinds that count as enablement (trainings, certifications), separated by commas.',
    default: 'training, certification',
  },
  ...HEALTH_COMPONENTS.map(
    (c): ParamSpec => ({
      name: `weight_${c.key}`,
      kind: 'number',
      label: `Weight: ${c.label}`,
      doc: `How much the ${c.label} counts in the score (weights are renormalised to their sum).`,
      default: c.weight,
    }),
  ),
  { name: 'green_from', kind: 'number', label: 'Green from', doc: 'Scores from this one up are green.', default: 80 },
  { name: 'amber_from', kind: 'number', label: 'Amber from', doc: 'Scores from this one up (and below green) are amber; below, red.', default: 50 },
];

export function readHealth(p: ParamValues): HealthOptions {
  return {
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    activities: readRelation(p, 'activities', 'activities'),
    points: readRelation(p, 'points', 'engagement_points'),
    surveys: readRelation(p, 'surveys', 'surveys'),
    asOf: readDate(p, 'as_of'),
    engagementDays: readNumber(p, 'engagement_days', 90) ?? 90,
    enablementKinds: readString(p, 'enablement_kinds', 'training, certification') ?? 'training, certification',
    weights: Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c.key, readNumber(p, `weight_${c.key}`, c.weight) ?? c.weight])),
    greenFrom: readNumber(p, 'green_from', 80) ?? 80,
    amberFrom: readNumber(p, 'amber_from', 50) ?? 50,
  };
}

export const healthDefinitions: AnalysisDef[] = [
  {
    id: 'review.health',
    title: 'Partner health',
    description:
      'A score from 0 to 100 per partner against its peers — revenue trend, engagement, enablement, pipeline, relationship — ' +
      'green, amber or red, with the two components that pull it down most.',
    params: HEALTH_PARAMS,
    sql: (p) => healthSql(readHealth(p)),
  },
];
