/**
 * The quarter's review charts (src/analytics: health.ts, tiers.ts, pipeline.ts, mdf.ts, scorecard.ts): each
 * over the result of one analysis, with a subtitle saying how to read it.
 */
import type { JsonObject } from '../json';
import { BAD, GOOD, INK, NEUTRAL, NEUTRAL_LIGHT, PRIMARY, SECONDARY } from '../palette';
import { chart, COUNT, MONEY, MONEY_SHORT, PCT } from './common';

/** The current tier, with a label for partners without one. */
const TIER_LABEL = { calculate: "isValid(datum.tier) && datum.tier !== '' ? datum.tier : '(no tier)'", as: 'tier_label' };

export interface ReviewChartOptions {
  /** The result cell the chart draws. */
  data?: string;
}

/** Partners per health status (green, amber, red) in each tier, over a `review.health` result. */
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
    o.data ?? 'health',
    {
      width: 460,
      transform: [TIER_LABEL, { calculate: "indexof(['red', 'amber', 'green'], datum.status)", as: 'status_rank' }],
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'tier_label', type: 'nominal', title: null, sort: ['Gold', 'Silver', 'Bronze', '(no tier)'] },
        x: { aggregate: 'count', type: 'quantitative', title: 'Partners', axis: { format: COUNT } },
        color: { field: 'status', type: 'nominal', title: 'Health', scale: { domain: statuses, range: [BAD, SECONDARY, GOOD] }, legend: { orient: 'top' } },
        order: { field: 'status_rank', aggregate: 'min', type: 'quantitative' },
        tooltip: [
          { field: 'tier_label', type: 'nominal', title: 'Tier' },
          { field: 'status', type: 'nominal', title: 'Health' },
          { aggregate: 'count', type: 'quantitative', title: 'Partners', format: COUNT },
          { field: 'health_score', aggregate: 'mean', type: 'quantitative', title: 'Mean score', format: ',.0f' },
        ],
      },
    },
  );
}

/** What the tier rules advise (promote, keep, demote…) in each current tier, over a `review.tier_advice` result. */
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
    o.data ?? 'tier_advice',
    {
      width: 460,
      transform: [TIER_LABEL],
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'tier_label', type: 'nominal', title: null, sort: ['Gold', 'Silver', 'Bronze', '(no tier)'] },
        x: { aggregate: 'count', type: 'quantitative', title: 'Partners', axis: { format: COUNT } },
        color: { field: 'advice', type: 'nominal', title: 'Advice', scale: { domain: advice, range: [BAD, NEUTRAL, GOOD, PRIMARY, SECONDARY] }, legend: { orient: 'top' } },
        tooltip: [
          { field: 'tier_label', type: 'nominal', title: 'Tier' },
          { field: 'advice', type: 'nominal', title: 'Advice' },
          { aggregate: 'count', type: 'quantitative', title: 'Partners', format: COUNT },
        ],
      },
    },
  );
}

/** Open amount per stage, the stalled part apart, and the weighted forecast, over a `pipeline.summary` result. */
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
    o.data ?? 'pipeline',
    {
      width: 460,
      transform: [
        { calculate: "isValid(datum.stage) ? datum.stage : '(no stage)'", as: 'stage_label' },
        {
          aggregate: [
            { op: 'sum', field: 'open_amount', as: 'open_amount' },
            { op: 'sum', field: 'stalled_amount', as: 'stalled_amount' },
            { op: 'sum', field: 'weighted_forecast', as: 'weighted_forecast' },
            { op: 'sum', field: 'open_deals', as: 'open_deals' },
            { op: 'min', field: 'stage_order', as: 'stage_order' },
          ],
          groupby: ['stage_label'],
        },
        { calculate: 'datum.open_amount - datum.stalled_amount', as: 'moving_amount' },
        { calculate: 'isValid(datum.stage_order) ? datum.stage_order : 999', as: 'stage_rank' },
      ],
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
