/**
 * The notebook file format: Markdown with fenced, named cells (see docs/notebook-format.md).
 * Parsing keeps the layout (blank lines, fence style, front matter) in each cell's `layout`, so that
 * serialise(parse(text)) === text, and a file edited in the app changes only where the user edited.
 * Line endings are normalised to LF.
 */
import { english, said, type Said, type SaidError } from '../i18n/said';
import { CODE_KINDS, newCellId, type Attr, type Cell, type CodeKind, type Notebook } from './model';

export class NotebookFormatError extends Error implements SaidError {
  /** The message as said, line included, for the reader's language (i18n/said.ts). */
  readonly said: Said;

  constructor(
    message: Said,
    readonly line: number,
  ) {
    const whole = said('core.notebook.format_line', { line: String(line), message });
    super(english(whole));
    this.said = whole;
    this.name = 'NotebookFormatError';
  }
}

const SEPARATOR = '<!-- cell -->';
const OPEN_RE = /^(`{3,}|~{3,})(.*)$/;

interface Header {
  kind: CodeKind;
  name: string;
  attrs: Attr[];
}

function parseHeader(fence: string, info: string): Header | null {
  if (fence.startsWith('`') && info.includes('`')) return null;
  const words = info.trim().match(/(?:[^\s"]+|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const kind = words[0];
  if (!kind || !(CODE_KINDS as readonly string[]).includes(kind)) return null;
  let rest = words.slice(1);
  let name = '';
  if (rest[0] && /^[A-Za-z_][A-Za-z0-9_]*$/.test(rest[0])) {
    name = rest[0];
    rest = rest.slice(1);
  }
  const attrs = rest.map((w): Attr => {
    const eq = w.indexOf('=');
    if (eq < 0) return { key: w, value: null };
    const v = w.slice(eq + 1);
    const quoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"');
    return { key: w.slice(0, eq), value: quoted ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v };
  });
  return { kind: kind as CodeKind, name, attrs };
}

function isClosing(line: string, fence: string): boolean {
  const m = line.match(/^(`{3,}|~{3,})\s*$/);
  return !!m && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

function sameHeader(a: Header, cell: Cell): boolean {
  return (
    a.kind === cell.kind &&
    a.name === cell.name &&
    a.attrs.length === cell.attrs.length &&
    a.attrs.every((x, k) => x.key === cell.attrs[k]!.key && x.value === cell.attrs[k]!.value)
  );
}

export function parseNotebook(input: string): Notebook {
  const text = input.replace(/\r\n?/g, '\n');
  const finalNewline = text === '' || text.endsWith('\n');
  const lines = text.split('\n');
  if (finalNewline) lines.pop();

  let i = 0;
  let frontMatter: string | null = null;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      frontMatter = lines.slice(1, end).join('\n');
      i = end + 1;
    }
  }

  const cells: Cell[] = [];
  let lead = ''; // whole lines waiting to become the next cell's lead
  let md: string[] = []; // lines of the Markdown cell being read

  const flush = (): void => {
    let end = md.length;
    while (end > 0 && md[end - 1]!.trim() === '') end--;
    if (end > 0) {
      cells.push({ id: newCellId(), kind: 'markdown', name: '', source: md.slice(0, end).join('\n'), attrs: [], layout: { lead } });
      lead = '';
    }
    for (let k = end; k < md.length; k++) lead += md[k] + '\n';
    md = [];
  };

  while (i < lines.length) {
    const line = lines[i]!;
    if (md.length === 0 && line.trim() === '') {
      lead += line + '\n';
      i++;
      continue;
    }
    if (line.trim() === SEPARATOR) {
      flush();
      lead += line + '\n';
      i++;
      continue;
    }
    const open = line.match(OPEN_RE);
    if (!open) {
      md.push(line);
      i++;
      continue;
    }
    const fence = open[1]!;
    let close = i + 1;
    while (close < lines.length && !isClosing(lines[close]!, fence)) close++;
    const header = parseHeader(fence, open[2]!);
    if (!header) {
      // A fenced block in another language is Markdown, whole: a ```sql line inside it is not a cell.
      const end = Math.min(close, lines.length - 1);
      md.push(...lines.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (close >= lines.length) {
      const message = header.name
        ? said('core.notebook.format_unclosed_named', { kind: header.kind, name: header.name, fence })
        : said('core.notebook.format_unclosed', { kind: header.kind, fence });
      throw new NotebookFormatError(message, i + 1);
    }
    flush();
    const body = lines.slice(i + 1, close);
    cells.push({
      id: newCellId(),
      kind: header.kind,
      name: header.name,
      attrs: header.attrs,
      source: body.join('\n'),
      layout: { lead, open: line, close: lines[close]!, blankBody: body.length === 1 && body[0] === '' },
    });
    lead = '';
    i = close + 1;
  }
  flush();
  return { frontMatter, cells, trail: lead, finalNewline };
}

function fenceFor(source: string, preferred: string): string {
  const ch = preferred[0] === '~' ? '~' : '`';
  let len = Math.max(3, preferred.length);
  for (const line of source.split('\n')) {
    const m = line.match(/^(`{3,}|~{3,})\s*$/);
    if (m && m[1]![0] === ch) len = Math.max(len, m[1]!.length + 1);
  }
  return ch.repeat(len);
}

function quoteAttr(a: Attr): string {
  if (a.value === null) return a.key;
  return /^[^\s"\\]+$/.test(a.value) ? `${a.key}=${a.value}` : `${a.key}="${a.value.replace(/[\\"]/g, '\\$&')}"`;
}

function codeBlock(cell: Cell): string {
  const layout = cell.layout;
  let open = layout?.open;
  let close = layout?.close;
  if (open !== undefined && close !== undefined) {
    const m = open.match(OPEN_RE)!;
    const header = parseHeader(m[1]!, m[2]!);
    const fence = fenceFor(cell.source, m[1]!);
    if (!header || !sameHeader(header, cell) || fence !== m[1]) open = undefined;
    if (!isClosing(close, fence)) close = undefined;
  }
  const fence = fenceFor(cell.source, open?.match(OPEN_RE)?.[1] ?? '```');
  open ??= [fence + cell.kind, cell.name, ...cell.attrs.map(quoteAttr)].filter(Boolean).join(' ');
  close ??= fence;
  const body = cell.source === '' ? (layout?.blankBody ? '\n' : '') : cell.source + '\n';
  return `${open}\n${body}${close}`;
}

export function serializeNotebook(nb: Notebook): string {
  let out = nb.frontMatter !== null ? `---\n${nb.frontMatter}${nb.frontMatter === '' ? '' : '\n'}---\n` : '';
  nb.cells.forEach((cell, k) => {
    const prev = nb.cells[k - 1];
    let lead = cell.layout?.lead ?? (k === 0 && nb.frontMatter === null ? '' : '\n');
    if (cell.kind === 'markdown' && prev?.kind === 'markdown' && !lead.includes(SEPARATOR)) {
      lead = `\n${SEPARATOR}\n\n`;
    }
    out += lead + (cell.kind === 'markdown' ? cell.source : codeBlock(cell)) + '\n';
  });
  out += nb.trail;
  if (!nb.finalNewline && out.endsWith('\n')) out = out.slice(0, -1);
  return out;
}
