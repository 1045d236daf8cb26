/** A notebook opened with an input preset: the partner page opened from a partner's name. */
import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../src/notebook/format';
import { setInputValues } from '../../src/notebook/inputs';

describe('setting inputs from outside', () => {
  it('sets the value of the input of that name only, as the file keeps it', () => {
    const nb = parseNotebook(['```input partner type=select value=P1419 label="Partner"', 'SELECT partner_id FROM partners', '```', '', '```input as_of type=date', '```', '', '```sql partner', 'SELECT 1', '```', ''].join('\n'));
    const changed = setInputValues(nb.cells, { partner: 'P0007', missing: 'x' });
    expect(changed.map((c) => c.name)).toEqual(['partner']);
    expect(serializeNotebook(nb)).toContain('```input partner type=select value=P0007 label=Partner\n');
    // The same value again changes nothing; an input without a value gets one.
    expect(setInputValues(nb.cells, { partner: 'P0007' })).toEqual([]);
    expect(setInputValues(nb.cells, { as_of: '2025-12-31' }).map((c) => c.name)).toEqual(['as_of']);
    expect(nb.cells[1]!.attrs).toEqual([
      { key: 'type', value: 'date' },
      { key: 'value', value: '2025-12-31' },
    ]);
  });
});
