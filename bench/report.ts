/** The run as one Markdown table (printed, and pasted in the README) and as JSON (bench/results/). */
import { formatFigure, formatRatio } from './format';
import { SECTIONS, type Column, type Row } from './results';
import { ratio } from './stats';

const HEADER = ['What', 'Data', 'Longtail (browser)', 'DuckDB (Node)', 'Longtail ÷ DuckDB', 'Arquero (Node)', 'Longtail ÷ Arquero'];

/** `|` would end a cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function line(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function rowCells(r: Row): string[] {
  const figure = (c: Column) => (r.failed?.[c] ? 'failed' : formatFigure(r[c], r.unit));
  const longtail = r.failed?.longtail ? 'failed' : (r.text ?? formatFigure(r.longtail, r.unit));
  const hasNative = r.native !== undefined || r.failed?.native !== undefined;
  const hasArquero = r.arquero !== undefined || r.failed?.arquero !== undefined;
  return [
    r.what,
    r.data,
    longtail,
    hasNative ? figure('native') : '',
    hasNative ? formatRatio(ratio(r.longtail, r.native)) : '',
    hasArquero ? figure('arquero') : '',
    hasArquero ? formatRatio(ratio(r.longtail, r.arquero)) : '',
  ];
}

/** Sections in their fixed order, each opened by a bold row; medians with (min–max) of the runs. */
export function markdownTable(rows: readonly Row[]): string {
  const out = [line(HEADER), line(HEADER.map((_, k) => (k < 2 ? '---' : '---:')))];
  for (const section of SECTIONS) {
    const inSection = rows.filter((r) => r.section === section);
    if (inSection.length === 0) continue;
    out.push(line([`**${section}**`, '', '', '', '', '', '']));
    for (const r of inSection) out.push(line(rowCells(r)));
  }
  return out.join('\n');
}
