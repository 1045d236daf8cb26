/** What every format's loader receives and returns, so the orchestrator treats them alike. */
import type { Note, ProgressFn, RejectSummary, SourceFile } from './types';

export interface LoadContext {
  /** A preview loads only the start of the file; an import loads all of it. */
  mode: 'preview' | 'import';
  signal?: AbortSignal;
  onProgress?: ProgressFn;
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
