/** Which cells of a result link to a partner's page. */
import { describe, expect, it } from 'vitest';
import { linkedPartner, partnerColumns } from '../../src/model/partner-columns';

describe('partner columns', () => {
  it('find the id and the name beside it, or a name that stands alone', () => {
    expect(partnerColumns(['segment', 'partner_id', 'name', 'revenue'])).toEqual({ id: 1, name: 2 });
    expect(partnerColumns(['PartnerId', 'partner_name'])).toEqual({ id: 0, name: 1 });
    // Without an id, "name" could be anything's name (a programme's): only partner_name or partner count.
    expect(partnerColumns(['name', 'budget'])).toEqual({ id: -1, name: -1 });
    expect(partnerColumns(['partner', 'revenue'])).toEqual({ id: -1, name: 0 });
    expect(partnerColumns(['partners', 'sector'])).toEqual({ id: -1, name: -1 });
  });

  it('link the id and the name beside it to the row\'s partner; nothing else, and not without an id', () => {
    const cols = partnerColumns(['partner_id', 'name', 'revenue']);
    expect(linkedPartner(cols, 0, ['P1419', 'Alpha', 10])).toBe('P1419');
    expect(linkedPartner(cols, 1, ['P1419', 'Alpha', 10])).toBe('P1419');
    expect(linkedPartner(cols, 2, ['P1419', 'Alpha', 10])).toBeNull();
    expect(linkedPartner(cols, 1, [null, 'Direct sale', 10])).toBeNull();
    expect(linkedPartner(cols, 0, [42, 'Alpha', 10])).toBe('42');
    expect(linkedPartner(partnerColumns(['partner', 'x']), 0, ['Alpha', 1])).toBeNull();
  });
});
