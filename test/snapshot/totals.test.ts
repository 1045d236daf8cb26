import { describe, expect, it } from 'vitest';
import { isAdditive } from '../../src/snapshot/totals';
import type { Column, ValueKind } from '../../src/engine/values';

const col = (name: string, kind: ValueKind = 'number'): Column => ({ name, kind, sqlType: '' });

describe('which columns get a total', () => {
  it('sums amounts and counts', () => {
    for (const name of ['revenue', 'amount', 'won_deals', 'frequency', 'monetary', 'partners']) expect(isAdditive(col(name)), name).toBe(true);
  });

  it('does not sum ids, calendar units, scores, rates, shares, averages or text', () => {
    for (const name of ['partner_id', 'year', 'r_score', 'recency_days', 'retention_pct', 'partner_share', 'avg_deal', 'peer_median', 'value']) {
      expect(isAdditive(col(name)), name).toBe(false);
    }
    expect(isAdditive(col('revenue', 'string'))).toBe(false);
  });
});
