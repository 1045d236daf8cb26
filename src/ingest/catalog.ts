/**
 * The `longtail` schema: records of every import and the saved column mappings, kept in DuckDB itself
 * so they travel and persist with the user's tables; and the one place that swaps a freshly loaded table
 * in under its final name.
 */
import type { Engine } from '../engine/types';
import { ident, rowsOf } from '../sql/quote';
import { userRelations, type Relation } from '../catalog/relations';
import type { FileFormat, ImportRecord, ImportSettings } from './types';

/** Engines whose catalog exists already: the DDL runs once per engine, not once per call. */
const ready = new WeakSet<Engine>();

export async function ensureCatalog(engine: Engine): Promise<void> {
  if (ready.has(engine)) return;
  await engine.query(`
    CREATE SCHEMA IF NOT EXISTS longtail;
    CREATE TABLE IF NOT EXISTS longtail.imports (
      id INTEGER PRIMARY KEY,
      file_name VARCHAR NOT NULL,
      table_name VARCHAR NOT NULL,
      format VARCHAR NOT NULL,
      size BIGINT NOT NULL,
      sha256 VARCHAR NOT NULL,
      row_count BIGINT NOT NULL,
      rejected_count BIGINT NOT NULL,
      settings VARCHAR NOT NULL,
      imported_at TIMESTAMP NOT NULL
    );
    CREATE TABLE IF NOT EXISTS longtail.mappings (
      shape VARCHAR PRIMARY KEY,
      target VARCHAR NOT NULL,
      mapping VARCHAR NOT NULL,
      saved_at TIMESTAMP NOT NULL
    );`);
  ready.add(engine);
}

function toRecord(r: Record<string, unknown>): ImportRecord {
  return {
    id: r.id as number,
    fileName: r.file_name as string,
    tableName: r.table_name as string,
    format: r.format as FileFormat,
    size: r.size as number,
    sha256: r.sha256 as string,
    rowCount: r.row_count as number,
    rejectedCount: r.rejected_count as number,
    settings: JSON.parse(r.settings as string) as ImportSettings,
    importedAt: new Date(r.imported_at as number).toISOString(),
  };
}

export async function recordImport(engine: Engine, rec: Omit<ImportRecord, 'id'>): Promise<ImportRecord> {
  await ensureCatalog(engine);
  const inserted = await engine.query(
    `INSERT INTO longtail.imports
     SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS TIMESTAMP) FROM longtail.imports
     RETURNING id`,
    [rec.fileName, rec.tableName, rec.format, rec.size, rec.sha256, rec.rowCount, rec.rejectedCount, JSON.stringify(rec.settings), rec.importedAt.replace('T', ' ').replace('Z', '')],
  );
  return { id: rowsOf(inserted)[0]!.id as number, ...rec };
}

/** The latest import of a file with this name, if any. */
export async function previousImport(engine: Engine, fileName: string): Promise<ImportRecord | null> {
  await ensureCatalog(engine);
  const rows = rowsOf(await engine.query('SELECT * FROM longtail.imports WHERE file_name = $1 ORDER BY id DESC LIMIT 1', [fileName]));
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Every import, newest first. */
export async function listImports(engine: Engine): Promise<ImportRecord[]> {
  await ensureCatalog(engine);
  return rowsOf(await engine.query('SELECT * FROM longtail.imports ORDER BY id DESC')).map(toRecord);
}

/**
 * For each table name, the import that created its current contents: what the notebook shows as "ran
 * on". Tables not created by an import are absent.
 */
export async function importsForTables(engine: Engine, tables: readonly string[]): Promise<Map<string, ImportRecord>> {
  const out = new Map<string, ImportRecord>();
  if (tables.length === 0) return out;
  await ensureCatalog(engine);
  const wanted = new Set(tables.map((t) => t.toLowerCase()));
  for (const rec of await listImports(engine)) {
    const key = rec.tableName.toLowerCase();
    if (wanted.has(key) && !out.has(key)) out.set(key, rec);
  }
  return new Map([...out].map(([k, v]) => [tables.find((t) => t.toLowerCase() === k)!, v]));
}

export async function columnsOf(engine: Engine, table: string): Promise<{ name: string; type: string }[]> {
  const rows = rowsOf(
    await engine.query(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE schema_name = 'main' AND database_name = current_database() AND table_name = $1 ORDER BY column_index`,
      [table],
    ),
  );
  return rows.map((r) => ({ name: r.name as string, type: r.type as string }));
}

/**
 * Puts `loaded` in place under `target` in one transaction: the previous relation of that name (if the
 * user chose to replace it) disappears only if the new one takes its place.
 */
export async function swapIn(engine: Engine, loaded: string, target: string, relations?: readonly Relation[]): Promise<void> {
  const existing = (relations ?? (await userRelations(engine))).find((r) => r.name.toLowerCase() === target.toLowerCase());
  const rename = `ALTER TABLE ${ident(loaded)} RENAME TO ${ident(target)}`;
  if (!existing) {
    await engine.query(rename); // one statement: atomic by itself
    return;
  }
  await engine.query('BEGIN TRANSACTION');
  try {
    await engine.query(`DROP ${existing.kind === 'view' ? 'VIEW' : 'TABLE'} ${ident(existing.name)}`);
    await engine.query(rename);
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK');
    throw err;
  }
}
