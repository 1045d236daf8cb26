/**
 * How big a file the browser can take, per format: a check on the memory this browser can give, made
 * before anything is read, so a file that cannot fit gets a clear message at once instead of a tab that
 * dies halfway.
 *
 * The budget is the engine's (src/engine/memory.ts): DuckDB-WASM's 4 GB ceiling, or half the machine's
 * memory where the browser tells it. Formats parsed whole in JavaScript (a JSON array, an Excel
 * workbook) are held by the JS heap, whose limit Chromium gives, several times their size as objects.
 *
 * Per format, measured (bench/, README "Largest table"): a CSV is streamed from the disk by DuckDB and
 * its table takes at most about the file's size (in memory; much less in the OPFS workspace, where it is
 * compressed), so 60 % of the budget: 2.4 GB on a 4 GB budget, which takes the 20 M-row demo export
 * (2.1 GB) and refuses 40 M rows (4.2 GB, which ran out of memory at 4.2 GB with the guard lifted).
 */
import { tooLarge } from './errors';
import type { FileFormat } from './types';
import { browserMemory, engineMemory, type BrowserMemory } from '../engine/memory';

export { WASM_CEILING, type BrowserMemory } from '../engine/memory';

const MB = 1024 * 1024;
const GB = 1024 * MB;

export interface SizeLimits {
  /**
   * Bytes the engine can use here: the smaller of DuckDB-WASM's ceiling and half the machine's memory;
   * 0 where that is not a browser's budget (the command line), and a refusal names none.
   */
  memory: number;
  csv: number;
  parquet: number;
  /** NDJSON is read line by line; a JSON array has to be parsed in one piece. */
  ndjson: number;
  jsonArray: number;
  xlsx: number;
}

/** The limits for a browser's memory. Where it tells nothing, the engine's ceiling and a 4 GB JS heap. */
export function sizeLimitsFor(m: BrowserMemory): SizeLimits {
  const memory = engineMemory(m);
  const jsHeap = m.jsHeapSizeLimit ?? 4 * GB;
  const round = (n: number) => Math.floor(n / MB) * MB;
  return {
    memory,
    csv: round(memory * 0.6),
    // Read in JavaScript a row group at a time and inserted as Arrow: the table is several times the
    // compressed file.
    parquet: round(memory / 4),
    ndjson: round(memory / 8),
    // Parsed whole into JavaScript objects: about 16 times the text for a JSON array, 40 for a workbook.
    jsonArray: round(Math.min(memory / 8, jsHeap / 16)),
    xlsx: round(Math.min(memory / 16, jsHeap / 40)),
  };
}

/** The limits of the browser this runs in. */
export const SIZE_LIMITS: SizeLimits = sizeLimitsFor(browserMemory());

export function limitFor(format: FileFormat, jsonLayout: 'array' | 'ndjson' | null, limits: SizeLimits): number {
  if (format === 'json') return jsonLayout === 'ndjson' ? limits.ndjson : limits.jsonArray;
  return limits[format];
}

export function checkSize(fileName: string, size: number, format: FileFormat, jsonLayout: 'array' | 'ndjson' | null, limits: SizeLimits = SIZE_LIMITS): void {
  const limit = limitFor(format, jsonLayout, limits);
  if (size > limit) throw tooLarge(fileName, size, limit, format, limits.memory);
}
