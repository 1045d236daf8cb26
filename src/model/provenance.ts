/**
 * Which data a cell read, from the names it reads: the model's tables bring the demo or the user's files
 * (through a derived table, the files it is derived from), the user's own tables themselves. The runner
 * merges this with what the cells it reads had read, so a result says where its numbers come from.
 */
import type { DataProvenance } from '../notebook/state';
import type { ModelState, TableState } from './describe';

function filesOf(state: ModelState, t: TableState): DataProvenance['files'] {
  const source = t.source === 'derived' ? state.tables.find((x) => x.table === t.derivedFrom) : t;
  return (source?.imports ?? [])
    .filter((i) => i.record)
    .map((i) => ({ name: i.record!.fileName, rows: i.record!.rowCount, sha256: i.record!.sha256 }));
}

/** What reading these base relations (not cell results) reads; null when none is data. */
export function provenanceOf(state: ModelState, userTables: readonly string[], reads: readonly string[]): DataProvenance | null {
  const out: DataProvenance = { demo: false, files: [], tables: [] };
  const mine = new Map(userTables.map((n) => [n.toLowerCase(), n]));
  for (const read of reads) {
    const name = read.toLowerCase();
    // The user's own table of that name comes first in the search path, as in DuckDB.
    const own = mine.get(name);
    if (own) {
      if (!out.tables.includes(own)) out.tables.push(own);
      continue;
    }
    const t = state.tables.find((x) => x.table === name);
    if (!t || t.source === 'missing') continue;
    if (t.source === 'demo') out.demo = true;
    else for (const f of filesOf(state, t)) if (!out.files.some((g) => g.sha256 === f.sha256 && g.name === f.name)) out.files.push(f);
  }
  return out.demo || out.files.length || out.tables.length ? out : null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "demo data", "your data: export_crm_fr.csv, 240 rows", "your table targets", joined with " + ". */
export function provenanceText(p: DataProvenance): string {
  const parts: string[] = [];
  if (p.demo) parts.push('demo data');
  if (p.files.length === 1) parts.push(`your data: ${p.files[0]!.name}, ${plural(p.files[0]!.rows, 'row')}`);
  else if (p.files.length > 1) parts.push(`your data: ${p.files.map((f) => `${f.name} (${plural(f.rows, 'row')})`).join(', ')}`);
  if (p.tables.length) parts.push(`your ${p.tables.length === 1 ? 'table' : 'tables'} ${p.tables.join(', ')}`);
  return parts.join(' + ');
}

/**
 * The statement a snapshot's header makes: "demo data", "your data: export.csv, 240 rows, SHA-256 …"
 * (each file with its full SHA-256, so a reader can check it against the file), "your table targets".
 */
export function provenanceStatement(p: DataProvenance): string {
  const parts: string[] = [];
  if (p.demo) parts.push('demo data');
  if (p.files.length) parts.push(`your data: ${p.files.map((f) => `${f.name}, ${plural(f.rows, 'row')}, SHA-256 ${f.sha256}`).join('; ')}`);
  if (p.tables.length) parts.push(`your ${p.tables.length === 1 ? 'table' : 'tables'} ${p.tables.join(', ')}`);
  return parts.join(' + ');
}
