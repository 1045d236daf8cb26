/**
 * Opening the workspace in the browser: the workspace store in IndexedDB, DuckDB on its database file in
 * OPFS, and the repairs a crash may call for. If the browser refuses either storage (a private window,
 * an old browser), Longtail still starts, in memory, and says what will not be kept.
 *
 * Why an OPFS database file and not Parquet files per table: measured on this DuckDB-WASM (1.32), the
 * file kept every checkpointed table across reloads, killed tabs and browser restarts, and a tab killed
 * in the middle of a large write or of a checkpoint reopened on the last committed state. Parquet per
 * table would rewrite a whole table in JavaScript after every change and reload it all at each start;
 * the database reopens in about a second and keeps Longtail's import records and mappings (schema
 * `longtail`) with the tables.
 *
 * One catch, measured: what is only in the write-ahead log survives a reload or a killed tab but not a
 * browser restart (the log is not replayed). So every commit is checkpointed at once
 * (`checkpoint_threshold`), which costs little for small commits and about 2× for a large table.
 */
import { createBrowserEngine, type BrowserEngine } from '../engine/browser';
import { RESULTS_SCHEMA } from '../notebook/kinds/sql-cell';
import { recoverImport } from './archive';
import { openIdbKv, type IdbKv } from './idb-kv';
import { MemoryKv } from './memory-kv';
import { purgeDeletedTables } from './tables';
import { WorkspaceStore } from './workspace-store';

// Not "longtail.duckdb": the catalog would be named longtail, clashing with the longtail schema of the import records.
export const DB_FILE = 'workspace.duckdb';

export interface OpenedWorkspace {
  engine: BrowserEngine;
  store: WorkspaceStore;
  /** False when tables live in memory only (OPFS refused). */
  tablesKept: boolean;
  /** False when notebooks live in memory only (IndexedDB refused). */
  notebooksKept: boolean;
  importRecovery: 'none' | 'completed' | 'undone';
  /** Saves DuckDB's log into its file and lets go of the file and the IndexedDB connection. */
  close(): Promise<void>;
}

export async function openWorkspace(onProgress?: (fraction: number) => void): Promise<OpenedWorkspace> {
  let kv: IdbKv | MemoryKv;
  try {
    kv = await openIdbKv();
  } catch {
    kv = new MemoryKv();
  }
  const store = await WorkspaceStore.open(kv);
  let engine: BrowserEngine;
  let tablesKept = true;
  try {
    engine = await createBrowserEngine(onProgress, { path: `opfs://${DB_FILE}` });
  } catch {
    tablesKept = false;
    engine = await createBrowserEngine(onProgress);
  }
  if (tablesKept) await engine.query(`SET checkpoint_threshold = '1B'`);
  // Housekeeping writes: with storage full they fail, and Longtail must start all the same.
  // Cell results are recomputed when a notebook runs; last session's would only take space.
  await engine.query(`DROP SCHEMA IF EXISTS ${RESULTS_SCHEMA} CASCADE`).catch(() => undefined);
  const importRecovery = await recoverImport(engine, store).catch(() => 'none' as const);
  await purgeDeletedTables(engine).catch(() => undefined);
  return {
    engine,
    store,
    tablesKept,
    notebooksKept: kv instanceof MemoryKv === false,
    importRecovery,
    async close() {
      await store.idle();
      await engine.query('CHECKPOINT').catch(() => undefined);
      await engine.close();
      if (!(kv instanceof MemoryKv)) kv.close();
    },
  };
}
