/**
 * The workspace as a tab that does not own it can read it: the notebooks' saved text (or newer, from
 * the edit journal), the table list the owner last recorded, and which notebook the owner has open.
 * Only the owning tab can open the database (OPFS allows one DuckDB), so the tables come from the
 * record the owner keeps in the store's settings (`TABLE_LIST_SETTING`), not from DuckDB. Reading
 * writes nothing.
 */
import type { Journal } from './journal';
import type { KeyValueStore } from './kv';
import { readLastResults } from './last-results';
import type { LastResults } from '../notebook/last-results';
import { titleOf, WorkspaceStore, type Json } from './workspace-store';

/** The store setting where the owning tab records its table list for other tabs. */
export const TABLE_LIST_SETTING = 'tableList';

export interface TableBrief {
  name: string;
  /** NaN (or null once stored) when unknown, as for a view. */
  rows: number | null;
  columns: { name: string; type: string }[];
}

export interface PreviewNotebook {
  id: string;
  file: string;
  title: string;
  text: string;
  /** Edited since the last save (the text comes from the journal). */
  unsaved: boolean;
}

export interface WorkspacePreview {
  notebooks: PreviewNotebook[];
  tables: TableBrief[];
  /** The notebook the owning tab has open (an id), or the template it shows (`template:<file>`). */
  current: string | null;
  /** What that notebook showed when its results were last kept (issue 16.1). */
  last: LastResults | null;
}

export function tableListSetting(tables: readonly TableBrief[]): Json {
  return tables.map((t) => ({ name: t.name, rows: Number.isFinite(t.rows) ? t.rows : null, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) }));
}

function tablesOf(v: Json | undefined): TableBrief[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((t) => {
    const o = t as { name?: unknown; rows?: unknown; columns?: unknown };
    if (!o || typeof o.name !== 'string') return [];
    const columns = Array.isArray(o.columns) ? (o.columns as { name?: unknown; type?: unknown }[]).filter((c) => typeof c?.name === 'string').map((c) => ({ name: String(c.name), type: String(c.type ?? '') })) : [];
    return [{ name: o.name, rows: typeof o.rows === 'number' ? o.rows : null, columns }];
  });
}

export async function readPreview(kv: KeyValueStore, journal: Journal | null): Promise<WorkspacePreview> {
  const store = await WorkspaceStore.open(kv);
  const journaled = new Map((await (journal?.entries() ?? Promise.resolve([]))).map(({ key, entry }) => [key, entry]));
  const notebooks: PreviewNotebook[] = [];
  for (const n of store.notebooks) {
    const j = journaled.get(n.id);
    let text = '';
    try {
      text = await store.read(n.id);
    } catch {
      /* unreadable: the journal's copy, or nothing */
    }
    const unsaved = !!j && j.text !== text;
    if (unsaved) text = j!.text;
    notebooks.push({ id: n.id, file: n.file, title: unsaved ? titleOf(text, n.file) : n.title, text, unsaved });
  }
  // A notebook the first edit was adding when the owner last wrote.
  const pending = journaled.get('pending');
  if (pending && !store.notebooks.some((n) => n.file.toLowerCase() === pending.file.toLowerCase())) {
    notebooks.push({ id: 'pending', file: pending.file, title: titleOf(pending.text, pending.file), text: pending.text, unsaved: true });
  }
  const s = store.settings;
  const current = typeof s.currentNotebook === 'string' ? s.currentNotebook : typeof s.currentTemplate === 'string' ? `template:${s.currentTemplate}` : null;
  return { notebooks, tables: tablesOf(s[TABLE_LIST_SETTING]), current, last: current ? await readLastResults(kv, current) : null };
}
