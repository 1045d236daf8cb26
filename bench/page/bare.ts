/**
 * A bare DuckDB-WASM page, the reference of the cold-start rows: the engine's documented start (the
 * self-hosted single-threaded bundle the app runs, its worker loaded from its URL, instantiate, connect)
 * and `SELECT 1`, nothing else. `window.__bareReadyMs` is the time from navigation start to the answer,
 * by the page's own clock.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

declare global {
  interface Window {
    __bareReadyMs?: number;
    __bareError?: string;
  }
}

async function start(): Promise<void> {
  const bundle = await duckdb.selectBundle({ mvp: { mainModule: mvpWasm, mainWorker: mvpWorker }, eh: { mainModule: ehWasm, mainWorker: ehWorker } });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  const answer = (await conn.query('SELECT 1 AS one')).getChildAt(0)?.get(0);
  if (Number(answer) !== 1) throw new Error(`SELECT 1 answered ${String(answer)}`);
  window.__bareReadyMs = performance.now();
}

start().catch((e: unknown) => (window.__bareError = e instanceof Error ? e.message : String(e)));
