/**
 * Which analysis chart goes in which template notebook, drawing which cell: the single list the chart
 * cells in notebooks/ were written from, and that the template test checks them against.
 */
import type { JsonObject } from '../../src/charts/json';
import {
  benchmarkBandSpec,
  cohortHeatmapSpec,
  conflictSpec,
  engagementDistributionSpec,
  healthStatusSpec,
  healthStatusSummarySql,
  lorenzSpec,
  mdfFundsSpec,
  npsSpec,
  pAliveSpec,
  retentionCurvesSpec,
  rfmGridSpec,
  pipelineStagesSpec,
  pipelineStagesSummarySql,
  rfmSegmentBarsSpec,
  roiSpec,
  scorecardTrendSpec,
  tierAdviceSpec,
  tierAdviceSummarySql,
} from '../../src/charts/specs';

export interface TemplateChart {
  file: string;
  /** The chart cell's name. */
  name: string;
  /** The cell whose result it draws; the chart cell comes right after it. */
  after: string;
  spec: JsonObject;
  /** The SQL of the `after` cell, when the chart draws a summary the template makes in SQL. */
  sql?: string;
}

export const TEMPLATE_CHARTS: TemplateChart[] = [
  { file: 'rfm.md', name: 'rfm_grid', after: 'rfm_scores', spec: rfmGridSpec({ data: 'rfm_scores' }) },
  { file: 'rfm.md', name: 'rfm_segment_bars', after: 'rfm_segments', spec: rfmSegmentBarsSpec({ data: 'rfm_segments' }) },
  { file: 'cohort-retention.md', name: 'retention_heatmap', after: 'cohort_retention', spec: cohortHeatmapSpec({ data: 'cohort_retention' }) },
  { file: 'cohort-retention.md', name: 'retention_curves', after: 'retention_heatmap', spec: retentionCurvesSpec({ data: 'cohort_retention' }) },
  { file: 'benchmark.md', name: 'retention_band', after: 'retention_vs_benchmark', spec: benchmarkBandSpec({ data: 'retention_vs_benchmark' }) },
  { file: 'program-roi.md', name: 'roi_chart', after: 'program_roi', spec: roiSpec({ data: 'program_roi' }) },
  { file: 'long-tail.md', name: 'concentration_curve', after: 'revenue_curve', spec: lorenzSpec({ data: 'revenue_curve', topPct: 20 }) },
  { file: 'engagement.md', name: 'score_distribution', after: 'engagement_scores', spec: engagementDistributionSpec({ data: 'engagement_scores', threshold: 20 }) },
  { file: 'nps.md', name: 'nps_by_segment', after: 'nps_summary', spec: npsSpec({ data: 'nps_summary', dimension: 'segment' }) },
  { file: 'churn-risk.md', name: 'p_alive_chart', after: 'churn', spec: pAliveSpec({ data: 'churn' }) },
  { file: 'channel-conflict.md', name: 'conflict_by_segment', after: 'channel_mix', spec: conflictSpec({ data: 'channel_mix' }) },
  { file: 'partner-review.md', name: 'health_by_tier', after: 'health_tiers', spec: healthStatusSpec({ data: 'health_tiers' }), sql: healthStatusSummarySql('health') },
  { file: 'partner-review.md', name: 'tier_advice_chart', after: 'tier_advice_counts', spec: tierAdviceSpec({ data: 'tier_advice_counts' }), sql: tierAdviceSummarySql('tier_advice') },
  { file: 'partner-review.md', name: 'pipeline_by_stage', after: 'pipeline_stage_totals', spec: pipelineStagesSpec({ data: 'pipeline_stage_totals' }), sql: pipelineStagesSummarySql('pipeline') },
  { file: 'partner-review.md', name: 'funds_chart', after: 'mdf_programs', spec: mdfFundsSpec({ data: 'mdf_programs' }) },
  { file: 'partner-page.md', name: 'scorecard_trend', after: 'scorecard', spec: scorecardTrendSpec({ data: 'scorecard' }) },
];
