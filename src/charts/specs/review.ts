/**
 * The quarter's review charts (src/analytics: health.ts, tiers.ts, pipeline.ts, mdf.ts, scorecard.ts): each
 * over the result of one analysis, with a subtitle saying how to read it.
 */
import type { JsonObject } from '../json';
import { BAD, GOOD, INK, NEUTRAL, NEUTRAL_LIGHT, PRIMARY, SECONDARY } from '../palette';
import { chart, COUNT, MONEY, MONEY_SHORT, PCT } from './common';

/** The current tier, with a label for partners without one. */
const TIER_LABEL_SQL = "coalesce(nullif(tier, ''), '(no tier)') AS tier_label";

/*
 * The health, tier-advice and pipeline charts draw a few rows summed in SQL (the *SummarySql functions,
 * a cell of their own in the template) rather than one row per partner: a network of 40,000 partners
 * has more rows than a chart draws, and Vega-Lite's own transforms cannot be run by DuckDB.
 */

/** Partners per (tier, health status), with their mean score, from a `review.health` result. */
export function healthStatusSummarySql(source = 'health'): string {
  return `SELECT ${TIER_LABEL_SQL}, status,
       CASE status WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE -1 END AS status_rank,
       count(*) AS partners, avg(health_score) AS mean_score
FROM ${source}
GROUP BY ALL`;
}

/** Partners per (tier, advice), from a `review.tier_advice` result. */
export function tierAdviceSummarySql(source = 'tier_advice'): string {
  return `SELECT ${TIER_LABEL_SQL}, advice, count(*) AS partners
FROM ${source}
GROUP BY ALL`;
}

/** Amounts per stage (the stalled part apart), from a `pipeline.summary` result. */
export function pipelineStagesSummarySql(source = 'pipeline'): string {
  return `SELECT coalesce(stage, '(no stage)') AS stage_label,
       sum(open_amount) AS open_amount, sum(stalled_amount) AS stalled_amount,
       sum(open_amount) - sum(stalled_amount) AS moving_amount,
       sum(weighted_forecast) AS weighted_forecast, sum(open_deals) AS open_deals,
       coalesce(min(stage_order), 999) AS stage_rank
FROM ${source}
GROUP BY ALL`;
}

export interface ReviewChartOptions {
  /** The result cell the chart draws. */
  data?: string;
}

/** Partners per health status (green, amber, red) in each tier, over healthStatusSummarySql's rows. */
export function healthStatusSpec(o: ReviewChartOptions = {}): JsonObject {
  const statuses = ['red', 'amber', 'green'];
  return chart(
    {
      text: 'Partner health by tier',
      subtitle: [
        'Partners per health status in each tier (by default green from 80, amber from 50, red below); the score is the partner\'s standing among its peers.',
        'A tier with much red is one whose partners trail partners like them on revenue trend, engagement, enablement, pipeline or NPS.',
      ],
    },
    o.data ?? 'health_tiers',
    {
      width: 460,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'tier_label', type: 'nominal', title: null, sort: ['Gold', 'Silver', 'Bronze', '(no tier)'] },
        x: { field: 'partners', type: 'quantitative', title: 'Partners', axis: { format: COUNT } },
        color: { field: 'status', type: 'nominal', title: 'Health', scale: { domain: statuses, range: [BAD, SECONDARY, GOOD] }, legend: { orient: 'top' } },
        order: { field: 'status_rank', type: 'quantitative' },
        tooltip: [
          { field: 'tier_label', type: 'nominal', title: 'Tier' },
          { field: 'status', type: 'nominal', title: 'Health' },
          { field: 'partners', type: 'quantitative', title: 'Partners', format: COUNT },
          { field: 'mean_score', type: 'quantitative', title: 'Mean score', format: ',.0f' },
        ],
      },
    },
  );
}

/** What the tier rules advise (promote, keep, demote…) in each current tier, over tierAdviceSummarySql's rows. */
export function tierAdviceSpec(o: ReviewChartOptions = {}): JsonObject {
  const advice = ['demote', 'keep', 'promote', 'assign', 'unknown tier'];
  return chart(
    {
      text: 'Tier advice',
      subtitle: [
        'Partners of each tier by advice: demote when they miss a minimum of their tier, promote when they meet every minimum of a better one.',
        'Read it beside the RFM segments and health: a tier says what a partner was, the data what it does.',
      ],
    },
    o.data ?? 'tier_advice_counts',
    {
      width: 460,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'tier_label', type: 'nominal', title: null, sort: ['Gold', 'Silver', 'Bronze', '(no tier)'] },
        x: { field: 'partners', type: 'quantitative', title: 'Partners', axis: { format: COUNT } },
        color: { field: 'advice', type: 'nominal', title: 'Advice', scale: { domain: advice, range: [BAD, NEUTRAL, GOOD, PRIMARY, SECONDARY] }, legend: { orient: 'top' } },
        tooltip: [
          { field: 'tier_label', type: 'nominal', title: 'Tier' },
          { field: 'advice', type: 'nominal', title: 'Advice' },
          { field: 'partners', type: 'quantitative', title: 'Partners', format: COUNT },
        ],
      },
    },
  );
}

/** Open amount per stage, the stalled part apart, and the weighted forecast, over pipelineStagesSummarySql's rows. */
export function pipelineStagesSpec(o: ReviewChartOptions = {}): JsonObject {
  const STALLED = 'Stalled';
  const MOVING = 'Moving';
  return chart(
    {
      text: 'Open pipeline by stage',
      subtitle: [
        'Open partner deals per stage (earliest first): the stalled amount (older than twice the usual time to win) apart from the rest.',
        'The black tick is the weighted forecast: the amount times the stage\'s probability of winning.',
      ],
    },
    o.data ?? 'pipeline_stage_totals',
    {
      width: 460,
      encoding: { y: { field: 'stage_label', type: 'nominal', title: null, sort: { field: 'stage_rank', op: 'min', order: 'ascending' } } },
      layer: [
        {
          transform: [
            { fold: ['stalled_amount', 'moving_amount'], as: ['part_field', 'part_amount'] },
            { calculate: `datum.part_field === 'stalled_amount' ? '${STALLED}' : '${MOVING}'`, as: 'part' },
          ],
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'part_amount', type: 'quantitative', stack: 'zero', title: 'Open amount', axis: { format: MONEY_SHORT } },
            color: { field: 'part', type: 'nominal', title: null, scale: { domain: [STALLED, MOVING], range: [BAD, PRIMARY] }, legend: { orient: 'top' } },
            order: { field: 'part_field', sort: 'descending' },
            tooltip: [
              { field: 'stage_label', type: 'nominal', title: 'Stage' },
              { field: 'part', type: 'nominal', title: 'Deals' },
              { field: 'part_amount', type: 'quantitative', title: 'Amount', format: MONEY },
              { field: 'open_deals', type: 'quantitative', title: 'Open deals at the stage', format: COUNT },
              { field: 'weighted_forecast', type: 'quantitative', title: 'Weighted forecast', format: MONEY },
            ],
          },
        },
        {
          mark: { type: 'tick', color: INK, thickness: 2 },
          encoding: { x: { field: 'weighted_forecast', type: 'quantitative' } },
        },
      ],
    },
  );
}

/** Each fund's allocation and what was paid out of it, with its utilisation, over an `mdf.programs` result. */
export function mdfFundsSpec(o: ReviewChartOptions = {}): JsonObject {
  return chart(
    {
      text: 'Marketing funds: allocated and paid',
      subtitle: [
        'Light bar: the fund allocated to the programme\'s partners; dark bar: what was paid out of it; label: the share used.',
        'Funds outside any programme have no allocation: only what was paid.',
      ],
    },
    o.data ?? 'mdf_programs',
    {
      width: 460,
      encoding: { y: { field: 'name', type: 'nominal', title: null, sort: null } },
      layer: [
        {
          mark: { type: 'bar', color: NEUTRAL_LIGHT },
          encoding: {
            x: { field: 'allocated', type: 'quantitative', title: 'Funds', axis: { format: MONEY_SHORT } },
            tooltip: [
              { field: 'name', type: 'nominal', title: 'Fund' },
              { field: 'allocated', type: 'quantitative', title: 'Allocated', format: MONEY },
              { field: 'approved', type: 'quantitative', title: 'Approved', format: MONEY },
              { field: 'paid', type: 'quantitative', title: 'Paid', format: MONEY },
              { field: 'utilisation', type: 'quantitative', title: 'Used', format: PCT },
            ],
          },
        },
        {
          mark: { type: 'bar', color: PRIMARY, height: { band: 0.5 } },
          encoding: {
            x: { field: 'paid', type: 'quantitative' },
            tooltip: [
              { field: 'name', type: 'nominal', title: 'Fund' },
              { field: 'paid', type: 'quantitative', title: 'Paid', format: MONEY },
              { field: 'partners_requesting', type: 'quantitative', title: 'Partners asking', format: COUNT },
              { field: 'roi_incremental', type: 'quantitative', title: 'Incremental ROI (cost = paid)', format: PCT },
            ],
          },
        },
        {
          transform: [{ filter: 'isValid(datum.utilisation)' }],
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
          encoding: { x: { field: 'allocated', type: 'quantitative' }, text: { field: 'utilisation', type: 'quantitative', format: PCT } },
        },
      ],
    },
  );
}

/**
 * One partner's scorecard over the quarters, one small chart per metric, over a `review.scorecard`
 * result restricted to the partner: the line is the partner, the diamonds its targets where set, the
 * grey dashes its peers' median.
 */
export function scorecardTrendSpec(o: ReviewChartOptions = {}): JsonObject {
  return chart(
    {
      text: 'Scorecard, quarter by quarter',
      subtitle: [
        'Each small chart is one figure over the quarters (the last is the current one): the line is the partner, the diamonds its target where one is set,',
        'the grey dashes its peers\' median (same sector, else same tier). Scales differ from chart to chart.',
      ],
    },
    o.data ?? 'scorecard',
    {
      transform: [{ filter: 'isValid(datum.value) || isValid(datum.target)' }],
      facet: { field: 'metric_label', type: 'nominal', title: null, sort: { field: 'metric_order', op: 'min' } },
      columns: 3,
      spec: {
        width: 180,
        height: 90,
        encoding: { x: { field: 'quarter', type: 'ordinal', title: null, axis: { labelAngle: -40, labelFontSize: 9 } } },
        layer: [
          {
            mark: { type: 'line', color: NEUTRAL, strokeDash: [3, 3] },
            encoding: { y: { field: 'peer_median', type: 'quantitative', title: null, axis: { format: '~s' } } },
          },
          {
            mark: { type: 'line', color: PRIMARY, point: true },
            encoding: {
              y: { field: 'value', type: 'quantitative', title: null },
              tooltip: [
                { field: 'metric_label', type: 'nominal', title: 'Figure' },
                { field: 'quarter', type: 'ordinal', title: 'Quarter' },
                { field: 'value', type: 'quantitative', title: 'Value', format: ',.2~f' },
                { field: 'target', type: 'quantitative', title: 'Target', format: ',.2~f' },
                { field: 'target_status', type: 'nominal', title: 'Against target' },
                { field: 'peer_rank', type: 'quantitative', title: 'Rank among peers' },
                { field: 'peers', type: 'quantitative', title: 'Peers' },
              ],
            },
          },
          {
            transform: [{ filter: 'isValid(datum.target)' }],
            mark: { type: 'point', color: BAD, shape: 'diamond', filled: true, size: 50 },
            encoding: { y: { field: 'target', type: 'quantitative' } },
          },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    },
  );
}
