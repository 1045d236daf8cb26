/** The four core template notebooks (issue 4) run whole on the demo data: see template-suite.ts. */
import { describeTemplates } from './template-suite';

describeTemplates({
  'rfm.md': ['rfm_scores', 'rfm_segments', 'champions', 'cant_lose_call_list', 'raise_deal_value', 'reactivate', 'no_purchase'],
  'cohort-retention.md': ['cohort_retention', 'annual_retention', 'retention_triangle', 'cohort_table', 'annual_retention_table'],
  'benchmark.md': ['benchmark_bands', 'annual_retention', 'retention_vs_benchmark', 'peer_comparison', 'sector_scorecard', 'losing_ground', 'ahead_of_peers'],
  'program-roi.md': ['program_roi', 'roi_scorecard', 'roi_evidence'],
});
