/** Reading results back for people: a page of rows, and the whole result as CSV. */
import type { Engine } from '../engine/types';
import { plainRows, type Plain } from '../engine/values';

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

/** Tables and views the user can query (not cell results or Longtail's own bookkeeping). */
export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const cols = await engine.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const sizes = await engine.query(`SELECT table_name, estimated_size FROM duckdb_tables() WHERE schema_name = 'main'`);
  const rows = new Map(sizes.toArray().map((r) => [String(r.table_name), Number(r.estimated_size)]));
  const byTable = new Map<string, TableInfo>();
  for (const r of cols.toArray()) {
    const name = String(r.table_name);
    let info = byTable.get(name);
    if (!info) {
      info = { name, rows: rows.get(name) ?? NaN, columns: [] };
      byTable.set(name, info);
    }
    info.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  }
  return [...byTable.values()];
}
