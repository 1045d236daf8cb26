/**
 * The notebook as data: an ordered list of cells. Kept free of any engine or UI concern so that the
 * file format, the dependency graph and the runner can each be tested on their own.
 */
export const CODE_KINDS = ['sql', 'analysis', 'ts', 'chart', 'input'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];
export type CellKind = 'markdown' | CodeKind;

export interface Cell {
  /** Stable within a session (not written to the file). */
  id: string;
  kind: CellKind;
  /** The relation this cell defines; '' for markdown and unnamed cells. */
  name: string;
  source: string;
  /** Fence attributes after the name, in file order (`hidden`, `key=value`). */
  attrs: Attr[];
  /**
   * How the cell was written in its file (blank lines before it, its fence lines), so that
   * parse → serialise gives the same text back. Absent on cells made in the app.
   */
  layout?: CellLayout;
}

export interface CellLayout {
  /** Whole lines before the cell: blank lines and `<!-- cell -->` separators. */
  lead: string;
  /** Code cells: the opening and closing fence lines as written. */
  open?: string;
  close?: string;
  /** Code cells whose body is one empty line (rather than no line at all). */
  blankBody?: boolean;
}

export interface Attr {
  key: string;
  /** null for a bare flag such as `hidden`. */
  value: string | null;
}

export interface Notebook {
  /** Front matter as written, without the `---` lines; null when the file has none. */
  frontMatter: string | null;
  cells: Cell[];
  /** Whole blank lines after the last cell, as written. */
  trail: string;
  /** False when the file's last line has no line ending. */
  finalNewline: boolean;
}

let counter = 0;
export function newCellId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter.toString(36)}`;
}

export function makeCell(kind: CellKind, source = '', name = ''): Cell {
  return { id: newCellId(), kind, name, source, attrs: [] };
}

/** `title:` from the front matter, or the first Markdown heading, or ''. */
export function notebookTitle(nb: Notebook): string {
  const fm = nb.frontMatter?.match(/^title:\s*(.+)$/m);
  if (fm) return fm[1]!.trim().replace(/^["']|["']$/g, '');
  for (const c of nb.cells) {
    if (c.kind !== 'markdown') continue;
    const h = c.source.match(/^#{1,6}\s+(.+)$/m);
    if (h) return h[1]!.trim();
  }
  return '';
}

export function setTitle(nb: Notebook, title: string): Notebook {
  const line = `title: ${title}`;
  let fm = nb.frontMatter;
  if (fm === null) fm = line;
  else if (/^title:.*$/m.test(fm)) fm = fm.replace(/^title:.*$/m, line);
  else fm = `${line}\n${fm}`;
  return { ...nb, frontMatter: fm };
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export function isValidName(name: string): boolean {
  return NAME_RE.test(name);
}

export function attr(cell: Cell, key: string): string | null | undefined {
  const a = cell.attrs.find((x) => x.key === key);
  return a ? a.value : undefined;
}
