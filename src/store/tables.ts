/**
 * The workspace's tables and views as DuckDB holds them (schema `main`): listing with sizes, rename,
 * duplicate, and delete with undo. Views are what import mappings make (a `deals` view over an imported
 * export); they hold no data of their own.
 *
 * A deleted table is renamed, not copied, to a hidden name (the `__longtail_` prefix Longtail uses for
 * its own transient tables): deleting must work when storage is full, and a copy would need as much
 * space again. Undo renames it back; the next start drops what is left (`purgeDeletedTables`). A deleted
 * view is dropped and its definition kept for undo.
 */
import type { Engine } from '../engine/types';
import { ident, INTERNAL_PREFIX, lit } from '../ingest/sql';

export interface TableSummary {
  name: string;
  kind: 'table' | 'view';
  rows: number;
  columns: number;
  /** Bytes of database blocks the table's checkpointed data occupies (0 until it is checkpointed). */
  bytes: number;
}

export interface DeletedTable {
  name: string;
  /** A table's hidden name; '' for a view. */
  hiddenAs: string;
  /** A view's definition (CREATE VIEW …); '' for a table. */
  sql: string;
}

export const DELETED_PREFIX = `${INTERNAL_PREFIX}deleted_`;

const t = (name: string) => `main.${ident(name)}`;

export async function tableNames(engine: Engine): Promise<string[]> {
  const r = await engine.query(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`,
  );
  return r.toArray().map((row) => String(row.table_name)).filter((n) => !n.startsWith(INTERNAL_PREFIX));
}

export interface ViewDefinition {
  name: string;
  /** As DuckDB keeps it: `CREATE VIEW name AS …;`. */
  sql: string;
}

export async function viewDefinitions(engine: Engine): Promise<ViewDefinition[]> {
  const r = await engine.query(
    `SELECT view_name, sql FROM duckdb_views()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY view_name`,
  );
  return r.toArray().map((row) => ({ name: String(row.view_name), sql: String(row.sql) })).filter((v) => !v.name.startsWith(INTERNAL_PREFIX));
}

export async function listTables(engine: Engine): Promise<TableSummary[]> {
  const r = await engine.query(
    `SELECT table_name AS name, 'table' AS kind, column_count FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
     UNION ALL
     SELECT view_name, 'view', (SELECT count(*) FROM duckdb_columns() c WHERE c.database_name = v.database_name AND c.schema_name = 'main' AND c.table_name = v.view_name)
       FROM duckdb_views() v WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
     ORDER BY name`,
  );
  const out: TableSummary[] = [];
  for (const row of r.toArray()) {
    const name = String(row.name);
    if (name.startsWith(INTERNAL_PREFIX)) continue;
    const kind = row.kind === 'view' ? 'view' : 'table';
    // A view that no longer binds (its table was deleted) still belongs in the list, to be deleted.
    const rows = await engine.query(`SELECT count(*) AS n FROM ${t(name)}`).then((c) => Number(c.get(0)!.n), () => NaN);
    out.push({ name, kind, rows, columns: Number(row.column_count), bytes: kind === 'table' ? await tableBytes(engine, name) : 0 });
  }
  return out;
}

async function kindOf(engine: Engine, name: string): Promise<'table' | 'view'> {
  return (await viewDefinitions(engine)).some((v) => v.name === name) ? 'view' : 'table';
}

/**
 * Distinct blocks holding the table's persistent segments, times the block size. Small segments of
 * several tables can share a block, so this is an upper bound, close for any table worth deleting.
 */
async function tableBytes(engine: Engine, name: string): Promise<number> {
  const info = `pragma_storage_info(${lit(`main.${ident(name)}`)})`;
  const r = await engine.query(
    `SELECT count(DISTINCT b) AS blocks FROM (
       SELECT block_id AS b FROM ${info} WHERE persistent
       UNION ALL SELECT unnest(additional_block_ids) FROM ${info} WHERE persistent) WHERE b IS NOT NULL`,
  );
  return Number(r.get(0)!.blocks) * (await blockSize(engine));
}

async function blockSize(engine: Engine): Promise<number> {
  const r = await engine.query(`SELECT block_size FROM pragma_database_size() WHERE database_name = current_database()`);
  return Number(r.get(0)?.block_size ?? 0) || 262_144;
}

/** Why a table cannot take `name`, or null. */
export function tableNameProblem(name: string, existing: readonly string[], self?: string): string | null {
  if (!name.trim()) return 'Give the table a name.';
  if (name !== name.trim()) return 'A name cannot start or end with a space.';
  if (name.length > 63) return 'Use a name of at most 63 characters.';
  if (/[\u0000-\u001f"]/.test(name)) return 'A name cannot contain double quotes or control characters.';
  if (name.toLowerCase().startsWith(INTERNAL_PREFIX)) return `Names starting with ${INTERNAL_PREFIX} are Longtail's own.`;
  const clash = existing.find((e) => e.toLowerCase() === name.toLowerCase() && e !== self);
  if (clash) return `A table named ${clash} already exists.`;
  return null;
}

function freeName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((e) => e.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}_${k}`.toLowerCase())) return `${base}_${k}`;
}

export async function renameTable(engine: Engine, from: string, to: string): Promise<void> {
  const problem = tableNameProblem(to, await relationNames(engine), from);
  if (problem) throw new Error(problem);
  await engine.query(`ALTER ${(await kindOf(engine, from)) === 'view' ? 'VIEW' : 'TABLE'} ${t(from)} RENAME TO ${ident(to)}`);
}

async function relationNames(engine: Engine): Promise<string[]> {
  return [...(await tableNames(engine)), ...(await viewDefinitions(engine)).map((v) => v.name)];
}

/** Copies a table to `<name>_copy` (or `_copy_2`…); returns the new name. */
export async function duplicateTable(engine: Engine, name: string): Promise<string> {
  const copy = freeName(`${name}_copy`, await relationNames(engine));
  await engine.query(`CREATE TABLE ${t(copy)} AS SELECT * FROM ${t(name)}`);
  return copy;
}

let deletions = 0;

export async function deleteTable(engine: Engine, name: string): Promise<DeletedTable> {
  const view = (await viewDefinitions(engine)).find((v) => v.name === name);
  if (view) {
    await engine.query(`DROP VIEW ${t(name)}`);
    return { name, hiddenAs: '', sql: view.sql };
  }
  deletions += 1;
  const hiddenAs = `${DELETED_PREFIX}${Date.now().toString(36)}_${deletions}`;
  await engine.query(`ALTER TABLE ${t(name)} RENAME TO ${ident(hiddenAs)}`);
  return { name, hiddenAs, sql: '' };
}

/** Brings a deleted table back, under its name or, if that was taken since, the next free one. */
export async function restoreTable(engine: Engine, deleted: DeletedTable): Promise<string> {
  if (deleted.sql) {
    if ((await relationNames(engine)).some((n) => n.toLowerCase() === deleted.name.toLowerCase())) {
      throw new Error(`${deleted.name} cannot come back: another table or view took its name.`);
    }
    await engine.query(deleted.sql);
    return deleted.name;
  }
  const name = freeName(deleted.name, await relationNames(engine));
  await engine.query(`ALTER TABLE ${t(deleted.hiddenAs)} RENAME TO ${ident(name)}`);
  return name;
}

/** Drops deleted tables for good: one, or all of them (at start). */
export async function purgeDeletedTables(engine: Engine, only?: DeletedTable): Promise<void> {
  if (only && !only.hiddenAs) return;
  const r = await engine.query(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND starts_with(table_name, $1)`,
    [DELETED_PREFIX],
  );
  for (const row of r.toArray()) {
    const name = String(row.table_name);
    if (!only || only.hiddenAs === name) await engine.query(`DROP TABLE IF EXISTS ${t(name)}`);
  }
}
