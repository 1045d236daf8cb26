/**
 * How big a file the browser can take, per format. DuckDB-WASM's memory tops out at 4 GB for everything
 * (tables, the query running, the file when it is copied in); a table takes roughly its CSV's size.
 * Formats parsed whole in JS (a JSON array, an Excel zip) need several times their size as JS objects.
 * Checking the size first gives a clear message at once instead of a tab that dies halfway.
 */
import { tooLarge } from './errors';
import type { FileFormat } from './types';

const MB = 1024 * 1024;

export interface SizeLimits {
  csv: number;
  parquet: number;
  /** NDJSON is read line by line; a JSON array has to be parsed in one piece. */
  ndjson: number;
  jsonArray: number;
  xlsx: number;
}

export const SIZE_LIMITS: SizeLimits = {
  csv: 1024 * MB,
  parquet: 1024 * MB,
  ndjson: 512 * MB,
  jsonArray: 256 * MB,
  xlsx: 100 * MB,
};

export function limitFor(format: FileFormat, jsonLayout: 'array' | 'ndjson' | null, limits: SizeLimits): number {
  if (format === 'json') return jsonLayout === 'ndjson' ? limits.ndjson : limits.jsonArray;
  return limits[format];
}

export function checkSize(fileName: string, size: number, format: FileFormat, jsonLayout: 'array' | 'ndjson' | null, limits: SizeLimits = SIZE_LIMITS): void {
  const limit = limitFor(format, jsonLayout, limits);
  if (size > limit) throw tooLarge(fileName, size, limit, format);
}
