/**
 * Comparing two results of the same cell, from two engines or two hosts: same columns, same rows.
 *
 * Rows are compared in order when the cell's final query has a top-level ORDER BY, as a multiset
 * otherwise. In order, rows tied on the sort may come in another order (native DuckDB sorts on several
 * threads): then the columns that are equal position by position (the sort's own columns among them)
 * must exist, and the rows may differ only by their order within each run of equal values of those. Numbers of DOUBLE columns may differ in their last bits where the order of a floating-point
 * sum differs (native DuckDB aggregates on several threads, DuckDB-WASM on one): they match when their
 * relative difference is at most TOLERANCE. Integers, text, dates and booleans must be equal.
 */
import type { Column, Plain } from '../../src/engine/values';

export const TOLERANCE = 1e-9;

function close(a: number, b: number): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

export function sameValue(a: Plain, b: Plain): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return close(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime() || (Number.isNaN(a.getTime()) && Number.isNaN(b.getTime()));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => sameValue(x, b[k]!));
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b) && !(a instanceof Date) && !(b instanceof Date)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k]!, b[k]!));
  }
  return a === b;
}

/** A sort key that ties rows equal within TOLERANCE (numbers rounded to 8 significant digits). */
function key(row: readonly Plain[]): string {
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(8)) : String(v)) : v));
}

/** True when the SQL's last statement sorts its result: an ORDER BY outside any parentheses. */
export function hasTopLevelOrderBy(sql: string): boolean {
  let text = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, '""').replace(/--[^\n]*/g, '');
  // Drop parenthesised parts (subqueries, OVER (… ORDER BY …), function calls) from the inside out.
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/\([^()]*\)/g, '');
  }
  const statements = text.split(';').filter((s) => s.trim());
  return /\border\s+by\b/i.test(statements[statements.length - 1] ?? '');
}

export interface Difference {
  what: string;
  left?: unknown;
  right?: unknown;
}

/** The first difference between two results, or null when they are the same. */
export function compareResults(
  left: { columns: readonly Column[]; rows: readonly Plain[][] },
  right: { columns: readonly Column[]; rows: readonly Plain[][] },
  ordered: boolean,
): Difference | null {
  const cols = (c: readonly Column[]) => c.map((x) => `${x.name}:${x.kind}:${x.sqlType}`);
  if (cols(left.columns).join() !== cols(right.columns).join()) return { what: 'columns', left: cols(left.columns), right: cols(right.columns) };
  if (left.rows.length !== right.rows.length) return { what: 'row count', left: left.rows.length, right: right.rows.length };
  if (ordered && left.rows.every((row, r) => sameValue(row, right.rows[r]!))) return null;
  const unordered = sameRows(left.rows, right.rows);
  if (unordered || !ordered) return unordered;
  // In order, up to ties: the columns equal position by position, and the same rows within each run of them.
  const width = left.columns.length;
  const keys = [...Array(width).keys()].filter((k) => left.rows.every((row, r) => sameValue(row[k]!, right.rows[r]![k]!)));
  if (keys.length === 0) return { what: 'order (no column is in the same order)', left: left.rows.slice(0, 3), right: right.rows.slice(0, 3) };
  for (let start = 0; start < left.rows.length; ) {
    let end = start + 1;
    while (end < left.rows.length && keys.every((k) => sameValue(left.rows[end]![k]!, left.rows[start]![k]!))) end++;
    const diff = sameRows(left.rows.slice(start, end), right.rows.slice(start, end));
    if (diff) return { ...diff, what: `order: rows ${start}–${end - 1}, tied on columns ${keys.map((k) => left.columns[k]!.name).join(', ')}: ${diff.what}` };
    start = end;
  }
  return null;
}

/** Rows as multisets: both sorted the same way, then compared one by one. */
function sameRows(left: readonly Plain[][], right: readonly Plain[][]): Difference | null {
  const [a, b] = [[...left].sort(byKey), [...right].sort(byKey)];
  for (let r = 0; r < a.length; r++) {
    if (!sameValue(a[r]!, b[r]!)) return { what: `sorted row ${r}`, left: a[r], right: b[r] };
  }
  return null;
}

/**
 * JSON documents (chart specs with their data) equal up to TOLERANCE on numbers; arrays of row objects
 * (`values`, `datasets`) compared as multisets.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return sameValue(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const rows = (x: unknown[]) => x.length > 0 && x.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    const [sa, sb] = rows(a) && rows(b) ? [[...a].sort(byJsonKey), [...b].sort(byJsonKey)] : [a, b];
    return sa.every((v, k) => sameJson(v, sb[k]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const [ka, kb] = [Object.keys(a).sort(), Object.keys(b).sort()];
    return ka.join() === kb.join() && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

function byJsonKey(x: unknown, y: unknown): number {
  const [kx, ky] = [key([x as Plain]), key([y as Plain])];
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

function byKey(x: readonly Plain[], y: readonly Plain[]): number {
  const [kx, ky] = [key(x), key(y)];
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}
