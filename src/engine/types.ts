import type { Table } from 'apache-arrow';

/**
 * The one interface the rest of Longtail sees of the SQL engine. Two back ends implement it:
 * the browser one (DuckDB-WASM in its Web Worker) and the Node one (the blocking bundle, for tests,
 * benchmarks and a future headless runner). Nothing outside src/engine knows which one it talks to.
 */
export interface Engine {
  /** Runs one or more statements; resolves to the last statement's result. `params` bind `$1…$n`. */
  query(sql: string, params?: readonly unknown[]): Promise<Table>;
  /** Asks the engine to stop the query now running. Resolves true when something was cancelled. */
  cancel(): Promise<boolean>;
  /** Relations a query reads (base tables and views; CTE names excluded). May throw on bind errors. */
  tableNames(sql: string): Promise<string[]>;
  /** Makes bytes visible to SQL as a file name (read_csv('name'), …). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Same for a File/Blob from the user's disk. The browser back end reads it lazily through the worker
   * (no copy into wasm memory, so files of hundreds of MB fit); Node copies it.
   */
  registerBlob(name: string, blob: Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Reads back a file DuckDB wrote (COPY … TO 'name'). */
  copyFileToBuffer(name: string): Promise<Uint8Array>;
  /** Appends (or creates) a table from Arrow data. */
  insertArrow(table: Table, name: string, options?: { schema?: string; create?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings applied right after start on every back end (see STACK-NOTES): nothing is ever fetched
 * (no extension is auto-loaded or installed), and errors come as JSON, which carries the position in
 * the SQL text that the error formatter (errors.ts) points at.
 */
export const STARTUP_SQL = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
  'SET allow_community_extensions = false',
  'SET errors_as_json = true',
];

/**
 * Applied after the caller's own start-up settings (`EngineOptions.settings`): from then on no
 * statement can change the configuration (re-enable extension loading, lift a limit…). DuckDB still
 * lets `search_path` and `schema` change, which the runner uses.
 */
export const LOCK_SQL = ['SET lock_configuration = true'];

/** Options both back ends take. */
export interface EngineOptions {
  /**
   * `SET …` statements to run at start, before the configuration is locked; after that no setting
   * can change (except `search_path` and `schema`).
   */
  settings?: readonly string[];
}

/** Every statement run at start, in order: ours, the caller's, then the lock. */
export function startupStatements(options: EngineOptions = {}): string[] {
  return [...STARTUP_SQL, ...(options.settings ?? []), ...LOCK_SQL];
}

/** Results come back with BIGINT and DECIMAL as doubles: plain numbers in JS, exact to 2^53. */
export const QUERY_CONFIG = {
  castBigIntToDouble: true,
  castDecimalToDouble: true,
} as const;

/**
 * Every call after `close()` fails with this, at once: a closed DuckDB-WASM worker does not reject
 * what it is sent, it logs and leaves the caller polling for ever.
 */
export class EngineClosedError extends Error {
  constructor() {
    super('The database is closed (the workspace moved to another tab, or the app is shutting down). Reload the page to open it again.');
    this.name = 'EngineClosedError';
  }
}
