/**
 * Vega-Lite filter predicates translated to SQL, so that a large result is filtered by DuckDB before
 * it is aggregated there. Only the field predicates whose meaning is the same in both worlds are
 * translated; anything else (expressions, selections, dates, time units) returns null and the view is
 * not pushed down.
 */
import type { ValueKind } from '../engine/values';
import { ident, lit } from '../analytics/sql';
import { isObject } from './json';

const NUMERIC: readonly ValueKind[] = ['integer', 'number'];

/** A literal of the column's kind, or null when JavaScript's === would compare differently. */
function literal(value: unknown, kind: ValueKind): string | null {
  if (typeof value === 'number' && NUMERIC.includes(kind) && Number.isFinite(value)) return lit(value);
  if (typeof value === 'string' && kind === 'string') return lit(value);
  if (typeof value === 'boolean' && kind === 'boolean') return lit(value);
  return null;
}

/**
 * Every leaf is `coalesce(…, FALSE)`: in JavaScript a comparison with null is false, never unknown,
 * so `not` must keep the rows SQL's three-valued logic would drop.
 */
const leaf = (sql: string) => `coalesce(${sql}, FALSE)`;

function fieldSql(p: Record<string, unknown>, kinds: ReadonlyMap<string, ValueKind>): string | null {
  if (typeof p.field !== 'string' || 'timeUnit' in p) return null;
  const kind = kinds.get(p.field);
  if (!kind) return null;
  const col = ident(p.field);
  const numeric = NUMERIC.includes(kind);
  if ('equal' in p) {
    const l = literal(p.equal, kind);
    return l === null ? null : leaf(`${col} = ${l}`);
  }
  const list = 'oneOf' in p ? p.oneOf : 'in' in p ? p.in : undefined;
  if (list !== undefined) {
    if (!Array.isArray(list)) return null;
    const items = list.map((v: unknown) => literal(v, kind));
    if (items.includes(null)) return null;
    return items.length === 0 ? 'FALSE' : leaf(`${col} IN (${items.join(', ')})`);
  }
  if ('valid' in p && typeof p.valid === 'boolean') {
    // isValid(x) && isFinite(+x): text is +'abc' = NaN, so only numbers, dates and booleans translate.
    let valid: string;
    if (numeric) valid = `${col} IS NOT NULL AND isfinite(CAST(${col} AS DOUBLE))`;
    else if (kind === 'date' || kind === 'timestamp' || kind === 'boolean') valid = `${col} IS NOT NULL`;
    else return null;
    return p.valid ? `(${valid})` : `(NOT (${valid}))`;
  }
  // Order comparisons only on numbers: JavaScript compares text by UTF-16 units and takes null as 0.
  if (!numeric) return null;
  const num = `coalesce(CAST(${col} AS DOUBLE), 0)`;
  const cmp = (op: string, v: unknown) => {
    const l = literal(v, kind);
    return l === null ? null : leaf(`${num} ${op} ${l}`);
  };
  if ('lt' in p) return cmp('<', p.lt);
  if ('lte' in p) return cmp('<=', p.lte);
  if ('gt' in p) return cmp('>', p.gt);
  if ('gte' in p) return cmp('>=', p.gte);
  if ('range' in p) {
    if (!Array.isArray(p.range) || p.range.length !== 2) return null;
    let [lo, hi] = p.range as unknown[];
    // Vega's inrange() accepts the bounds in either order.
    if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) [lo, hi] = [hi, lo];
    const parts = [lo == null ? 'TRUE' : cmp('>=', lo), hi == null ? 'TRUE' : cmp('<=', hi)];
    return parts.includes(null) ? null : `(${parts.join(' AND ')})`;
  }
  return null;
}

/** SQL for a filter predicate over columns of the given kinds, or null if it cannot be translated. */
export function predicateSql(pred: unknown, kinds: ReadonlyMap<string, ValueKind>): string | null {
  if (!isObject(pred)) return null;
  if ('and' in pred || 'or' in pred) {
    const parts = pred.and ?? pred.or;
    if (!Array.isArray(parts) || parts.length === 0) return null;
    const sql = parts.map((x) => predicateSql(x, kinds));
    return sql.includes(null) ? null : `(${sql.join('and' in pred ? ' AND ' : ' OR ')})`;
  }
  if ('not' in pred) {
    const inner = predicateSql(pred.not, kinds);
    return inner === null ? null : `(NOT ${inner})`;
  }
  return fieldSql(pred, kinds);
}
