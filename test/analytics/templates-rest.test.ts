/** The six issue-5 template notebooks run whole on the demo data: see template-suite.ts. */
import { describeTemplates } from './template-suite';

describeTemplates({
  'long-tail.md': ['concentration', 'revenue_curve', 'rfm_scores', 'tiers_vs_segments', 'low_tier_champions', 'steady_sellers', 'loyal_small_partners', 'tier_review', 'tail_partners'],
  'engagement.md': ['engagement_points', 'engagement_scores', 'diamonds_summary', 'call_now', 'diamonds_in_the_rough', 'diamond_interactions'],
  'nps.md': ['rfm_scores', 'nps_summary', 'nps_change', 'nps_over_time', 'real_changes', 'detractors_to_call'],
  'lifetime-value.md': ['annual_retention', 'ltv_partners', 'rfm_scores', 'ltv_segments', 'top_partners_by_ltv', 'ltv_by_tier', 'ltv_by_segment'],
  'churn-risk.md': ['churn', 'churn_model', 'rhythm_check', 'cant_lose', 'watch_list', 'forecast_by_partner'],
  'channel-conflict.md': ['conflicts', 'conflict_summary', 'rfm_scores', 'channel_mix', 'conflicts_by_partner', 'conflict_customers', 'mix_by_segment'],
});
