/** Reading a relation's rows for Vega: plain JSON values, dates as epoch milliseconds (UTC days). */
import type { Engine } from '../engine/types';
import { columnsOf, plainObjects, type Column, type Plain } from '../engine/values';

export type Row = Record<string, unknown>;

function jsonValue(v: Plain): unknown {
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}

export async function fetchRows(engine: Engine, sql: string): Promise<Row[]> {
  return plainObjects(await engine.query(sql)).map((r) => jsonValue(r) as Row);
}

export async function countRows(engine: Engine, sql: string): Promise<number> {
  const t = await engine.query(`SELECT count(*) AS n FROM (${sql})`);
  return Number(t.get(0)!.n);
}

export async function relationColumns(engine: Engine, relation: string): Promise<Column[]> {
  return columnsOf(await engine.query(`SELECT * FROM ${relation} LIMIT 0`));
}
