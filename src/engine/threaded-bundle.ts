/**
 * DuckDB-WASM's multi-threaded build (`coi`: a SharedArrayBuffer heap and pthread workers), self-hosted
 * like the others. Only a module that imports this file puts the build's 35 MB into its output: the
 * bench page does, to measure it against the single-threaded build; the app does not (why:
 * `BrowserEngineOptions.threaded` in browser.ts).
 */
import mainModule from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import mainWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import pthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import type { ThreadedBundle } from './browser';

export const THREADED_BUNDLE: ThreadedBundle = { mainModule, mainWorker, pthreadWorker };
