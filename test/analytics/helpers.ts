/**
 * Test helpers for the analytics library: build small tables from literal rows, and read query results
 * as plain objects (dates as `YYYY-MM-DD`, lists as arrays) so expected rows can be written by hand.
 */
import { DataType, type Table } from 'apache-arrow';
import type { Engine } from '../../src/engine/types';
import { ident, lit } from '../../src/analytics/sql';

export type Cell = string | number | boolean | null;
export type Row = Record<string, unknown>;

/** `CREATE OR REPLACE TABLE name (columns)` then one INSERT of `rows` (dates as 'YYYY-MM-DD' strings). */
export async function createTable(engine: Engine, name: string, columns: string, rows: readonly (readonly Cell[])[]): Promise<void> {
  await engine.query(`CREATE OR REPLACE TABLE ${ident(name)} (${columns})`);
  if (rows.length === 0) return;
  const values = rows.map((r) => `(${r.map((v) => lit(v)).join(', ')})`).join(',\n');
  await engine.query(`INSERT INTO ${ident(name)} VALUES ${values}`);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function tableRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const out: Row[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (const f of fields) {
      const v: unknown = table.getChild(f.name)!.get(i);
      if (v == null) row[f.name] = null;
      else if (DataType.isDate(f.type) || DataType.isTimestamp(f.type)) row[f.name] = isoDay(Number(v));
      else if (DataType.isList(f.type)) row[f.name] = Array.from(v as Iterable<unknown>);
      else if (typeof v === 'bigint') row[f.name] = Number(v);
      else row[f.name] = v;
    }
    out.push(row);
  }
  return out;
}

export async function rowsOf(engine: Engine, sql: string): Promise<Row[]> {
  return tableRows(await engine.query(sql));
}

/** Keeps only the listed columns, in that order, so a test states exactly what it checks. */
export function pick<K extends string>(rows: readonly Row[], keys: readonly K[]): Record<K, unknown>[] {
  return rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])) as Record<K, unknown>);
}
