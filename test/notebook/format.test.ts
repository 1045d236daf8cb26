import { describe, it, expect } from 'vitest';
import { parseNotebook, serializeNotebook, NotebookFormatError } from '../../src/notebook/format';
import { makeCell, notebookTitle } from '../../src/notebook/model';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const roundTrip = (text: string) => serializeNotebook(parseNotebook(text));

const SAMPLE = `---
title: Demo
---

# Hello

Some *text*.

\`\`\`sql top
SELECT 1 AS x
\`\`\`

\`\`\`analysis rfm hidden
function: rfm.scores
deals: deals
\`\`\`
`;

describe('notebook format', () => {
  it('parses cells with kinds, names and attributes', () => {
    const nb = parseNotebook(SAMPLE);
    expect(nb.frontMatter).toBe('title: Demo');
    expect(nb.cells.map((c) => [c.kind, c.name, c.source])).toEqual([
      ['markdown', '', '# Hello\n\nSome *text*.'],
      ['sql', 'top', 'SELECT 1 AS x'],
      ['analysis', 'rfm', 'function: rfm.scores\ndeals: deals'],
    ]);
    expect(nb.cells[2]!.attrs).toEqual([{ key: 'hidden', value: null }]);
    expect(notebookTitle(nb)).toBe('Demo');
  });

  const odd: Record<string, string> = {
    empty: '',
    'no final newline': '# Title\n\n```sql a\nSELECT 1\n```',
    'crowded blank lines': '\n\n\n# A\n\n\n\n```sql a\nSELECT 1\n```\n\n\n\n',
    'empty cells': '```sql a\n```\n\n```sql b\n\n```\n\n```ts c\n```\n',
    'backticks inside a cell': '````sql a\nSELECT \'```\' AS fence\n```\n````\n',
    'tilde fences': '~~~sql a\nSELECT 1\n~~~\n',
    unicode: '# Société Générale — 日本語 🚀\n\n```sql clôture\nSELECT \'é\' AS "Montant (€)"\n```\n',
    'foreign fence stays markdown': 'Text\n\n```python\nprint(1)\n```sql not_a_cell\n```\n\nMore\n',
    'adjacent markdown cells': '# One\n\n<!-- cell -->\n\n# Two\n',
    'attributes with values': '```input as_of type=date value=2025-01-01 label="As of"\n```\n',
    'front matter only': '---\ntitle: x\n---\n',
    'cell directly after text': 'Intro\n```sql a\nSELECT 1\n```\nOutro\n',
  };
  for (const [name, text] of Object.entries(odd)) {
    it(`round-trips exactly: ${name}`, () => {
      expect(roundTrip(text)).toBe(text);
    });
  }

  it('keeps backticks inside a cell by choosing a longer fence', () => {
    const nb = parseNotebook('```sql a\nSELECT 1\n```\n');
    nb.cells[0]!.source = "SELECT 1\n```\nSELECT 2";
    const text = serializeNotebook(nb);
    expect(text).toBe("````sql a\nSELECT 1\n```\nSELECT 2\n````\n");
    expect(parseNotebook(text).cells[0]!.source).toBe("SELECT 1\n```\nSELECT 2");
  });

  it('rewrites only the header of a renamed cell', () => {
    const nb = parseNotebook('# T\n\n```sql a\nSELECT 1\n```\n');
    nb.cells[1]!.name = 'b';
    expect(serializeNotebook(nb)).toBe('# T\n\n```sql b\nSELECT 1\n```\n');
  });

  it('writes new cells with a blank line between them and separates adjacent markdown', () => {
    const nb = parseNotebook('# T\n');
    nb.cells.push(makeCell('markdown', 'Second'));
    nb.cells.push(makeCell('sql', 'SELECT 2', 'q'));
    const text = serializeNotebook(nb);
    expect(text).toBe('# T\n\n<!-- cell -->\n\nSecond\n\n```sql q\nSELECT 2\n```\n');
    expect(parseNotebook(text).cells.map((c) => c.kind)).toEqual(['markdown', 'markdown', 'sql']);
  });

  it('reports an unclosed cell with its line', () => {
    expect(() => parseNotebook('# A\n\n```sql broken\nSELECT 1\n')).toThrow(NotebookFormatError);
    expect(() => parseNotebook('# A\n\n```sql broken\nSELECT 1\n')).toThrow(/Line 3: the sql cell "broken" is never closed/);
  });

  it('normalises CRLF to LF', () => {
    expect(roundTrip('# A\r\n\r\n```sql a\r\nSELECT 1\r\n```\r\n')).toBe('# A\n\n```sql a\nSELECT 1\n```\n');
  });

  it('round-trips every template notebook', () => {
    const dir = path.resolve(__dirname, '../../notebooks');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(roundTrip(text), f).toBe(text);
    }
  });
});

describe('notebook format: attribute values', () => {
  it('keeps quotes, backslashes and spaces in attribute values through a rewrite', () => {
    const nb = parseNotebook('```input who type=text value=x\n```\n');
    const value = 'She said "hi" \\ bye; é';
    nb.cells[0]!.attrs = [{ key: 'type', value: 'text' }, { key: 'value', value }];
    const text = serializeNotebook(nb);
    expect(text).toBe('```input who type=text value="She said \\"hi\\" \\\\ bye; é"\n```\n');
    expect(parseNotebook(text).cells[0]!.attrs[1]).toEqual({ key: 'value', value });
  });
});
