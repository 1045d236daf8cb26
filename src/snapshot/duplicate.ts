/**
 * "Duplicate to edit": a snapshot becomes a normal notebook again. Each embedded result is restored as
 * a table (`<cell>_snapshot`), and each cell keeps its name, so every cell that reads it still works:
 *
 * - a cell whose code is in the snapshot and reads only results the snapshot holds whole keeps its
 *   code — it runs again on the restored data and gives the same rows;
 * - any other cell (code hidden, tables the snapshot does not hold, a result cut to its first rows,
 *   partner names replaced by aliases) becomes `SELECT * FROM "<cell>_snapshot"`, with its original
 *   code kept above as comments and the reason it cannot run as it was.
 */
import type { Engine } from '../engine/types';
import { userRelations } from '../catalog/relations';
import { ident } from '../sql/quote';
import { parseNotebook, serializeNotebook } from '../notebook/format';
import { makeCell, setTitle, type Cell } from '../notebook/model';
import { isCodeCell, type CodeSnapshotCell, type SnapshotPayload } from './payload';
import { restoreTable } from './restore';

export interface Duplicate {
  /** The notebook's text, ready to open. */
  text: string;
  fileName: string;
  /** Tables created, by the cell whose result each holds. */
  tables: { cell: string; table: string }[];
}

function complete(c: CodeSnapshotCell): boolean {
  return !!c.result && c.result.rows.length === c.result.rowCount;
}

/** Why a cell cannot run its own code on the restored data; null when it can. */
export function cannotRerun(cell: CodeSnapshotCell, payload: SnapshotPayload): string | null {
  if (cell.source === null) return 'its code was hidden in the snapshot';
  if (payload.hidden.pseudonymised !== null) return 'partner names were replaced by aliases, so its code could select other rows';
  if (cell.kind !== 'sql' && cell.kind !== 'analysis') return `${cell.kind} cells are not re-run from snapshots`;
  const byName = new Map(payload.cells.filter(isCodeCell).filter((c) => c.name).map((c) => [c.name.toLowerCase(), c]));
  const missing = cell.reads.filter((r) => {
    const up = byName.get(r.toLowerCase());
    return !up || (up.kind !== 'input' && !complete(up));
  });
  return missing.length ? `it read ${missing.join(', ')}, which the snapshot does not hold in full` : null;
}

function freshNames(taken: Iterable<string>): (wanted: string) => string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  return (wanted) => {
    let name = wanted;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${wanted}_${k}`;
    used.add(name.toLowerCase());
    return name;
  };
}

/**
 * Markdown from a snapshot that would read back as code cells (a fence line such as ```sql x) is made
 * inert: a space before each fence keeps it a code block for Markdown but not a cell for Longtail. A
 * notebook's own Markdown never holds such lines, so only a crafted file is changed.
 */
export function inertMarkdown(text: string): string {
  let cells;
  try {
    cells = parseNotebook(text).cells;
  } catch {
    cells = null;
  }
  if (cells && cells.every((c) => c.kind === 'markdown')) return text;
  return text.replace(/^(`{3,}|~{3,})/gm, ' $1');
}

const comment = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? '--' : `-- ${l}`))
    .join('\n');

function restoredSource(cell: CodeSnapshotCell, table: string, reason: string, payload: SnapshotPayload): string {
  const r = cell.result!;
  const day = payload.createdAt.slice(0, 10);
  const lines = [`Restored from the snapshot "${payload.title}" of ${day}: ${reason}.`];
  if (r.rows.length < r.rowCount) lines.push(`The snapshot holds the first ${r.rows.length} of its ${r.rowCount} rows.`);
  if (cell.source !== null) lines.push(`Its original ${cell.kind} code:`, '', cell.source, '');
  return `${comment(lines.join('\n'))}\nSELECT * FROM ${ident(table)}`;
}

/** Restores the embedded results as tables in `engine` and returns the notebook that reads them. */
export async function duplicateSnapshot(engine: Engine, payload: SnapshotPayload): Promise<Duplicate> {
  const cellNames = payload.cells.filter(isCodeCell).map((c) => c.name);
  const fresh = freshNames([...(await userRelations(engine)).map((r) => r.name), ...cellNames]);
  const tables: Duplicate['tables'] = [];
  const cells: Cell[] = [];
  for (const [k, c] of payload.cells.entries()) {
    if (!isCodeCell(c)) {
      cells.push(makeCell('markdown', inertMarkdown(c.text)));
      continue;
    }
    const reason = c.result && c.kind !== 'input' ? cannotRerun(c, payload) : null;
    if (!c.result || reason === null) {
      const kept = makeCell(c.kind, c.source ?? '', c.name);
      kept.attrs = c.attrs.map((a) => ({ ...a }));
      if (c.source === null && c.kind !== 'input') kept.source = comment('The code of this cell was hidden in the snapshot, and it had no result.');
      cells.push(kept);
      continue;
    }
    const table = fresh(`${c.name || `result_${k + 1}`}_snapshot`);
    await restoreTable(engine, table, c.result.columns, c.result.rows);
    tables.push({ cell: c.name, table });
    cells.push(makeCell('sql', restoredSource(c, table, reason, payload), c.name));
  }
  // A `---` line would end the front matter early and let the rest be read as cells.
  const frontMatter = payload.frontMatter === null ? null : payload.frontMatter.split('\n').filter((l) => l.trim() !== '---').join('\n');
  // Its own title, so the copy is told apart from the notebook it was taken from; on one line, since
  // a line break in it would end the title's line in the front matter.
  const title = `${payload.title.replace(/\s+/g, ' ').trim()} (from snapshot)`;
  const nb = setTitle({ frontMatter, cells, trail: '', finalNewline: true }, title);
  const base = payload.fileName.replace(/\.(md|markdown)$/i, '').replace(/[^\p{L}\p{N}_. -]/gu, '_') || 'snapshot';
  return { text: serializeNotebook(nb), fileName: `${base}-from-snapshot.md`, tables };
}
