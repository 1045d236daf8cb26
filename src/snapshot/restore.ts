/**
 * Turns embedded rows back into a DuckDB table. The column types come from the snapshot, which may have
 * been written by anyone: a type is used only when it is one of a known list, else it is derived from
 * the column's kind; names are always quoted and values always written as literals.
 */
import type { Engine } from '../engine/types';
import type { Column, ValueKind } from '../engine/values';
import { ident, lit } from '../sql/quote';
import type { JsonValue } from './payload';

const SAFE_TYPE = /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL\(\d{1,2}, ?\d{1,2}\)|VARCHAR|DATE|TIMESTAMP|TIME)$/i;

const KIND_TYPE: Record<ValueKind, string> = {
  integer: 'BIGINT',
  number: 'DOUBLE',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  time: 'TIME',
  // Nested values come back as their JSON text: without the JSON extension DuckDB cannot parse it back.
  list: 'VARCHAR',
  struct: 'VARCHAR',
  other: 'VARCHAR',
};

const COMPATIBLE: Partial<Record<ValueKind, RegExp>> = {
  integer: /INT/i,
  number: /FLOAT|REAL|DOUBLE|DECIMAL|INT/i,
  string: /VARCHAR/i,
  boolean: /BOOLEAN/i,
  date: /^DATE$/i,
  timestamp: /^TIMESTAMP$/i,
  time: /^TIME$/i,
};

/** The SQL type to restore a column as. */
export function restoredType(c: Column): string {
  const t = c.sqlType.trim();
  if (SAFE_TYPE.test(t) && COMPATIBLE[c.kind]?.test(t)) return t.toUpperCase();
  return KIND_TYPE[c.kind];
}

function literal(v: JsonValue, kind: ValueKind): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    // Timestamps travel as ISO text with a Z; DuckDB's TIMESTAMP reads "YYYY-MM-DD HH:MM:SS.sss".
    if (kind === 'timestamp') return lit(v.replace('T', ' ').replace(/Z$/, ''));
    return lit(v);
  }
  return lit(JSON.stringify(v));
}

/** Column names made unique (a query may return two columns of one name; a table cannot have them). */
export function uniqueNames(columns: readonly Column[]): string[] {
  const seen = new Set<string>();
  return columns.map((c) => {
    let name = c.name || 'column';
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${c.name || 'column'}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

const BATCH = 500;

/** Creates `table` holding `rows`, all or nothing (the caller picks a free name: nothing is replaced). */
export async function restoreTable(engine: Engine, table: string, columns: readonly Column[], rows: readonly JsonValue[][]): Promise<void> {
  const names = uniqueNames(columns);
  const defs = columns.map((c, k) => `${ident(names[k]!)} ${restoredType(c)}`);
  await engine.query('BEGIN TRANSACTION');
  try {
    await engine.query(`CREATE TABLE ${ident(table)} (${defs.length ? defs.join(', ') : '"empty" VARCHAR'})`);
    for (let at = 0; at < rows.length && columns.length; at += BATCH) {
      const values = rows
        .slice(at, at + BATCH)
        .map((r) => `(${columns.map((c, k) => literal(r[k] ?? null, c.kind)).join(', ')})`)
        .join(',\n');
      await engine.query(`INSERT INTO ${ident(table)} VALUES ${values}`);
    }
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
