/**
 * Typing and converting values that arrive already parsed (Excel cells, JSON values, Parquet columns):
 * the column type is the narrowest that holds every value, and each value is converted to that type or
 * reported as unreadable — never silently turned into NULL.
 */
import type { ColumnType } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const MS_PER_DAY = 86_400_000;

function isMidnightUtc(d: Date): boolean {
  return d.getTime() % MS_PER_DAY === 0;
}

/** The narrowest type for a column of parsed values. ISO date strings (JSON has no date type) become dates. */
export function inferJsType(values: Iterable<unknown>): ColumnType {
  let seen = 0;
  let booleans = 0;
  let integers = 0;
  let numbers = 0;
  let dates = 0;
  let timestamps = 0;
  let isoDates = 0;
  let isoTimestamps = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    seen++;
    if (typeof v === 'boolean') booleans++;
    else if (typeof v === 'bigint') integers++;
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) integers++;
      else if (Number.isFinite(v)) numbers++;
    } else if (v instanceof Date) {
      if (isMidnightUtc(v)) dates++;
      else timestamps++;
    } else if (typeof v === 'string') {
      if (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))) isoDates++;
      else if (ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v))) isoTimestamps++;
    }
  }
  if (seen === 0) return 'VARCHAR';
  if (booleans === seen) return 'BOOLEAN';
  if (integers === seen) return 'BIGINT';
  if (integers + numbers === seen) return 'DOUBLE';
  if (dates === seen || isoDates === seen) return 'DATE';
  if (dates + timestamps === seen || isoDates + isoTimestamps === seen) return 'TIMESTAMP';
  return 'VARCHAR';
}

/** JSON text for nested values; BigInts (Parquet INT64 inside lists) written as numbers. */
export function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

export class BadValue {
  constructor(readonly value: unknown) {}
}

/** Converts one value to the column's type: the JS value Arrow expects, null, or BadValue. */
export function coerce(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'VARCHAR':
      if (typeof v === 'string') return v;
      if (v instanceof Date) return isMidnightUtc(v) ? v.toISOString().slice(0, 10) : v.toISOString();
      if (typeof v === 'object') return jsonText(v);
      return String(v);
    case 'BIGINT':
      if (v === '') return null;
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      if (typeof v === 'string' && /^[-+]?\d{1,18}$/.test(v)) return BigInt(v);
      return new BadValue(v);
    case 'DOUBLE':
      if (v === '') return null;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'string' && /^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(v)) return Number(v);
      return new BadValue(v);
    case 'BOOLEAN':
      if (v === '') return null;
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
      return new BadValue(v);
    case 'DATE':
    case 'TIMESTAMP': {
      if (v === '') return null;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? new BadValue(v) : v.getTime();
      if (typeof v === 'string' && (ISO_DATE.test(v) || ISO_TIMESTAMP.test(v))) {
        // A bare ISO date or a timestamp without offset is a wall-clock value: read it as UTC, as DuckDB does.
        const withZone = ISO_DATE.test(v) || /(?:Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v.replace(' ', 'T')}Z`;
        const ms = Date.parse(withZone);
        if (Number.isNaN(ms)) return new BadValue(v);
        return type === 'DATE' ? ms - (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) : ms;
      }
      return new BadValue(v);
    }
  }
}

export function displayValue(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  return jsonText(v);
}
