/**
 * A notebook cut into sections for presenting: a section starts at a Markdown heading (of the level the
 * notebook uses for its parts: the shallowest one used more than once) and runs to the next one, which
 * may be in the middle of a Markdown cell. Text before the first heading is a section of its own (the
 * title slide). Hidden cells are left out.
 */
import { attr, type Cell, type Notebook } from './model';

export type SectionItem = { kind: 'text'; text: string } | { kind: 'cell'; cell: Cell };

export interface Section {
  /** The heading's text, or '' for what comes before the first one. */
  title: string;
  items: SectionItem[];
}

const HEADING_LINE = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

function cuttingLevel(cells: readonly Cell[]): number {
  const counts = new Map<number, number>();
  for (const c of cells) {
    if (c.kind !== 'markdown') continue;
    for (const m of c.source.matchAll(/^(#{1,6})\s/gm)) counts.set(m[1]!.length, (counts.get(m[1]!.length) ?? 0) + 1);
  }
  const levels = [...counts.keys()].sort((a, b) => a - b);
  return levels.find((l) => counts.get(l)! > 1) ?? levels[0] ?? 1;
}

export function sections(nb: Pick<Notebook, 'cells'>): Section[] {
  const level = cuttingLevel(nb.cells);
  const out: Section[] = [];
  let current: Section = { title: '', items: [] };
  const flush = () => {
    if (current.items.length) out.push(current);
  };
  for (const cell of nb.cells) {
    if (attr(cell, 'hidden') !== undefined) continue;
    if (cell.kind !== 'markdown') {
      current.items.push({ kind: 'cell', cell });
      continue;
    }
    // A Markdown cell may hold several parts: cut it at each heading of the cutting level.
    let lines: string[] = [];
    let inFence = false;
    const text = () => {
      const t = lines.join('\n').trim();
      if (t) current.items.push({ kind: 'text', text: t });
      lines = [];
    };
    for (const line of cell.source.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      const h = inFence ? null : HEADING_LINE.exec(line);
      if (h && h[1]!.length <= level) {
        text();
        flush();
        current = { title: h[2]!, items: [] };
      }
      lines.push(line);
    }
    text();
  }
  flush();
  return out;
}
