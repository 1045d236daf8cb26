/**
 * Cohort charts over a `cohorts.retention` result (src/analytics/cohorts.ts). Only observed cells are
 * drawn: a period that has not ended yet is missing time, not lost partners, and must not look like a
 * drop.
 */
import type { JsonObject } from '../json';
import { HEAT_RANGE, INK } from '../palette';
import { chart, COUNT, PCT } from './common';

export type RetentionMeasure = 'partner_retention' | 'unbounded_retention' | 'revenue_retention';

const MEASURE_TITLE: Record<RetentionMeasure, string> = {
  partner_retention: 'Partners selling in the period (% of cohort)',
  unbounded_retention: 'Partners selling in the period or later (% of cohort)',
  revenue_retention: 'Revenue (% of the cohort\'s first period)',
};

export interface CohortOptions {
  /** A `cohorts.retention` result. */
  data?: string;
  measure?: RetentionMeasure;
}

const LEGEND_TITLE: Record<RetentionMeasure, string> = {
  partner_retention: 'Share of the cohort selling',
  unbounded_retention: 'Share of the cohort still selling',
  revenue_retention: 'Revenue against the first period',
};

const OBSERVED = { filter: { field: 'observed', equal: true } };
const PERIOD_TITLE = 'Periods since the cohort started (0 = first period)';
const COHORT_TITLE = 'Cohort (period of first won deal)';

/** Partner shares live in 0–100 %; revenue retention may pass 100 % when the survivors grow. */
function measureScale(m: RetentionMeasure): JsonObject {
  return m === 'revenue_retention' ? { zero: true } : { domain: [0, 1] };
}

/** The retention triangle: one row per cohort, one column per period, each cell labelled. */
export function cohortHeatmapSpec(o: CohortOptions = {}): JsonObject {
  const measure = o.measure ?? 'partner_retention';
  return chart(
    {
      text: 'Cohort retention',
      subtitle: [`${MEASURE_TITLE[measure]}.`, 'Each row is a cohort, followed period by period; periods not yet over are left blank.'],
    },
    o.data ?? 'cohort_retention',
    {
      transform: [OBSERVED],
      width: { step: 40 },
      height: { step: 20 },
      encoding: {
        x: { field: 'period', type: 'ordinal', title: PERIOD_TITLE, axis: { labelAngle: 0 } },
        y: { field: 'cohort_label', type: 'ordinal', title: COHORT_TITLE },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
          encoding: {
            color: { field: measure, type: 'quantitative', title: MEASURE_TITLE[measure], scale: { ...measureScale(measure), range: [...HEAT_RANGE] }, legend: { format: PCT, orient: 'bottom', gradientLength: 300, title: LEGEND_TITLE[measure], titleLimit: 400 } },
            tooltip: [
              { field: 'cohort_label', type: 'ordinal', title: 'Cohort' },
              { field: 'cohort_size', type: 'quantitative', title: 'Partners in cohort', format: COUNT },
              { field: 'period', type: 'ordinal', title: 'Period' },
              { field: 'active_partners', type: 'quantitative', title: 'Selling in the period', format: COUNT },
              { field: 'partner_retention', type: 'quantitative', title: 'Partner retention', format: PCT },
              { field: 'unbounded_retention', type: 'quantitative', title: 'Unbounded retention', format: PCT },
              { field: 'revenue_retention', type: 'quantitative', title: 'Revenue retention', format: PCT },
            ],
          },
        },
        { mark: { type: 'text', fontSize: 10, color: INK }, encoding: { text: { field: measure, type: 'quantitative', format: PCT } } },
      ],
    },
  );
}

/** One line per cohort; newer cohorts darker, so an improvement reads as dark lines above light ones. */
export function retentionCurvesSpec(o: CohortOptions = {}): JsonObject {
  const measure = o.measure ?? 'unbounded_retention';
  return chart(
    {
      text: 'Retention curves by cohort',
      subtitle: `${MEASURE_TITLE[measure]}. Darker lines are more recent cohorts.`,
    },
    o.data ?? 'cohort_retention',
    {
      transform: [OBSERVED],
      width: 560,
      height: 300,
      mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'period', type: 'quantitative', title: PERIOD_TITLE, axis: { tickMinStep: 1, format: 'd' } },
        y: { field: measure, type: 'quantitative', title: MEASURE_TITLE[measure], scale: measureScale(measure), axis: { format: PCT } },
        color: { field: 'cohort_label', type: 'ordinal', title: 'Cohort', scale: { scheme: 'blues' }, legend: { columns: 2, symbolType: 'stroke' } },
        tooltip: [
          { field: 'cohort_label', type: 'ordinal', title: 'Cohort' },
          { field: 'period', type: 'quantitative', title: 'Period' },
          { field: measure, type: 'quantitative', title: MEASURE_TITLE[measure], format: PCT },
        ],
      },
    },
  );
}
