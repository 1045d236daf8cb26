/**
 * The import of one file, in three steps the dialog follows: inspect (detect everything), preview (the
 * first rows exactly as they will be stored, re-run whenever a setting changes), import (load, check,
 * fingerprint, then swap the table in).
 *
 * An import loads into a transient table and only renames it to its final name once every check has
 * passed, in one transaction with the removal of the table it replaces: a failed or cancelled import
 * leaves every table as it was.
 */
import type { Engine } from '../engine/types';
import { ensureCatalog, previousImport, recordImport, swapIn } from './catalog';
import { userRelations } from '../catalog/relations';
import { inspectCsv, loadCsvInspection, redetectCsv, type CsvInspection } from './csv';
import { guessFormat } from './detect-format';
import { said } from '../i18n/said';
import { aborted, badRows, emptyFile, fromEngine, headerOnly, ImportError, invalidSettings, noRows } from './errors';
import { diffWithPrevious, fileSha256, hashAhead } from './fingerprint';
import { inspectJson, jsonLayoutOf, loadJsonInspection, type JsonInspection } from './json';
import { checkSize, SIZE_LIMITS, type SizeLimits } from './limits';
import { PREVIEW_COLUMNS, PREVIEW_ROWS, type LoadContext, type LoadOutcome } from './load-context';
import { isPlainIdentifier, tableNameFromFile } from './names';
import { inspectParquet, loadParquetInspection, type ParquetInspection } from './parquet';
import { readHead } from './source';
import { ident, rowsOf } from '../sql/quote';
import { internalName } from '../catalog/schemas';
import type { ColumnSpec, CsvDialect, Delimiter, ImportResult, ImportSettings, Preview, PreviewCell, ProgressFn, SourceFile } from './types';
import { inspectXlsx, loadXlsxInspection, redetectXlsx, type XlsxInspection } from './xlsx';

export type Inspection = CsvInspection | XlsxInspection | ParquetInspection | JsonInspection;

export interface InspectOptions {
  limits?: SizeLimits;
  /** Start hashing the file now (see `hashAhead`); off in the ingest worker, whose page hashes it. */
  hashAhead?: boolean;
}

/**
 * Detects the format and every setting. Throws ImportError for files that cannot be imported at all.
 * A file that can be imported starts being hashed (see `hashAhead`).
 */
export async function inspectFile(file: SourceFile, options: InspectOptions = {}): Promise<Inspection> {
  if (file.size === 0) throw emptyFile(file.name);
  const head = await readHead(file, 4096);
  const guess = guessFormat(file.name, head);
  const layout = guess.format === 'json' ? jsonLayoutOf(head) : null;
  checkSize(file.name, file.size, guess.format, layout, options.limits ?? SIZE_LIMITS);
  const insp = await inspectAs(file, guess.format, guess.preferredDelimiter, layout);
  if (options.hashAhead !== false) hashAhead(file);
  return insp;
}

function inspectAs(file: SourceFile, format: Inspection['format'], delimiter: Delimiter | undefined, layout: 'array' | 'ndjson' | null): Promise<Inspection> {
  switch (format) {
    case 'csv':
      return inspectCsv(file, delimiter);
    case 'xlsx':
      return inspectXlsx(file);
    case 'parquet':
      return inspectParquet(file);
    case 'json':
      return inspectJson(file, layout!);
  }
}

export function suggestedTableName(insp: Inspection): string {
  return tableNameFromFile(insp.file.name);
}

/** What a user can fix and have the rest re-detected around: CSV dialect parts, or an Excel sheet and header. */
export type FixedSettings = Partial<CsvDialect> & { sheet?: string };

/**
 * Settings re-detected around what the user fixed; the column list is re-derived (apply the user's own
 * column edits again with `applyColumnEdits`). Parquet and JSON have nothing to re-detect.
 */
export function redetect(insp: Inspection, fixed: FixedSettings): Inspection {
  switch (insp.format) {
    case 'csv': {
      const { sheet: _sheet, ...dialect } = fixed;
      return redetectCsv(insp, dialect);
    }
    case 'xlsx':
      return redetectXlsx(insp, { sheet: fixed.sheet, header: fixed.header });
    default:
      return insp;
  }
}

export type ColumnEdits = Record<number, Partial<Pick<ColumnSpec, 'name' | 'type'>>>;

/** The detected columns with the user's edits (by position) applied on top. */
export function applyColumnEdits(columns: readonly ColumnSpec[], edits: ColumnEdits): ColumnSpec[] {
  return columns.map((c, k) => ({ ...c, ...edits[k] }));
}

/** Settings that cannot work, caught before DuckDB gives a less helpful message. */
export function validateSettings(settings: ImportSettings): void {
  if (settings.columns.length === 0) throw invalidSettings(said('core.ingest.error.no_columns'), said('core.ingest.hint.no_columns'));
  const seen = new Set<string>();
  settings.columns.forEach((c, k) => {
    const name = c.name.trim();
    if (name === '') throw invalidSettings(said('core.ingest.error.column_unnamed', { n: String(k + 1) }), said('core.ingest.hint.column_unnamed'));
    if (seen.has(name.toLowerCase())) throw invalidSettings(said('core.ingest.error.column_twice', { name }), said('core.ingest.hint.column_twice'));
    seen.add(name.toLowerCase());
  });
  if (settings.format === 'csv' && settings.thousands !== '' && settings.thousands === settings.decimal) {
    throw invalidSettings(said('core.ingest.error.same_separators'), said('core.ingest.hint.same_separators'));
  }
}

function load(engine: Engine, insp: Inspection, settings: ImportSettings, target: string, ctx: LoadContext): Promise<LoadOutcome> {
  const mismatch = () => invalidSettings(said('core.ingest.error.settings_mismatch', { settings: settings.format, format: insp.format }), said('core.ingest.hint.settings_mismatch'));
  switch (insp.format) {
    case 'csv':
      if (settings.format !== 'csv') throw mismatch();
      return loadCsvInspection(engine, insp, settings, target, ctx);
    case 'xlsx':
      if (settings.format !== 'xlsx') throw mismatch();
      return loadXlsxInspection(engine, insp, settings, target, ctx);
    case 'parquet':
      if (settings.format !== 'parquet') throw mismatch();
      return loadParquetInspection(engine, insp, settings, target, ctx);
    case 'json':
      if (settings.format !== 'json') throw mismatch();
      return loadJsonInspection(engine, insp, settings, target, ctx);
  }
}

async function countRows(engine: Engine, table: string): Promise<number> {
  return rowsOf(await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`))[0]!.n as number;
}

function nothingToImport(insp: Inspection, settings: ImportSettings): ImportError {
  const header = settings.format === 'csv' || settings.format === 'xlsx' ? settings.header : false;
  if (header) return headerOnly(insp.file.name, settings.columns.map((c) => c.source));
  return noRows(insp.file.name, settings.format === 'xlsx' ? settings.sheet : null);
}

async function dropQuietly(engine: Engine, table: string): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`);
}

export interface PreviewOptions {
  /** First column of the window shown (0-based); the preview holds at most PREVIEW_COLUMNS columns from there. */
  columnsFrom?: number;
}

/**
 * The first rows as they will be stored, each value rendered by DuckDB itself. Every column is loaded
 * (so that rows that cannot be read show up, whichever column holds the problem), but only a window of
 * PREVIEW_COLUMNS columns is read back and shown: a file of 10,000 columns previews as fast as one of 30.
 */
export async function previewImport(engine: Engine, insp: Inspection, settings: ImportSettings, options: PreviewOptions = {}): Promise<Preview> {
  validateSettings(settings);
  const total = settings.columns.length;
  const from = Math.max(0, Math.min(options.columnsFrom ?? 0, Math.max(0, total - 1)));
  const shown = settings.columns.slice(from, from + PREVIEW_COLUMNS);
  const tmp = internalName('preview');
  try {
    const keep = shown.map((_c, k) => from + k);
    const outcome = await load(engine, insp, settings, tmp, { mode: 'preview', ...(shown.length < total ? { keep } : {}) });
    const texts = shown.map((c) => `CAST(${ident(c.name)} AS VARCHAR)`).join(', ');
    const result = await engine.query(`SELECT ${texts || 'NULL'} FROM ${ident(tmp)} LIMIT ${PREVIEW_ROWS}`);
    // Column by column: a row's toArray() per value made this quadratic in the number of columns.
    const vectors = shown.map((_c, k) => result.getChildAt(k));
    const rows: PreviewCell[][] = [];
    for (let r = 0; r < result.numRows; r++) rows.push(vectors.map((v) => (v?.get(r) as string | null | undefined) ?? null));
    if (rows.length === 0 && outcome.whole && outcome.rejected.count === 0) throw nothingToImport(insp, settings);
    return {
      columns: shown.map((c) => ({ name: c.name, type: c.type })),
      columnsFrom: from,
      columnCount: total,
      rows,
      rejected: outcome.rejected,
      // Unshown columns of a CSV were not converted, so their bad values are not counted yet.
      whole: outcome.whole && (shown.length === total || insp.format !== 'csv'),
    };
  } catch (err) {
    throw fromEngine(insp.file.name, insp.file.size, err);
  } finally {
    await dropQuietly(engine, tmp);
  }
}

export interface ImportOptions {
  /** The table to create (see `resolveTableName`). */
  table: string;
  /** The user chose to replace an existing table or view of that name. */
  replace: boolean;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  limits?: SizeLimits;
}

export async function importFile(engine: Engine, insp: Inspection, settings: ImportSettings, options: ImportOptions): Promise<ImportResult> {
  const { file } = insp;
  if (options.signal?.aborted) throw aborted(file.name);
  validateSettings(settings);
  if (!isPlainIdentifier(options.table)) {
    throw invalidSettings(said('core.ingest.error.bad_table_name', { table: options.table }), said('core.ingest.hint.bad_table_name'));
  }
  checkSize(file.name, file.size, settings.format, settings.format === 'json' ? settings.layout : null, options.limits ?? SIZE_LIMITS);
  const relations = await userRelations(engine);
  const taken = relations.some((r) => r.name.toLowerCase() === options.table.toLowerCase());
  if (taken && !options.replace) {
    throw new ImportError('name-taken', said('core.app.table_name.taken', { name: options.table }), said('core.ingest.hint.name_taken'));
  }
  await ensureCatalog(engine);
  const previous = await previousImport(engine, file.name);
  // Usually started by inspectFile; what is left of it runs while DuckDB loads (the digest itself runs
  // off the main thread in the browser, on the thread pool in Node).
  const hashing = fileSha256(file, { signal: options.signal });
  hashing.catch(() => undefined);
  const cancel = () => void engine.cancel();
  options.signal?.addEventListener('abort', cancel);
  const tmp = internalName('import');
  try {
    const outcome = await load(engine, insp, settings, tmp, { mode: 'import', signal: options.signal, onProgress: options.onProgress });
    if (options.signal?.aborted) throw aborted(file.name);
    options.onProgress?.(0.9, 'checking');
    const rowCount = outcome.rows ?? (await countRows(engine, tmp));
    if (rowCount === 0 && outcome.rejected.count === 0) throw nothingToImport(insp, settings);
    if (outcome.rejected.count > 0 && (!settings.skipBadRows || rowCount === 0)) {
      throw badRows(file.name, outcome.rejected, settings.format === 'csv' ? settings.encoding : null);
    }
    const sha256 = await hashing;
    const diff = await diffWithPrevious(engine, previous, tmp, { sha256, rowCount, settings }, relations);
    if (options.signal?.aborted) throw aborted(file.name);
    await swapIn(engine, tmp, options.table, relations);
    const record = await recordImport(engine, {
      fileName: file.name,
      tableName: options.table,
      format: settings.format,
      size: file.size,
      sha256,
      rowCount,
      rejectedCount: outcome.rejected.count,
      settings,
      importedAt: new Date().toISOString(),
    });
    options.onProgress?.(1, 'done');
    return { table: options.table, record, rejected: outcome.rejected, diff };
  } catch (err) {
    await dropQuietly(engine, tmp);
    if (options.signal?.aborted && !(err instanceof ImportError)) throw aborted(file.name);
    throw fromEngine(file.name, file.size, err);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}
