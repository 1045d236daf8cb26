// The analysis library's words in both languages: every RFM segment, health status and component, and
// tier advice of src/analytics has its message, and the English one is the library's own text.
import { describe, expect, it } from 'vitest';
import { NO_PURCHASE, RFM_SEGMENTS } from '../../src/analytics/rfm';
import { HEALTH_COMPONENTS } from '../../src/analytics/health';
import { i18nFor } from '../../src/i18n';
import { columnLabels, SEGMENT_KEYS, tierReason, valueLabel } from '../../src/i18n/labels';

const en = i18nFor('en');
const fr = i18nFor('fr');

describe('analysis labels', () => {
  it('name every RFM segment and its advice, the English text being the library’s', () => {
    const segments = [...RFM_SEGMENTS, NO_PURCHASE];
    expect(Object.keys(SEGMENT_KEYS).sort()).toEqual(segments.map((s) => s.name).sort());
    for (const s of segments) {
      expect(valueLabel(en, 'segment', s.name)).toBe(s.name);
      expect(valueLabel(en, 'action', s.action)).toBe(s.action);
      expect(valueLabel(fr, 'action', s.action)).not.toBe(s.action);
    }
    expect(valueLabel(fr, 'segment', 'Loyal')).toBe('Fidèles');
    expect(valueLabel(fr, 'rfm_segment', "Can't lose")).toBe('À ne pas perdre');
    expect(valueLabel(fr, 'segment', 'No purchase')).toBe('Sans vente');
  });

  it('translate health statuses, components and tier advice; leave other values as they are', () => {
    expect(['green', 'amber', 'red'].map((s) => valueLabel(fr, 'status', s))).toEqual(['vert', 'orange', 'rouge']);
    expect(HEALTH_COMPONENTS.map((c) => valueLabel(en, 'reason_1', c.label))).toEqual(HEALTH_COMPONENTS.map((c) => c.label));
    expect(HEALTH_COMPONENTS.map((c) => valueLabel(fr, 'reason_2', c.label)).every((l, k) => l !== HEALTH_COMPONENTS[k]!.label || l === 'engagement' || l === 'pipeline')).toBe(true);
    expect(valueLabel(fr, 'advice', 'demote')).toBe('rétrograder');
    expect(valueLabel(fr, 'segment', 'Distribution')).toBe('Distribution');
    expect(valueLabel(fr, 'sector', 'green')).toBe('green');
    expect(columnLabels(fr, 'health_status')).toEqual({ green: 'vert', amber: 'orange', red: 'rouge' });
    expect(columnLabels(fr, 'sector')).toBeNull();
  });

  it('give the tier advice reason from the advice columns', () => {
    expect(tierReason(fr, { advice: 'demote', tier: 'Gold', recommended_tier: 'Silver', decided_by: 'min_won_revenue' })).toBe(
      "chiffre d'affaires gagné sous le minimum du niveau Gold ; remplit le niveau Silver",
    );
    expect(tierReason(en, { advice: 'demote', tier: 'Gold', recommended_tier: null, decided_by: 'min_won_deals' })).toBe(
      "won deals below the Gold minimum; no tier's minimums are met",
    );
    expect(tierReason(fr, { advice: 'assign', tier: null, recommended_tier: 'Bronze', decided_by: null })).toBe('pas encore de niveau ; remplit le niveau Bronze');
    expect(tierReason(en, { advice: 'promote', tier: 'Silver', recommended_tier: 'Gold', decided_by: 'min_won_revenue' })).toBe('meets every minimum of Gold');
    expect(tierReason(fr, { advice: 'keep', tier: 'Silver', recommended_tier: 'Silver', decided_by: null })).toBe('remplit tous les minimums du niveau Silver');
    expect(tierReason(en, { advice: 'unknown tier', tier: 'Platinum', recommended_tier: null, decided_by: null })).toBe('tier Platinum is not in the tier rules');
  });
});
