/**
 * The open pipeline (DOMAIN.md "Pipeline"): open partner deals by partner and `stage` (a deals column when
 * the export has one), the weighted forecast Σ amount × probability(stage) from an editable stage table,
 * each deal's age (as-of − registered_at), and the stalled ones: older than twice the median age of won
 * deals at their stage (won deals carrying that stage; else all won deals), or 180 days for a deal
 * without a stage.
 *
 * - `pipeline.deals`: one row per open partner deal.
 * - `pipeline.summary`: one row per partner and stage.
 */
import { PARTNERS_PARAM, readDate, readNumber, readOptionalRelation, readRelation, relationParam } from './core-params';
import { asOfExpr, withOptionalColumns, wonPartnerDeal } from './core-sql';
import { ident, lit } from './sql';
import type { AnalysisDef, ParamSpec, ParamValues } from './types';

export interface PipelineOptions {
  deals?: string;
  partners?: string;
  /**
   * stage, stage_order (1 = earliest), probability (0–1; NULL: k / (n + 1) for the k-th of n stages).
   * null: no stage table, every open deal weighs `defaultProbability`.
   */
  stages?: string | null;
  /** null: the day after the latest won partner deal. */
  asOf?: string | null;
  /** Age after which a deal without a stage (or without any won deal to compare with) is stalled (180). */
  stalledDays?: number;
  /** Probability of a deal whose stage is missing or not in the stage table (0.5). */
  defaultProbability?: number;
}

/** Default stage table rows for a list of stages, earliest first: probability by order, k / (n + 1). */
export function defaultStageRows(stages: readonly string[]): { stage: string; stage_order: number; probability: number }[] {
  return stages.map((stage, i) => ({ stage, stage_order: i + 1, probability: (i + 1) / (stages.length + 1) }));
}

/** The CTE `pipe` (one row per open partner deal with its stage, probability, age and stalled flag) and what it needs. */
function pipelineCtes(o: PipelineOptions): string {
  const deals = withOptionalColumns(o.deals ?? 'deals', { stage: 'VARCHAR', registered_at: 'DATE', end_customer: 'VARCHAR' });
  const stalledDays = Math.trunc(o.stalledDays ?? 180);
  const fallback = o.defaultProbability ?? 0.5;
  if (!(fallback >= 0 && fallback <= 1)) throw new Error('default_probability must be between 0 and 1.');
  if (!(stalledDays > 0)) throw new Error('stalled_days must be positive.');
  const stageTable = o.stages
    ? `SELECT lower(trim(CAST(stage AS VARCHAR))) AS stage_key, any_value(CAST(stage AS VARCHAR)) AS stage_label,
    min(stage_order) AS stage_order, any_value(probability) AS probability
  FROM ${ident(o.stages)} WHERE stage IS NOT NULL GROUP BY 1`
    : `SELECT CAST(NULL AS VARCHAR) AS stage_key, CAST(NULL AS VARCHAR) AS stage_label, CAST(NULL AS INTEGER) AS stage_order,
    CAST(NULL AS DOUBLE) AS probability WHERE false`;
  return `params AS (SELECT ${asOfExpr(o.deals ?? 'deals', o.asOf)} AS as_of),
d AS (SELECT * FROM ${deals}),
stage_rows AS (${stageTable}),
stage_prob AS (
  SELECT stage_key, stage_label, stage_order,
    CAST(coalesce(probability, rank() OVER (ORDER BY stage_order) / (count(*) OVER () + 1)) AS DOUBLE) AS probability
  FROM stage_rows
),
won_cycles AS (
  SELECT lower(trim(CAST(d.stage AS VARCHAR))) AS stage_key, date_diff('day', CAST(d.registered_at AS DATE), CAST(d.closed_at AS DATE)) AS cycle
  FROM d, params
  WHERE ${wonPartnerDeal('d')} AND d.registered_at IS NOT NULL AND CAST(d.closed_at AS DATE) < params.as_of
    AND CAST(d.registered_at AS DATE) <= CAST(d.closed_at AS DATE)
),
cycle_all AS (SELECT median(cycle) AS days FROM won_cycles),
cycle_stage AS (SELECT stage_key, median(cycle) AS days FROM won_cycles WHERE stage_key IS NOT NULL GROUP BY stage_key),
open_deals AS (
  SELECT d.*, lower(trim(CAST(d.stage AS VARCHAR))) AS stage_key, params.as_of
  FROM d, params
  WHERE lower(trim(CAST(d.status AS VARCHAR))) = 'open' AND d.partner_id IS NOT NULL
    AND (d.registered_at IS NULL OR CAST(d.registered_at AS DATE) < params.as_of)
),
pipe AS (
  SELECT o.deal_id, o.partner_id, o.end_customer,
    coalesce(sp.stage_label, CAST(o.stage AS VARCHAR)) AS stage, sp.stage_order,
    coalesce(sp.probability, ${lit(fallback)}) AS probability,
    o.amount, o.amount * coalesce(sp.probability, ${lit(fallback)}) AS weighted_amount,
    CAST(o.registered_at AS DATE) AS registered_at, date_diff('day', CAST(o.registered_at AS DATE), o.as_of) AS age_days,
    CASE WHEN o.stage_key IS NOT NULL THEN coalesce(cs.days, ca.days) END AS won_median_days,
    CASE WHEN o.stage_key IS NOT NULL AND coalesce(cs.days, ca.days) IS NOT NULL THEN 2 * coalesce(cs.days, ca.days)
         ELSE ${lit(stalledDays)} END AS stalled_after_days,
    CAST(o.closed_at AS DATE) AS expected_close, o.as_of
  FROM open_deals AS o
  LEFT JOIN stage_prob AS sp ON sp.stage_key = o.stage_key
  LEFT JOIN cycle_stage AS cs ON cs.stage_key = o.stage_key
  CROSS JOIN cycle_all AS ca
),
names AS (SELECT partner_id, min(name) AS name FROM ${ident(o.partners ?? 'partners')} GROUP BY partner_id)`;
}

/**
 * One row per open partner deal, stalled first, then oldest: deal_id, partner_id, name, end_customer,
 * stage, stage_order, probability, amount, weighted_amount, registered_at, age_days, won_median_days
 * (median age of the won deals its stage is compared with; NULL without a stage), stalled_after_days,
 * stalled (age above that; never without a registration date), expected_close (the deal's closed_at),
 * as_of. Direct deals (no partner) are not partner pipeline.
 */
export function pipelineDealsSql(o: PipelineOptions = {}): string {
  return `WITH
${pipelineCtes(o)}
SELECT p.deal_id, p.partner_id, n.name, p.end_customer, p.stage, p.stage_order, p.probability, p.amount, p.weighted_amount,
  p.registered_at, p.age_days, p.won_median_days, p.stalled_after_days,
  coalesce(p.age_days > p.stalled_after_days, false) AS stalled, p.expected_close, p.as_of
FROM pipe AS p LEFT JOIN names AS n ON n.partner_id = p.partner_id
ORDER BY stalled DESC, p.age_days DESC NULLS LAST, p.deal_id`;
}

/**
 * One row per partner and stage: partner_id, name, stage, stage_order, open_deals, open_amount,
 * weighted_forecast, stalled_deals, stalled_amount, median_age_days, oldest_age_days, and the partner's
 * totals over its stages (partner_open_amount, partner_weighted_forecast, partner_stalled_amount), as_of.
 * Partners with the most stalled money first, stages in their order.
 */
export function pipelineSummarySql(o: PipelineOptions = {}): string {
  return `WITH
${pipelineCtes(o)},
per_stage AS (
  SELECT partner_id, stage, min(stage_order) AS stage_order, count(*) AS open_deals, sum(amount) AS open_amount,
    sum(weighted_amount) AS weighted_forecast,
    count(*) FILTER (WHERE age_days > stalled_after_days) AS stalled_deals,
    coalesce(sum(amount) FILTER (WHERE age_days > stalled_after_days), 0) AS stalled_amount,
    median(age_days) AS median_age_days, max(age_days) AS oldest_age_days, any_value(as_of) AS as_of
  FROM pipe GROUP BY partner_id, stage
)
SELECT s.partner_id, n.name, s.stage, s.stage_order, s.open_deals, s.open_amount, s.weighted_forecast, s.stalled_deals, s.stalled_amount,
  s.median_age_days, s.oldest_age_days,
  sum(s.open_amount) OVER w AS partner_open_amount,
  sum(s.weighted_forecast) OVER w AS partner_weighted_forecast,
  sum(s.stalled_amount) OVER w AS partner_stalled_amount,
  s.as_of
FROM per_stage AS s LEFT JOIN names AS n ON n.partner_id = s.partner_id
WINDOW w AS (PARTITION BY s.partner_id)
ORDER BY partner_stalled_amount DESC, partner_open_amount DESC, s.partner_id, s.stage_order NULLS LAST, s.stage`;
}

export const PIPELINE_PARAMS: readonly ParamSpec[] = [
  relationParam('deals', 'Deals', 'The deals table: open partner deals make the pipeline; a stage column is used when there is one.'),
  PARTNERS_PARAM,
  {
    name: 'stages',
    kind: 'relation',
    label: 'Stage table',
    doc: 'Optional: stage, stage_order (1 = earliest) and probability (0–1; empty: by order, k ÷ (stages + 1)). Empty: every deal weighs the default probability.',
    default: null,
  },
  {
    name: 'as_of',
    kind: 'date',
    label: 'As of',
    doc: 'The day deal ages are counted to. Empty: the day after the latest won deal.',
    default: null,
  },
  { name: 'stalled_days', kind: 'integer', label: 'Stalled after (days)', doc: 'Age at which a deal without a stage counts as stalled.', default: 180 },
  {
    name: 'default_probability',
    kind: 'number',
    label: 'Default probability',
    doc: 'Chance of winning a deal whose stage is missing or not in the stage table (0–1).',
    default: 0.5,
  },
];

export function readPipeline(p: ParamValues): PipelineOptions {
  return {
    deals: readRelation(p, 'deals', 'deals'),
    partners: readRelation(p, 'partners', 'partners'),
    stages: readOptionalRelation(p, 'stages'),
    asOf: readDate(p, 'as_of'),
    stalledDays: readNumber(p, 'stalled_days', 180) ?? 180,
    defaultProbability: readNumber(p, 'default_probability', 0.5) ?? 0.5,
  };
}

export const pipelineDefinitions: AnalysisDef[] = [
  {
    id: 'pipeline.deals',
    title: 'Open pipeline, deal by deal',
    description: 'Every open partner deal: its stage, its weight in the forecast, how long since it was registered, and whether it has stalled.',
    params: PIPELINE_PARAMS,
    sql: (p) => pipelineDealsSql(readPipeline(p)),
  },
  {
    id: 'pipeline.summary',
    title: 'Open pipeline per partner and stage',
    description: 'Per partner and stage: open deals and amount, the weighted forecast, and how much of it has stalled.',
    params: PIPELINE_PARAMS,
    sql: (p) => pipelineSummarySql(readPipeline(p)),
  },
];
