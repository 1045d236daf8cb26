/**
 * The analysis library's words in the reader's language. Results keep stable English keys (segment
 * 'Champions', status 'green', advice 'promote') so that a notebook gives the same rows in every
 * language and its SQL (`WHERE segment = 'Champions'`) works in both; these functions translate the
 * keys where they are shown: result tables, charts (labelExpr, see templates.ts), snapshots.
 */
import { CATALOGUES, type MessageKey } from './catalogue';
import type { I18n } from './i18n';

/** RFM segment (analytics/rfm.ts RFM_SEGMENTS and NO_PURCHASE) → its message keys. */
export const SEGMENT_KEYS: Record<string, { name: MessageKey; action: MessageKey }> = {
  Champions: { name: 'segment.champions', action: 'segment.action.champions' },
  Loyal: { name: 'segment.loyal', action: 'segment.action.loyal' },
  'Potential loyalists': { name: 'segment.potential_loyalists', action: 'segment.action.potential_loyalists' },
  New: { name: 'segment.new', action: 'segment.action.new' },
  Promising: { name: 'segment.promising', action: 'segment.action.promising' },
  'Needs attention': { name: 'segment.needs_attention', action: 'segment.action.needs_attention' },
  'About to sleep': { name: 'segment.about_to_sleep', action: 'segment.action.about_to_sleep' },
  "Can't lose": { name: 'segment.cant_lose', action: 'segment.action.cant_lose' },
  'At risk': { name: 'segment.at_risk', action: 'segment.action.at_risk' },
  Hibernating: { name: 'segment.hibernating', action: 'segment.action.hibernating' },
  'No purchase': { name: 'segment.no_purchase', action: 'segment.action.no_purchase' },
};

export const HEALTH_KEYS: Record<string, MessageKey> = { green: 'health.green', amber: 'health.amber', red: 'health.red' };

/** analytics/health.ts HEALTH_COMPONENTS labels → keys (reason_1, reason_2 hold the labels). */
export const HEALTH_COMPONENT_KEYS: Record<string, MessageKey> = {
  'revenue trend': 'health.component.revenue_trend',
  engagement: 'health.component.engagement',
  enablement: 'health.component.enablement',
  pipeline: 'health.component.pipeline',
  relationship: 'health.component.relationship',
};

export const ADVICE_KEYS: Record<string, MessageKey> = {
  promote: 'advice.promote',
  keep: 'advice.keep',
  demote: 'advice.demote',
  assign: 'advice.assign',
  'unknown tier': 'advice.unknown_tier',
};

export const RULE_KEYS: Record<string, MessageKey> = {
  min_won_revenue: 'advice.rule.min_won_revenue',
  min_won_deals: 'advice.rule.min_won_deals',
  min_certifications: 'advice.rule.min_certifications',
};

/** Which key table translates a column's values, by the column names the analyses use. */
const COLUMN_KEYS: Record<string, Record<string, MessageKey>> = {
  segment: Object.fromEntries(Object.entries(SEGMENT_KEYS).map(([k, v]) => [k, v.name])),
  rfm_segment: Object.fromEntries(Object.entries(SEGMENT_KEYS).map(([k, v]) => [k, v.name])),
  // rfm.segments writes each segment's advice in English in its `action` column: the English catalogue
  // holds the same text (a test checks), so the text is its own key.
  action: Object.fromEntries(Object.values(SEGMENT_KEYS).map((v) => [CATALOGUES.en[v.action] as string, v.action])),
  status: HEALTH_KEYS,
  health_status: HEALTH_KEYS,
  reason_1: HEALTH_COMPONENT_KEYS,
  reason_2: HEALTH_COMPONENT_KEYS,
  advice: ADVICE_KEYS,
  decided_by: RULE_KEYS,
};

/**
 * How a result value reads in the reader's language: a known key of a known column is translated,
 * anything else is returned as it is (a segment named by the user, a sector, a number).
 */
export function valueLabel(i18n: I18n, column: string, value: string): string {
  const table = COLUMN_KEYS[column];
  const key = table?.[value];
  return key ? i18n.t(key) : value;
}

/** The value → label pairs of a column for the reader's language: what a chart's labelExpr maps. */
export function columnLabels(i18n: I18n, column: string): Record<string, string> | null {
  const table = COLUMN_KEYS[column];
  if (!table) return null;
  return Object.fromEntries(Object.entries(table).map(([value, key]) => [value, i18n.t(key)]));
}

export interface TierAdviceRow {
  advice: string;
  tier: string | null;
  recommended_tier: string | null;
  decided_by: string | null;
}

/**
 * The tier advice's reason in the reader's language, from the advice's structured columns (the
 * `reason` column of tiers.advice is English text with figures; this one names the deciding rule).
 */
export function tierReason(i18n: I18n, row: TierAdviceRow): string {
  const tier = row.tier ?? '';
  const recommended = row.recommended_tier ?? '';
  const rule = row.decided_by && RULE_KEYS[row.decided_by] ? i18n.t(RULE_KEYS[row.decided_by]!) : '';
  switch (row.advice) {
    case 'promote':
      return i18n.t('advice.reason.promote', { tier: recommended });
    case 'keep':
      return i18n.t('advice.reason.keep', { tier });
    case 'demote':
      return recommended ? i18n.t('advice.reason.demote', { rule, tier, recommended }) : i18n.t('advice.reason.demote_none', { rule, tier });
    case 'assign':
      return recommended ? i18n.t('advice.reason.assign', { recommended }) : i18n.t('advice.reason.assign_none');
    default:
      return i18n.t('advice.reason.unknown_tier', { tier });
  }
}
