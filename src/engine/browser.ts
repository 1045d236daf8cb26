/**
 * The browser back end: DuckDB-WASM in its own Web Worker, its .wasm and worker served from our own
 * origin (Vite `?url` imports, never a CDN). Queries go through `send` so a running one can be
 * cancelled; one connection, used by one caller at a time (a small queue), keeps transactions whole.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { EngineClosedError, QUERY_CONFIG, STARTUP_SQL, type Engine } from './types';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** Serialises async calls: the next starts when the previous settles. */
function queue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export interface BrowserEngine extends Engine {
  readonly db: duckdb.AsyncDuckDB;
  readonly version: string;
}

export interface BrowserEngineOptions {
  /** Database file, e.g. `opfs://workspace.duckdb` to keep tables in the browser's storage; in memory when absent. */
  path?: string;
}

export async function createBrowserEngine(onProgress?: (fraction: number) => void, options: BrowserEngineOptions = {}): Promise<BrowserEngine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
    if (p.bytesTotal > 0) onProgress?.(p.bytesLoaded / p.bytesTotal);
  });
  try {
    await db.open(options.path ? { path: options.path, accessMode: duckdb.DuckDBAccessMode.READ_WRITE, query: QUERY_CONFIG } : { query: QUERY_CONFIG });
  } catch (err) {
    // e.g. the file is held by another tab: free the worker so the caller can try something else.
    await db.terminate();
    throw err;
  }
  const conn = await db.connect();
  for (const s of STARTUP_SQL) await conn.query(s);
  const version = await db.getVersion();
  const queued = queue();
  let closed = false;
  // Checked when a call's turn comes, not when it is made: one queued before `close()` runs after it.
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => queued(() => (closed ? Promise.reject(new EngineClosedError()) : fn()));

  async function collect(reader: AsyncIterable<RecordBatch> & { schema: Table['schema'] }): Promise<Table> {
    const batches: RecordBatch[] = [];
    for await (const b of reader) batches.push(b);
    return batches.length ? new Table(batches) : new Table(reader.schema);
  }

  return {
    db,
    version,
    query(sql, params = []) {
      return exclusive(async () => {
        if (params.length === 0) return collect(await conn.send(sql, true));
        const stmt = await conn.prepare(sql);
        try {
          return await collect(await stmt.send(...params));
        } finally {
          await stmt.close();
        }
      });
    },
    // Not queued: it must reach the worker while a query holds the queue.
    cancel: () => (closed ? Promise.resolve(false) : conn.cancelSent()),
    tableNames: (sql) => exclusive(() => conn.getTableNames(sql)),
    registerFile: (name, bytes) => exclusive(() => db.registerFileBuffer(name, bytes)),
    registerBlob: (name, blob) =>
      exclusive(() => db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true)),
    dropFile: (name) => exclusive(async () => void (await db.dropFile(name))),
    copyFileToBuffer: (name) => exclusive(() => db.copyFileToBuffer(name)),
    insertArrow: (table, name, options = {}) =>
      exclusive(() => conn.insertArrowTable(table, { name, schema: options.schema, create: options.create ?? true })),
    close: () =>
      queued(async () => {
        if (closed) return;
        closed = true;
        await conn.close();
        await db.terminate();
      }),
  };
}
