/** The quarter's review template notebooks (issue 18) run whole on the demo data: see template-suite.ts. */
import { describeTemplates } from './template-suite';

describeTemplates({
  'partner-review.md': [
    'engagement_points', 'pipeline_stages', 'health', 'health_tiers', 'health_red_list', 'rfm_scores', 'tier_advice', 'tier_advice_counts',
    'tier_changes', 'pipeline', 'pipeline_stage_totals',
    'pipeline_deals', 'stalled_deals', 'stuck_partners', 'registration_list', 'expiring_registrations', 'registration_conflicts',
    'mdf_programs', 'mdf_funds', 'unused_funds',
  ],
  'partner-page.md': [
    'identity', 'engagement_points', 'rfm_scores', 'churn', 'scorecard', 'current_quarter', 'quarter_table', 'health', 'health_components', 'peer_table',
  ],
});
