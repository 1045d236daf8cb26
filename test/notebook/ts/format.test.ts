/**
 * Notebook files carry TypeScript and input cells in the same plain-text format as the others, and
 * give back exactly the text they were read from.
 */
import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../src/notebook/format';
import { inputType, inputValue } from '../../../src/notebook/kinds/input-cell';

const FILE = `---
title: Inputs and TypeScript
---

# Parameters

\`\`\`input as_of type=date value=2025-12-31 label="As of"
\`\`\`

\`\`\`input window_days type=slider value=90 min=30 max=730 step=10 label="Window (days)"
\`\`\`

\`\`\`input sector type=select value="SaaS B2B" label=Sector
SELECT DISTINCT sector FROM partners ORDER BY 1
\`\`\`

\`\`\`input include_direct type=checkbox value=false
\`\`\`

\`\`\`input threshold type=number value=20
\`\`\`

\`\`\`input note type=text value=""
\`\`\`

\`\`\`\`ts shares timeout=120
// A fence longer than any run of backticks inside lets the cell hold a Markdown code block.
const md = \`\\\`\\\`\\\`\\nnot a fence\\n\\\`\\\`\\\`\`;
const rows = await sql\`SELECT partner_id, sum(amount) AS revenue FROM deals WHERE closed_at < $as_of GROUP BY 1\`;
display(md);
return rows;
\`\`\`\`

\`\`\`sql top
SELECT * FROM shares ORDER BY revenue DESC LIMIT 10
\`\`\`
`;

describe('TypeScript and input cells in a file', () => {
  it('round-trips exactly', () => {
    expect(serializeNotebook(parseNotebook(FILE))).toBe(FILE);
  });

  it('reads kinds, names, attributes and bodies', () => {
    const cells = parseNotebook(FILE).cells.filter((c) => c.kind !== 'markdown');
    expect(cells.map((c) => [c.kind, c.name])).toEqual([
      ['input', 'as_of'],
      ['input', 'window_days'],
      ['input', 'sector'],
      ['input', 'include_direct'],
      ['input', 'threshold'],
      ['input', 'note'],
      ['ts', 'shares'],
      ['sql', 'top'],
    ]);
    const inputs = cells.filter((c) => c.kind === 'input');
    expect(inputs.map((c) => [inputType(c), inputValue(c)])).toEqual([
      ['date', '2025-12-31'],
      ['slider', 90],
      ['select', 'SaaS B2B'],
      ['checkbox', false],
      ['number', 20],
      ['text', ''],
    ]);
    expect(inputs[2]!.source).toBe('SELECT DISTINCT sector FROM partners ORDER BY 1');
    expect(cells[6]!.attrs).toEqual([{ key: 'timeout', value: '120' }]);
    expect(cells[6]!.source.split('\n')[2]).toBe('const rows = await sql`SELECT partner_id, sum(amount) AS revenue FROM deals WHERE closed_at < $as_of GROUP BY 1`;');
  });

  it('rewrites only the header line of an input whose value changed', () => {
    const nb = parseNotebook(FILE);
    const asOf = nb.cells.find((c) => c.name === 'as_of')!;
    asOf.attrs = asOf.attrs.map((a) => (a.key === 'value' ? { ...a, value: '2026-01-15' } : a));
    const sector = nb.cells.find((c) => c.name === 'sector')!;
    sector.attrs = sector.attrs.map((a) => (a.key === 'value' ? { ...a, value: 'Distribution' } : a));
    const expected = FILE.replace(
      '```input as_of type=date value=2025-12-31 label="As of"',
      '```input as_of type=date value=2026-01-15 label="As of"',
    ).replace('```input sector type=select value="SaaS B2B" label=Sector', '```input sector type=select value=Distribution label=Sector');
    expect(serializeNotebook(nb)).toBe(expected);
  });
});
