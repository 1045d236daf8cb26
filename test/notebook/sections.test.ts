import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseNotebook } from '../../src/notebook/format';
import { sections } from '../../src/notebook/sections';

const nb = (text: string) => parseNotebook(text);

describe('sections for presenting', () => {
  it('cuts at each heading of the level the notebook uses for its parts', () => {
    const s = sections(
      nb(['# Title', '', 'Intro.', '', '```sql a', 'SELECT 1', '```', '', '## First', '', 'Text.', '', '```sql b', 'SELECT 2', '```', '', '### Detail', '', 'More.', '', '## Second', '', '```sql c', 'SELECT 3', '```', ''].join('\n')),
    );
    const shown = (x: (typeof s)[number]) => x.items.map((i) => (i.kind === 'cell' ? i.cell.name : i.text));
    expect(s.map((x) => [x.title, shown(x)])).toEqual([
      ['Title', ['# Title\n\nIntro.', 'a']],
      ['First', ['## First\n\nText.', 'b', '### Detail\n\nMore.']],
      ['Second', ['## Second', 'c']],
    ]);
  });

  it('leaves hidden cells out, and keeps what comes before the first heading', () => {
    const s = sections(nb(['```input as_of type=date', '```', '', '```sql secret hidden', 'SELECT 1', '```', '', '# Part', '', '```sql shown', 'SELECT 2', '```', ''].join('\n')));
    expect(s.map((x) => [x.title, x.items.map((i) => (i.kind === 'cell' ? i.cell.name : i.text))])).toEqual([
      ['', ['as_of']],
      ['Part', ['# Part', 'shown']],
    ]);
  });

  it('gives every template one title section and several parts, losing no shown cell', () => {
    for (const f of ['long-tail.md', 'rfm.md', 'partner-review.md']) {
      const n = nb(readFileSync(new URL(`../../notebooks/${f}`, import.meta.url), 'utf8'));
      const s = sections(n);
      expect(s.length).toBeGreaterThan(2);
      const code = (cells: { kind: string }[]) => cells.filter((c) => c.kind !== 'markdown').length;
      expect(s.flatMap((x) => x.items.filter((i) => i.kind === 'cell')).length).toBe(code(n.cells.filter((c) => !c.attrs.some((a) => a.key === 'hidden'))));
      expect(s[0]!.items.length).toBeGreaterThan(0);
    }
  });
});
