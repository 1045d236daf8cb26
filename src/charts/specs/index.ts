/**
 * The analysis charts: one pure function per picture, returning a Vega-Lite spec over the result of
 * the analysis it draws. The template notebooks hold these specs as chart cells (written out by
 * `chartSourceText`), where users may then edit them.
 */
export { rfmGridSpec, rfmSegmentBarsSpec } from './rfm';
export { cohortHeatmapSpec, retentionCurvesSpec, type RetentionMeasure } from './cohorts';
export { benchmarkBandSpec } from './benchmark';
export { roiSpec } from './roi';
export { lorenzSpec } from './pareto';
export { engagementDistributionSpec } from './engagement';
export { npsSpec } from './nps';
export { pAliveSpec } from './churn';
export { conflictSpec } from './conflict';
export { healthStatusSpec, healthStatusSummarySql, mdfFundsSpec, pipelineStagesSpec, pipelineStagesSummarySql, scorecardTrendSpec, tierAdviceSpec, tierAdviceSummarySql } from './review';
