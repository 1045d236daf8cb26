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
 * (`checkpoint_threshold`), which costs little for small commits and about 2× for a large table; the
 * workspace checkpoints again when the page is hidden and after each import. A file that will not open
 * (a damaged log, a damaged file) is set aside and reported (db-open.ts), never silently replaced.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { createBrowserEngine, warmBrowserEngine, type BrowserEngine, type WarmEngine } from '../engine/browser';

export { warmBrowserEngine, type WarmEngine };
import { ident, lit } from '../sql/quote';
import { DEMO_SCHEMA, RESULTS_SCHEMA } from '../catalog/schemas';
import { openDatabase, type DbFiles } from './db-open';
import { openIdbKv, type IdbKv } from './idb-kv';
import { MemoryKv } from './memory-kv';
import type { OpenedWorkspace } from './opened';
import { prepareWorkspace } from './prepare';
import { WorkspaceStore } from './workspace-store';

export type { OpenedWorkspace, DbRecovery } from './opened';

// Not "longtail.duckdb": the catalog would be named longtail, clashing with the longtail schema of the import records.
export const DB_FILE = 'workspace.duckdb';

/** The files in the origin's private file system, by name (the database, its log, copies set aside). */
export const opfsFiles: DbFiles & { read(name: string): Promise<File | null>; remove(name: string): Promise<void> } = {
  async size(name) {
    const root = await navigator.storage.getDirectory();
    try {
      return (await (await root.getFileHandle(name)).getFile()).size;
    } catch (err) {
      if ((err as DOMException).name === 'NotFoundError' || (err as DOMException).name === 'TypeMismatchError') return null;
      throw err;
    }
  },
  async rename(from, to) {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle(from);
    const move = (handle as unknown as { move?: (name: string) => Promise<void> }).move;
    if (move) return move.call(handle, to);
    // Without move(): copy, then remove.
    const target = await (await root.getFileHandle(to, { create: true })).createWritable();
    await (await handle.getFile()).stream().pipeTo(target);
    await root.removeEntry(from);
  },
  async read(name) {
    try {
      return await (await (await navigator.storage.getDirectory()).getFileHandle(name)).getFile();
    } catch {
      return null;
    }
  },
  async remove(name) {
    await (await navigator.storage.getDirectory()).removeEntry(name);
  },
};

/**
 * Copies out of a database file set aside every table (and view) that can still be read, schema by
 * schema; the demo and cell results are made again anyway. A file DuckDB cannot attach gives nothing.
 */
async function salvage(engine: BrowserEngine, file: string): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  await engine.db.registerFileHandle(file, await root.getFileHandle(file), duckdb.DuckDBDataProtocol.BROWSER_FSACCESS, true);
  const alias = 'longtail_damaged';
  try {
    await engine.query(`ATTACH ${lit(file)} AS ${alias} (READ_ONLY)`);
  } catch {
    await engine.db.dropFile(file).catch(() => undefined);
    return [];
  }
  const copied: string[] = [];
  try {
    const skip = [DEMO_SCHEMA, RESULTS_SCHEMA].map(lit).join(', ');
    const tables = (await engine.query(`SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE database_name = ${lit(alias)} AND schema_name NOT IN (${skip})`)).toArray();
    for (const row of tables) {
      const s = String(row.s);
      const t = String(row.t);
      try {
        await engine.query(`CREATE SCHEMA IF NOT EXISTS ${ident(s)}; CREATE TABLE IF NOT EXISTS ${ident(s)}.${ident(t)} AS SELECT * FROM ${alias}.${ident(s)}.${ident(t)}`);
        copied.push(s === 'main' ? t : `${s}.${t}`);
      } catch {
        /* that table cannot be read: the others still can */
      }
    }
    const views = (await engine.query(`SELECT schema_name AS s, sql FROM duckdb_views() WHERE database_name = ${lit(alias)} AND NOT internal AND schema_name NOT IN (${skip})`)).toArray();
    for (const v of views) {
      await engine.query(`CREATE SCHEMA IF NOT EXISTS ${ident(String(v.s))}; SET schema = ${lit(String(v.s))}; ${String(v.sql)}`).catch(() => undefined);
      await engine.query(`SET schema = 'main'`).catch(() => undefined);
    }
  } finally {
    await engine.query(`DETACH ${alias}`).catch(() => undefined);
    await engine.db.dropFile(file).catch(() => undefined);
  }
  return copied;
}

/** `warm`: DuckDB instantiated beside the start (warmBrowserEngine), for the first engine opened here. */
export async function openWorkspace(onProgress?: (fraction: number) => void, warm?: Promise<WarmEngine | null>): Promise<OpenedWorkspace> {
  let unused = warm;
  const take = () => {
    const w = unused;
    unused = undefined;
    return w ? { warm: w } : {};
  };
  let kv: IdbKv | MemoryKv;
  try {
    kv = await openIdbKv();
  } catch {
    kv = new MemoryKv();
  }
  const store = await WorkspaceStore.open(kv);
  performance.mark('longtail:store-open');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const { engine, kept, recovery } = await openDatabase<BrowserEngine>(
    {
      // A start-up setting: the engine locks its configuration once started.
      persistent: () => createBrowserEngine(onProgress, { path: `opfs://${DB_FILE}`, settings: [`SET checkpoint_threshold = '1B'`], ...take() }),
      memory: () => createBrowserEngine(onProgress, take()),
      salvage,
    },
    opfsFiles,
    { file: DB_FILE, stamp, wait: (ms) => new Promise((r) => setTimeout(r, ms)) },
  );
  performance.mark('longtail:engine-open');
  void unused?.then((w) => w?.terminate());
  const importRecovery = await prepareWorkspace(engine, store);
  return {
    engine,
    store,
    kv,
    tablesKept: kept,
    notebooksKept: kv instanceof MemoryKv === false,
    importRecovery,
    dbRecovery: recovery,
    async checkpoint() {
      if (kept) await engine.query('CHECKPOINT');
    },
    async close() {
      await store.idle();
      await engine.query('CHECKPOINT').catch(() => undefined);
      await engine.close();
      if (!(kv instanceof MemoryKv)) kv.close();
    },
  };
}
