/** What every format's loader receives and returns, so the orchestrator treats them alike. */
import type { RowBatch } from './staged-load';
import type { ImportSettings, Note, ProgressFn, RejectSummary, SourceFile } from './types';

export interface LoadContext {
  /** A preview loads only the start of the file; an import loads all of it. */
  mode: 'preview' | 'import';
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /**
   * Columns (by position) the loaded table holds; all when absent. A preview of a wide file loads the
   * window it shows: DuckDB takes seconds to make a table of 10,000 columns.
   */
  keep?: readonly number[];
}

/**
 * The rows of a file parsed in JS (Excel, a JSON array, Parquet), batch by batch, from wherever the
 * parsed file lives: this thread, or the ingest worker (worker/client.ts), which keeps what it parsed so
 * that the page never holds, nor spends its time on, the whole file.
 */
export interface RowSource {
  /** The first `limit` data rows (all when Infinity) for these settings; the last batch says whether that was all. */
  batches(settings: ImportSettings, limit: number): AsyncIterable<RowBatch>;
}

export interface LoadOutcome {
  rejected: RejectSummary;
  /** The whole file was read (always so for an import). */
  whole: boolean;
  /** Rows in the loaded table, when the loader was told it by DuckDB (saves counting them again). */
  rows?: number;
}

export interface InspectionBase {
  file: SourceFile;
  notes: Note[];
}

/** Rows shown in a preview; loaders read a little more so that problems near the top show up too. */
export const PREVIEW_ROWS = 20;
export const PREVIEW_READ_ROWS = 1000;
/** Columns a preview shows at once (a window the dialog moves); a file may have thousands. */
export const PREVIEW_COLUMNS = 30;
/** Values a preview of a JS-parsed format (JSON, Excel, Parquet) reads at most, so a wide file reads fewer rows. */
export const PREVIEW_CELLS = 100_000;

/** Rows a JS-parsed format reads for a preview of `columns` columns: fewer when the file is wide. */
export function previewReadRows(columns: number): number {
  return Math.max(PREVIEW_ROWS, Math.min(PREVIEW_READ_ROWS, Math.floor(PREVIEW_CELLS / Math.max(1, columns))));
}
