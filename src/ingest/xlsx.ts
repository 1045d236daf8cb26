/**
 * Excel workbooks (.xlsx) through `read-excel-file`: the list of sheets, the first one chosen by default,
 * a header row when the first row is all distinct text, and column types from the cells (Excel already
 * knows numbers and dates, so nothing is guessed from text).
 */
import readXlsxFile from 'read-excel-file/universal';
import type { Engine } from '../engine/types';
import { said } from '../i18n/said';
import { emptyFile, invalidXlsx } from './errors';
import { note } from './words';
import { inferJsType } from './js-values';
import type { InspectionBase, LoadContext, LoadOutcome, RowSource } from './load-context';
import { previewReadRows } from './load-context';
import { columnNamesFromHeader, defaultColumnNames } from './names';
import { loadBatches, type RowBatch } from './staged-load';
import type { ColumnSpec, XlsxSettings } from './types';

type Cell = string | number | boolean | Date | null;

export interface XlsxInspection extends InspectionBase {
  format: 'xlsx';
  settings: XlsxSettings;
  sheets: string[];
  /**
   * Every sheet's cells, read once: switching sheets re-reads nothing. Absent where the workbook was
   * parsed in the ingest worker, which keeps them: `source` reads rows from there.
   */
  cells?: Map<string, Cell[][]>;
  source?: RowSource;
}

function sheetCells(insp: XlsxInspection, sheet: string): Cell[][] {
  if (!insp.cells) throw new Error('This workbook was read in the ingest worker; its rows come through the inspection’s source.');
  return insp.cells.get(sheet) ?? [];
}

const BATCH_ROWS = 10_000;

function looksLikeHeader(rows: readonly Cell[][]): boolean {
  const first = rows[0];
  if (!first) return false;
  const present = first.filter((c) => c !== null && c !== '');
  if (present.length === 0 || !present.every((c) => typeof c === 'string')) return false;
  return new Set(present.map((c) => (c as string).trim().toLowerCase())).size === present.length;
}

function settingsFor(cells: readonly Cell[][], sheet: string, header: boolean | undefined): XlsxSettings {
  const hasHeader = header ?? looksLikeHeader(cells);
  const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
  const from = hasHeader ? 1 : 0;
  const names = hasHeader
    ? columnNamesFromHeader(Array.from({ length: width }, (_, k) => String(cells[0]?.[k] ?? '')))
    : defaultColumnNames(width);
  const columns: ColumnSpec[] = names.map((name, k) => {
    const values = (function* () {
      for (let r = from; r < cells.length; r++) yield cells[r]![k];
    })();
    return { source: name, name, type: inferJsType(values) };
  });
  return { format: 'xlsx', sheet, header: hasHeader, columns, skipBadRows: false };
}

export async function inspectXlsx(file: InspectionBase['file']): Promise<XlsxInspection> {
  if (file.size === 0) throw emptyFile(file.name);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(file);
  } catch (err) {
    throw invalidXlsx(file.name, err instanceof Error ? err.message : String(err));
  }
  if (sheets.length === 0) throw invalidXlsx(file.name, said('core.ingest.detail.no_sheets'));
  const cells = new Map(sheets.map((s) => [s.sheet, s.data as Cell[][]]));
  const first = sheets[0]!.sheet;
  const notes = sheets.length > 1 ? [note('sheet', said('core.ingest.note.sheets', { count: String(sheets.length), sheet: first }))] : [];
  return { format: 'xlsx', file, sheets: sheets.map((s) => s.sheet), cells, settings: settingsFor(cells.get(first)!, first, undefined), notes };
}

export function redetectXlsx(insp: XlsxInspection, fixed: { sheet?: string; header?: boolean }): XlsxInspection {
  const sheet = fixed.sheet ?? insp.settings.sheet;
  const header = fixed.sheet !== undefined && fixed.header === undefined ? undefined : (fixed.header ?? insp.settings.header);
  const settings = settingsFor(sheetCells(insp, sheet), sheet, header);
  return { ...insp, settings: { ...settings, skipBadRows: insp.settings.skipBadRows } };
}

/** The first `limit` data rows of the chosen sheet, in batches. */
export async function* xlsxBatches(insp: XlsxInspection, settings: XlsxSettings, limit: number): AsyncGenerator<RowBatch> {
  const cells = sheetCells(insp, settings.sheet);
  const from = settings.header ? 1 : 0;
  const end = Math.max(from, Math.min(cells.length, from + limit));
  const whole = end >= cells.length;
  if (end === from) yield { rows: [], firstRow: 1, progress: 1, whole };
  for (let r = from; r < end; r += BATCH_ROWS) {
    const stop = Math.min(end, r + BATCH_ROWS);
    yield { rows: cells.slice(r, stop), firstRow: r - from + 1, progress: (stop - from) / Math.max(1, end - from), whole };
  }
}

export async function loadXlsxInspection(engine: Engine, insp: XlsxInspection, settings: XlsxSettings, target: string, ctx: LoadContext): Promise<LoadOutcome> {
  const limit = ctx.mode === 'preview' ? previewReadRows(settings.columns.length) : Infinity;
  const batches = insp.source ? insp.source.batches(settings, limit) : xlsxBatches(insp, settings, limit);
  return loadBatches(engine, settings.columns, batches, target, {
    fileName: insp.file.name,
    signal: ctx.signal,
    onProgress: (f) => ctx.onProgress?.(0.1 + 0.8 * f, 'loading'),
    ...(ctx.keep ? { keep: ctx.keep } : {}),
  });
}
