/** What the "Run this notebook?" prompt says a notebook from outside would read and run. */
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/format';
import { describeRuns, runPrompt, untrustedIds, withTrust, UNTRUSTED_SETTING } from '../../src/notebook/trust';

const NOTEBOOK = [
  '# Crafted',
  '',
  'Mentions deals in prose only: not a read.',
  '',
  '```sql top',
  'SELECT p.name, sum(d.amount) AS revenue FROM deals d JOIN "Partners" p USING (partner_id) GROUP BY 1',
  '```',
  '',
  '```ts leak',
  "const rows = await sql`SELECT * FROM surveys`;\nreturn top.map((r) => ({ ...r }));",
  '```',
  '',
  '```sql again',
  'SELECT * FROM top JOIN deals USING (name)',
  '```',
  '',
  '```input threshold',
  'type: number',
  'value: 3',
  '```',
  '',
].join('\n');

describe('run prompt', () => {
  it('lists the workspace tables the code names (not its own results, not prose) and the cells that would run', () => {
    const nb = parseNotebook(NOTEBOOK);
    const p = runPrompt(nb.cells, ['deals', 'partners', 'surveys', 'activities', 'top']);
    // "top" is a table of the workspace but also this notebook's own cell: its cell makes it.
    expect(p).toEqual({ reads: ['deals', 'partners', 'surveys'], runs: [{ kind: 'sql', count: 2 }, { kind: 'ts', count: 1 }] });
    expect(describeRuns(p)).toBe('2 SQL cells and 1 TypeScript cell');
  });

  it('says when nothing would run', () => {
    const p = runPrompt(parseNotebook('# Only text\n').cells, ['deals']);
    expect([p, describeRuns(p)]).toEqual([{ reads: [], runs: [] }, '']);
  });

  it('keeps the list of notebooks waiting in the settings, ignoring anything malformed there', () => {
    expect(untrustedIds({})).toEqual([]);
    expect(untrustedIds({ [UNTRUSTED_SETTING]: 'a' })).toEqual([]);
    expect(untrustedIds({ [UNTRUSTED_SETTING]: ['a', 3, 'b'] })).toEqual(['a', 'b']);
    expect(withTrust(['a', 'b'], 'c', false)).toEqual(['a', 'b', 'c']);
    expect(withTrust(['a', 'b'], 'a', false)).toEqual(['b', 'a']);
    expect(withTrust(['a', 'b'], 'a', true)).toEqual(['b']);
  });
});
