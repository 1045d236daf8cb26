/**
 * Plain values ↔ JSON. JSON has no dates and no NaN: dates travel as ISO text and are turned back into
 * Dates by their column's kind; non-finite numbers travel as text ("NaN", "Infinity").
 */
import type { Column, Plain, ValueKind } from '../engine/values';
import type { JsonValue } from './payload';

function nested(v: Plain): JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(nested);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nested(x)]));
}

export function encodeValue(v: Plain, kind: ValueKind): JsonValue {
  if (v instanceof Date && kind === 'date' && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return nested(v);
}

export function decodeValue(v: JsonValue, kind: ValueKind): Plain {
  if (v === null) return null;
  if ((kind === 'date' || kind === 'timestamp') && typeof v === 'string') {
    const d = new Date(kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    return Number.isNaN(d.getTime()) ? v : d;
  }
  if ((kind === 'number' || kind === 'integer') && typeof v === 'string') return Number(v);
  return v;
}

export function encodeRows(columns: readonly Column[], rows: readonly Plain[][]): JsonValue[][] {
  return rows.map((r) => columns.map((c, k) => encodeValue(r[k] ?? null, c.kind)));
}

export function decodeRows(columns: readonly Column[], rows: readonly JsonValue[][]): Plain[][] {
  return rows.map((r) => columns.map((c, k) => decodeValue(r[k] ?? null, c.kind)));
}
