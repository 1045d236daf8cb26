/**
 * Which data a cell read, from the names it reads: the model's tables bring the demo or the user's files
 * (through a derived table, the files it is derived from), the user's own tables themselves. The runner
 * merges this with what the cells it reads had read, so a result says where its numbers come from.
 */
import { i18nFor, type I18n } from '../i18n/i18n';
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

const EN = i18nFor('en').t;

const rows = (n: number, t: I18n['t']) => t('output.rows', { count: n });
const tables = (p: DataProvenance, t: I18n['t']) => t('core.provenance.tables', { count: p.tables.length, tables: p.tables.join(', ') });

/** "demo data", "your data: export_crm_fr.csv, 240 rows", "your table targets", joined with " + " (in the language of `t`). */
export function provenanceText(p: DataProvenance, t: I18n['t'] = EN): string {
  const parts: string[] = [];
  if (p.demo) parts.push(t('core.provenance.demo'));
  if (p.files.length === 1) parts.push(t('core.provenance.file', { file: p.files[0]!.name, rows: rows(p.files[0]!.rows, t) }));
  else if (p.files.length > 1) parts.push(t('core.provenance.files', { files: p.files.map((f) => `${f.name} (${rows(f.rows, t)})`).join(', ') }));
  if (p.tables.length) parts.push(tables(p, t));
  return parts.join(' + ');
}

/**
 * The statement a snapshot's header makes: "demo data", "your data: export.csv, 240 rows, SHA-256 …"
 * (each file with its full SHA-256, so a reader can check it against the file), "your table targets";
 * in the snapshot's language.
 */
export function provenanceStatement(p: DataProvenance, t: I18n['t'] = EN): string {
  const parts: string[] = [];
  if (p.demo) parts.push(t('core.provenance.demo'));
  if (p.files.length) parts.push(t('core.provenance.files', { files: p.files.map((f) => `${f.name}, ${rows(f.rows, t)}, SHA-256 ${f.sha256}`).join('; ') }));
  if (p.tables.length) parts.push(tables(p, t));
  return parts.join(' + ');
}
