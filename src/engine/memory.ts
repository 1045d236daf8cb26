/**
 * The memory this browser can give the engine: DuckDB-WASM addresses at most 4 GB (32-bit WebAssembly
 * memory) for everything — tables, the query running, a file copied in — and a tab should not take more
 * than half of the machine's memory (`navigator.deviceMemory`, where the browser tells it: Chromium,
 * rounded and capped at 8 GB). The JavaScript heap has its own limit (`performance.memory`, Chromium).
 * The import size guard (src/ingest/limits.ts) and DuckDB's memory limit (browser.ts) follow from it.
 */
const MB = 1024 * 1024;
const GB = 1024 * MB;

/** DuckDB-WASM's memory ceiling: 32-bit WebAssembly. */
export const WASM_CEILING = 4 * GB;

/** What the browser says about its memory; each part absent where the browser does not tell. */
export interface BrowserMemory {
  /** `navigator.deviceMemory`: the machine's RAM in GB, rounded (Chromium caps it at 8). */
  deviceMemoryGb?: number;
  /** `performance.memory.jsHeapSizeLimit` (Chromium): bytes the JavaScript heap may grow to. */
  jsHeapSizeLimit?: number;
}

/** What this browser (or Node, which tells nothing) says about its memory. */
export function browserMemory(): BrowserMemory {
  const nav = (globalThis as { navigator?: { deviceMemory?: unknown } }).navigator;
  const perf = (globalThis as { performance?: { memory?: { jsHeapSizeLimit?: unknown } } }).performance;
  const device = nav?.deviceMemory;
  const heap = perf?.memory?.jsHeapSizeLimit;
  return {
    ...(typeof device === 'number' && device > 0 ? { deviceMemoryGb: device } : {}),
    ...(typeof heap === 'number' && heap > 0 ? { jsHeapSizeLimit: heap } : {}),
  };
}

/** Bytes the engine may use here: the smaller of DuckDB-WASM's ceiling and half the machine's memory. */
export function engineMemory(m: BrowserMemory): number {
  return Math.min(WASM_CEILING, m.deviceMemoryGb !== undefined ? (m.deviceMemoryGb * GB) / 2 : Infinity);
}

/**
 * DuckDB's own `memory_limit` for that budget: three quarters of it, the rest left to what DuckDB does
 * not count (its code and the engine's JavaScript, the file being read, results on their way to the
 * page). Past it a query fails with DuckDB's out-of-memory error, which the app reports, instead of the
 * tab being killed. (DuckDB-WASM cannot spill to disk: it has no temporary directory.)
 */
export function duckdbMemoryLimit(m: BrowserMemory): string {
  return `${Math.floor((engineMemory(m) * 0.75) / MB)}MB`;
}
