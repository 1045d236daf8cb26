/**
 * The browser back end: DuckDB-WASM in its own Web Worker, its .wasm and worker served from our own
 * origin (Vite `?url` imports, never a CDN). Queries go through `send` so a running one can be
 * cancelled; one connection, used by one caller at a time (a small queue), keeps transactions whole.
 *
 * Two builds of DuckDB: the multi-threaded one (`coi`: a SharedArrayBuffer heap and a pool of pthread
 * workers), which needs a cross-origin isolated page (COOP/COEP headers, sent by `npm start`'s server and
 * by the service worker), and the single-threaded one (`eh`), the fallback everywhere else. Which one a
 * page gets, and why, is in `BrowserEngine.build`.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { queryError, remoteRefusal, USER_TABLES_SQL } from './errors';
import { EngineClosedError, QUERY_CONFIG, startupStatements, type Engine, type EngineOptions } from './types';
import { browserMemory, duckdbMemoryLimit } from './memory';

const SINGLE: duckdb.DuckDBBundles = {
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

/** The URLs of DuckDB's multi-threaded build. */
export interface ThreadedBundle {
  mainModule: string;
  mainWorker: string;
  pthreadWorker: string;
}

/** Which DuckDB build runs, with how many threads, and why that one. */
export interface EngineBuild {
  /** `coi`: multi-threaded; `eh`/`mvp`: single-threaded. */
  bundle: 'coi' | 'eh' | 'mvp';
  /** DuckDB's `threads` setting. */
  threads: number;
  /** Why a single-threaded build runs ('' for the threaded one). */
  reason: string;
}

export interface BrowserEngine extends Engine {
  readonly db: duckdb.AsyncDuckDB;
  readonly version: string;
  readonly build: EngineBuild;
}

export interface BrowserEngineOptions extends EngineOptions {
  /** Database file, e.g. `opfs://workspace.duckdb` to keep tables in the browser's storage; in memory when absent. */
  path?: string;
  /**
   * The multi-threaded build's files (src/engine/threaded-bundle.ts), to run it when the page is
   * cross-origin isolated; the single-threaded build runs otherwise, or if this one fails to start.
   * Absent (the default), the single-threaded build runs: the threaded files are not even in a build
   * that does not import them.
   *
   * The app runs single-threaded. Measured with duckdb-wasm 1.32 (bench/, README): the threaded build
   * reads a File registered as a handle in its main thread only — a pthread started before the
   * registration never receives it, so a parallel read_csv fails ("No HTML5 file registered") or, worse,
   * reads 0 rows — and it cannot reopen an OPFS database (FileSystemSyncAccessHandle cannot be sent to
   * its threads: DataCloneError; duckdb-wasm issues 2096, 2243). It is also slower to start.
   */
  threaded?: ThreadedBundle;
  /**
   * The single-threaded build already instantiated by `warmBrowserEngine` (started with the page, while
   * the rest of the start goes on); used once, for this engine's database. Without it, or if it failed,
   * the engine instantiates its own.
   */
  warm?: Promise<WarmEngine | null>;
}

/** DuckDB's worker with its WebAssembly instantiated and no database open yet. */
export interface WarmEngine {
  /** Ends it, when no engine will take it (a tab that waits for another). */
  terminate(): Promise<void>;
}

/**
 * Starts DuckDB's worker and instantiates its WebAssembly (the longest part of a start: fetching and
 * compiling 34 MB), touching no storage, so that a start can do it beside reading the workspace and
 * drawing the last results; `createBrowserEngine({ warm })` then opens the database on it.
 */
export async function warmBrowserEngine(): Promise<WarmEngine> {
  return new Warm(await instantiate(await duckdb.selectBundle(SINGLE)));
}

class Warm implements WarmEngine {
  constructor(readonly started: Started) {}
  async terminate(): Promise<void> {
    await this.started.db.terminate().catch(() => undefined);
    for (const u of this.started.urls) URL.revokeObjectURL(u);
  }
}

const startedOf = (w: WarmEngine): Started => (w as Warm).started;

/**
 * The first lines of DuckDB's worker: its XMLHttpRequest refuses every address and its fetch every
 * address but the engine's own .wasm. DuckDB-WASM reads `http://`, `https://` and `s3://` paths (and
 * loads extensions) with XMLHttpRequest from inside this worker, and `disabled_filesystems` does not
 * stop it in the browser build (measured: no file system there has a name to disable). So a path to
 * another machine fails here, in DuckDB's own thread, with Longtail's message, whatever the server's
 * headers; the page's Content Security Policy, which this worker inherits, is the second wall.
 */
function workerPreamble(allowedFetches: readonly string[]): string {
  const [before, after] = remoteRefusal('\u0000').split('\u0000');
  return `"use strict";
(() => {
  const allowed = new Set(${JSON.stringify(allowedFetches)});
  const refuse = (url) => ${JSON.stringify(before)} + url + ${JSON.stringify(after)};
  const NativeXHR = self.XMLHttpRequest;
  if (NativeXHR) {
    self.XMLHttpRequest = class extends NativeXHR {
      open(method, url) {
        throw new DOMException(refuse(String(url)), 'NetworkError');
      }
    };
  }
  const nativeFetch = self.fetch;
  self.fetch = function (input, init) {
    const url = String(input && typeof input === 'object' && 'url' in input ? input.url : input);
    return allowed.has(url) ? nativeFetch.call(self, input, init) : Promise.reject(new TypeError(refuse(url)));
  };
})();
`;
}

/**
 * DuckDB's worker, started from a `blob:` URL that loads the self-hosted script after the preamble
 * above. A worker loaded from its own URL takes its Content Security Policy from its own response
 * headers, which a plain static server does not send, so it could reach any host; a blob worker
 * inherits the page's policy (measured, STACK-NOTES). URLs are made absolute: relative ones cannot be
 * resolved against a blob: URL.
 */
function policyBoundScript(scriptUrl: string, allowedFetches: readonly string[]): string {
  const script = new URL(scriptUrl, location.href).href;
  const source = `${workerPreamble(allowedFetches)}importScripts(${JSON.stringify(script)});\n`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/**
 * The same for the threaded build's pthread workers, which DuckDB's worker starts from the URL it is
 * given: a blob too (a worker started by a blob worker from a blob inherits its policy), with the same
 * preamble, since every thread has its own XMLHttpRequest and fetch. DuckDB may start a thread at any
 * time, so this URL lives as long as the engine.
 */
function policyBoundPthreadScript(scriptUrl: string): string {
  return policyBoundScript(scriptUrl, []);
}

interface Started {
  db: duckdb.AsyncDuckDB;
  bundle: duckdb.DuckDBBundle;
  /** Blob URLs to revoke when the engine closes. */
  urls: string[];
}

async function instantiate(bundle: duckdb.DuckDBBundle, onProgress?: (fraction: number) => void): Promise<Started> {
  const wasmUrl = new URL(bundle.mainModule, location.href).href;
  const mainUrl = policyBoundScript(bundle.mainWorker!, [wasmUrl]);
  const pthreadUrl = bundle.pthreadWorker ? policyBoundPthreadScript(bundle.pthreadWorker) : null;
  const worker = new Worker(mainUrl, { name: 'longtail-duckdb' });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(wasmUrl, pthreadUrl, (p) => {
      if (p.bytesTotal > 0) onProgress?.(p.bytesLoaded / p.bytesTotal);
    });
  } catch (err) {
    await db.terminate().catch(() => undefined);
    if (pthreadUrl) URL.revokeObjectURL(pthreadUrl);
    throw err;
  } finally {
    URL.revokeObjectURL(mainUrl);
  }
  return { db, bundle, urls: pthreadUrl ? [pthreadUrl] : [] };
}

/** Starts DuckDB and opens its database; any failure terminates the worker and frees its URLs. */
async function startDb(bundle: duckdb.DuckDBBundle, options: BrowserEngineOptions, onProgress?: (fraction: number) => void, warm?: WarmEngine | null): Promise<Started> {
  const started = warm ? startedOf(warm) : await instantiate(bundle, onProgress);
  // The threaded build starts 4 threads by default: on a machine with fewer cores they only take turns.
  const maximumThreads = bundle.pthreadWorker ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : undefined;
  try {
    await started.db.open({
      ...(options.path ? { path: options.path, accessMode: duckdb.DuckDBAccessMode.READ_WRITE } : {}),
      ...(maximumThreads ? { maximumThreads } : {}),
      query: QUERY_CONFIG,
    });
  } catch (err) {
    // e.g. the file is held by another tab: free the worker so the caller can try something else.
    await started.db.terminate().catch(() => undefined);
    for (const u of started.urls) URL.revokeObjectURL(u);
    throw err;
  }
  return started;
}

function bundleName(bundle: duckdb.DuckDBBundle): EngineBuild['bundle'] {
  return bundle.pthreadWorker ? 'coi' : bundle.mainModule === ehWasm ? 'eh' : 'mvp';
}

/** Why the threaded build does not run here, or '' when it can. */
async function threadsUnavailable(threaded: ThreadedBundle | undefined): Promise<string> {
  if (!threaded) return 'the single-threaded build was asked for';
  if (!globalThis.crossOriginIsolated) return 'the page is not cross-origin isolated (served without COOP/COEP headers)';
  const f = await duckdb.getPlatformFeatures();
  if (!(f.wasmThreads && f.wasmSIMD && f.wasmExceptions)) return 'this browser lacks WebAssembly threads, SIMD or exceptions';
  return '';
}

export async function createBrowserEngine(onProgress?: (fraction: number) => void, options: BrowserEngineOptions = {}): Promise<BrowserEngine> {
  let reason = await threadsUnavailable(options.threaded);
  let started: Started | null = null;
  if (!reason && options.threaded) {
    try {
      started = await startDb(options.threaded, options, onProgress);
    } catch (err) {
      reason = `the multi-threaded build failed to start (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  if (!started && options.warm) {
    const warm = await options.warm.catch(() => null);
    // Its failure (the file held by another tab…) is the caller's to handle, as without it.
    if (warm) started = await startDb(startedOf(warm).bundle, options, onProgress, warm);
  }
  started ??= await startDb(await duckdb.selectBundle(SINGLE), options, onProgress);
  const { db, bundle, urls } = started;
  const conn = await db.connect();
  // DuckDB's memory limit follows what this browser can give (memory.ts); a caller's own setting comes after it.
  const settings = [`SET memory_limit = '${duckdbMemoryLimit(browserMemory())}'`, ...(options.settings ?? [])];
  for (const s of startupStatements({ ...options, settings })) await conn.query(s);
  const version = await db.getVersion();
  const threads = Number((await conn.query("SELECT current_setting('threads') AS n")).getChildAt(0)?.get(0) ?? 1);
  const build: EngineBuild = { bundle: bundleName(bundle), threads, reason: bundleName(bundle) === 'coi' ? '' : reason };
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
    build,
    query(sql, params = []) {
      return exclusive(async () => {
        try {
          if (params.length === 0) return await collect(await conn.send(sql, true));
          const stmt = await conn.prepare(sql);
          try {
            return await collect(await stmt.send(...params));
          } finally {
            await stmt.close();
          }
        } catch (err) {
          throw await queryError(err, sql, () => conn.query(USER_TABLES_SQL));
        }
      });
    },
    // Not queued: it must reach the worker while a query holds the queue.
    cancel: () => (closed ? Promise.resolve(false) : conn.cancelSent()),
    tableNames: (sql) => exclusive(() => conn.getTableNames(sql)),
    registerFile: (name, bytes) => exclusive(() => db.registerFileBuffer(name, bytes)),
    // The threaded build's pthreads never receive a handle registered after they started (they wait
    // inside WebAssembly and read no messages): a parallel read of it fails or reads nothing. There the
    // file is copied into DuckDB's memory, which every thread shares.
    registerBlob: (name, blob) =>
      exclusive(async () =>
        build.bundle === 'coi'
          ? db.registerFileBuffer(name, new Uint8Array(await blob.arrayBuffer()))
          : db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true),
      ),
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
        for (const u of urls) URL.revokeObjectURL(u);
      }),
  };
}
