/** Reading results back for people: a page of rows, and the whole result as CSV. */
import type { Engine } from '../engine/types';
import { plainRows, type Plain } from '../engine/values';
import { visibleRelations } from '../catalog/relations';

export async function fetchPage(engine: Engine, relation: string, offset: number, limit: number): Promise<Plain[][]> {
  const t = await engine.query(`SELECT * FROM ${relation} LIMIT ${Math.max(0, Math.floor(limit))} OFFSET ${Math.max(0, Math.floor(offset))}`);
  return plainRows(t);
}

let exportCounter = 0;

/** The whole relation as CSV (UTF-8, comma, header, ISO dates), written by DuckDB itself. */
export async function relationCsv(engine: Engine, relation: string): Promise<Uint8Array> {
  const file = `longtail-export-${Date.now()}-${exportCounter++}.csv`;
  await engine.query(`COPY (SELECT * FROM ${relation}) TO '${file}' (HEADER, DELIMITER ',')`);
  try {
    return await engine.copyFileToBuffer(file);
  } finally {
    await engine.dropFile(file).catch(() => undefined);
  }
}

export interface TableInfo {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
}

/**
 * Tables and views a cell can read by name — the user's and the partner model's — not cell results or
 * Longtail's own bookkeeping. Rows are DuckDB's estimate for tables, unknown (NaN) for views.
 */
export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const visible = [...(await visibleRelations(engine, { results: false })).values()];
  if (visible.length === 0) return [];
  const cols = await engine.query(
    `SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() ORDER BY table_name, column_index`,
  );
  const sizes = await engine.query(`SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE database_name = current_database()`);
  const key = (schema: unknown, name: unknown) => `${String(schema)}.${String(name)}`;
  const rows = new Map(sizes.toArray().map((r) => [key(r.schema_name, r.table_name), Number(r.estimated_size)]));
  const byTable = new Map(visible.map((r) => [key(r.schema, r.name), { name: r.name, rows: rows.get(key(r.schema, r.name)) ?? NaN, columns: [] } as TableInfo]));
  for (const r of cols.toArray()) byTable.get(key(r.schema_name, r.table_name))?.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  return [...byTable.values()].sort((a, b) => a.name.localeCompare(b.name));
}
