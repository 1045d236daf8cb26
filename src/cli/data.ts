/**
 * The notebook's data, as the app would have it: the demo workspace (in its own schema, read through the
 * partner model's views), or --data files through the very pipeline of a drop in the app — inspect
 * (format, encoding, delimiter, decimal, dates), import, map the columns onto the partner model from the
 * headers (or with the mapping saved for headers of that shape) and bind the import onto its model table
 * (src/model/import-file.ts), exports of the same table appended and de-duplicated, partners derived
 * from the deals when no partner file is given.
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { userRelations } from '../catalog/relations';
import { loadDemo } from '../demo/load';
import type { Engine } from '../engine/types';
import { SIZE_LIMITS, type SizeLimits } from '../ingest/limits';
import { refreshModel } from '../model/binding';
import { installDemo, migrateOldLayout } from '../model/demo';
import { describeModel, type ModelState } from '../model/describe';
import { importIntoModel } from '../model/import-file';

/**
 * What the command line accepts per format. Native DuckDB reads CSV and Parquet from disk, so the
 * browser's 1 GB guard does not apply; JSON arrays and Excel workbooks are parsed whole in JavaScript
 * here as in the browser, so they keep limits (larger: Node's heap is not a tab's).
 */
const GB = 1024 ** 3;
// memory 0: not a browser's budget, so a refusal here names none.
export const NATIVE_LIMITS: SizeLimits = { memory: 0, csv: Infinity, parquet: 16 * GB, ndjson: 8 * GB, jsonArray: GB, xlsx: GB / 4 };

export { SIZE_LIMITS };

export interface DataFile {
  path: string;
  file: File;
}

/** A File for a path on disk, read lazily (a 10 GB CSV is never held in memory). */
export async function fileFromPath(p: string): Promise<DataFile> {
  const blob = await openAsBlob(p);
  return { path: p, file: new File([blob], path.basename(p)) };
}

export interface Imported {
  file: string;
  /** The user's table the import created. */
  table: string;
  rows: number;
  rejected: number;
  sha256: string;
  format: string;
  /** The model table it was bound to (`deals`, `partners`…), or null when its headers matched none. */
  model: string | null;
  /** What the import dialog would show: detection notes, what was skipped, what did not match. */
  notes: string[];
}

export interface ImportDataOptions {
  limits: SizeLimits;
  skipBadRows: boolean;
  onProgress?: (file: string, fraction: number, phase: string) => void;
}

export async function importData(engine: Engine, files: readonly DataFile[], options: ImportDataOptions): Promise<Imported[]> {
  const out: Imported[] = [];
  for (const { file } of files) {
    const done = await importIntoModel(engine, file, {
      limits: options.limits,
      skipBadRows: options.skipBadRows,
      onProgress: (fraction, phase) => options.onProgress?.(file.name, fraction, phase),
    });
    const { result } = done;
    const notes = done.notes.map((n) => `${n.setting}: ${n.message}`);
    if (result.rejected.count > 0) notes.push(`${result.rejected.count.toLocaleString('en')} rows could not be read and were skipped (first: ${result.rejected.examples[0]?.reason ?? '?'}).`);
    if (!done.boundTo) notes.push(`No column resembles the partner model: the file stays the table ${result.table}, for SQL that names it.`);
    out.push({
      file: file.name,
      table: result.table,
      rows: result.record.rowCount,
      rejected: result.rejected.count,
      sha256: result.record.sha256,
      format: result.record.format,
      model: done.boundTo,
      notes,
    });
  }
  return out;
}

/** The demo workspace, as the app builds it on a first visit: schema `demo`, read through the model. */
export async function useDemo(engine: Engine): Promise<void> {
  await installDemo(engine, (e, schema) => loadDemo(e, undefined, schema));
}

/**
 * A database opened with --database: the model's views rewritten for what it holds (a workspace of an
 * older layout moved first, as the app does). Returns what was renamed, to say so.
 */
export async function useDatabase(engine: Engine): Promise<string[]> {
  const moved = await migrateOldLayout(engine);
  await refreshModel(engine);
  return moved;
}

export interface ModelSummary {
  state: ModelState;
  /** The user's own relations (schema main): a name they hold is theirs, not the model's. */
  userTables: string[];
}

export async function modelSummary(engine: Engine): Promise<ModelSummary> {
  return { state: await describeModel(engine), userTables: (await userRelations(engine)).map((r) => r.name) };
}

/** One line per model table: where it comes from, and how many rows. */
export function describeModelState(state: ModelState): string[] {
  const from: Record<string, string> = { demo: 'the demo', imports: 'your files', derived: 'derived', missing: 'missing' };
  return state.tables.map((t) => {
    const rows = t.rows === null ? '' : `, ${t.rows.toLocaleString('en')} rows`;
    const derived = t.source === 'derived' && t.derivedFrom ? ` from ${t.derivedFrom}` : '';
    return `${t.table}: ${from[t.source]}${derived}${t.source === 'missing' ? '' : rows}`;
  });
}

export function describeImport(i: Imported): string {
  return `${i.file}: ${i.rows.toLocaleString('en')} rows → table ${i.table}${i.model ? `, onto the model's ${i.model}` : ''}`;
}
