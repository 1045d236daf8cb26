/**
 * What the bench page offers the Node driver (`window.longtailBench`), shared by both sides so that a
 * change on one is a type error on the other. Times are measured inside the page with
 * `performance.now()`, so the DevTools round trip never counts.
 */
import type { ParamValues } from '../../src/analytics';

export interface EngineInfo {
  /** DuckDB's version inside duckdb-wasm, e.g. `v1.4.3`. */
  version: string;
  startMs: number;
  /** The DuckDB build that runs (`coi` multi-threaded, `eh` single-threaded), its threads, and why. */
  bundle: string;
  threads: number;
  reason: string;
  /** DuckDB's memory_limit setting, as DuckDB prints it. */
  memoryLimit: string;
}

export interface StartOptions {
  /** `threaded`: DuckDB's multi-threaded build (the page is cross-origin isolated); `single`: what the app runs. */
  build: 'threaded' | 'single';
  /** A database file (`opfs://…`, as the app opens its workspace); in memory when absent. */
  path?: string;
  /** Start-up settings, e.g. a memory limit. */
  settings?: string[];
}

export interface PipelineTiming {
  /** inspectFile: format, encoding, dialect and column types from the first MB. */
  inspectMs: number;
  /** previewImport: the first rows as they will be stored (the dialog shows them before the import). */
  previewMs: number;
  /** importFile: load, count, fingerprint, swap in, record. */
  importMs: number;
  /** proposeForTable + createMappedView, when the file's headers are not the canonical ones. */
  mappingMs: number | null;
  totalMs: number;
  rows: number;
}

/** A failure as the user would see it: the message and the hint of an ImportError, or an engine message. */
export interface PageFailure {
  failed: true;
  code: string | null;
  message: string;
  hint: string;
  elapsedMs: number;
}

export interface BareTiming {
  totalMs: number;
  rows: number;
}

export interface QueryTiming {
  ms: number;
  rows: number;
}

/** The churn models as churn.model fits them: the SQL giving the grouped statistics, then the fits in JS. */
export interface FitTiming {
  sqlMs: number;
  fitMs: number;
  /** Rows of the grouped statistics (distinct histories and spends). */
  groups: number;
}

export interface NotebookTiming {
  ms: number;
  cells: number;
  /** Cells that did not end `done`, with their message: a run with any of these is a failed run. */
  problems: { name: string; status: string; message: string }[];
}

export interface PipelineOptions {
  /** Index of the file in the page's file input. */
  file: number;
  table: string;
  /** Create this canonical view over the table with the proposed mapping (as the dialog's mapping step does). */
  mapTo?: string;
  /** Raise the app's size guard (SIZE_LIMITS) to probe what the engine itself can take. */
  unlimited?: boolean;
}

export interface BenchApi {
  start(options?: StartOptions): Promise<EngineInfo>;
  pipeline(o: PipelineOptions): Promise<PipelineTiming | PageFailure>;
  /**
   * `options` are appended to read_csv's arguments (see bench/bare-csv.ts). `via`: the File registered
   * as a handle read lazily (`handle`, what the app does) or copied into DuckDB's memory first (`buffer`:
   * the threaded build's pthreads cannot read a handle registered after they started).
   */
  bare(file: number, table: string, options: string, via?: 'handle' | 'buffer'): Promise<BareTiming>;
  drop(relations: string[]): Promise<void>;
  analysis(id: string, params: ParamValues): Promise<QueryTiming>;
  notebook(text: string): Promise<NotebookTiming>;
  fit(): Promise<FitTiming>;
  /** MiB DuckDB's buffer manager holds, by what holds it (`duckdb_memory()`). */
  memory(): Promise<Record<string, number>>;
  /** ms for `SELECT 42`: after a failure, tells a page that still works from a dead engine. */
  ping(): Promise<number>;
}

declare global {
  interface Window {
    longtailBench: BenchApi;
  }
}
