/**
 * The workspace's tables and views as DuckDB holds them (schema `main`): listing with sizes, rename,
 * duplicate, and delete with undo. Views are what import mappings make (a `deals` view over an imported
 * export); they hold no data of their own.
 *
 * A deleted table or view goes to the bin (bin.ts): renamed, not copied, to a hidden name — deleting
 * must work when storage is full, and a copy would need as much space again. Undo restores it from the
 * bin; it stays there until the user empties the bin.
 */
import type { Engine } from '../engine/types';
import { ident, lit } from '../sql/quote';
import { INTERNAL_PREFIX, USER_SCHEMA } from '../catalog/schemas';
import { userRelations } from '../catalog/relations';
import { BIN_PREFIX, dropUnlabelled, emptyBin, moveToBin, restoreFromBin } from './bin';
import { i18nFor, type I18n } from '../i18n';

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
  /** Its hidden name in the bin (schema main). */
  hiddenAs: string;
  /** A view's definition (CREATE VIEW …); '' for a table. */
  sql: string;
}

export const DELETED_PREFIX = BIN_PREFIX;

const t = (name: string) => `main.${ident(name)}`;

export async function tableNames(engine: Engine): Promise<string[]> {
  return (await userRelations(engine)).filter((r) => r.kind === 'table').map((r) => r.name);
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
  const relations = await userRelations(engine);
  const counts = await engine.query(
    `SELECT table_name, count(*) AS n FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 GROUP BY ALL`,
    [USER_SCHEMA],
  );
  const columns = new Map(counts.toArray().map((r) => [String(r.table_name), Number(r.n)]));
  const out: TableSummary[] = [];
  for (const { name, kind } of relations) {
    // A view that no longer binds (its table was deleted) still belongs in the list, to be deleted.
    const rows = await engine.query(`SELECT count(*) AS n FROM ${t(name)}`).then((c) => Number(c.get(0)!.n), () => NaN);
    out.push({ name, kind, rows, columns: columns.get(name) ?? 0, bytes: kind === 'table' ? await tableBytes(engine, name) : 0 });
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
export function tableNameProblem(name: string, existing: readonly string[], self?: string, say: I18n['t'] = i18nFor('en').t): string | null {
  if (!name.trim()) return say('core.app.table_name.empty');
  if (name !== name.trim()) return say('core.app.name.spaces');
  if (name.length > 63) return say('core.app.name.too_long', { max: 63 });
  if (/[\u0000-\u001f"]/.test(name)) return say('core.app.table_name.characters');
  if (name.toLowerCase().startsWith(INTERNAL_PREFIX)) return say('core.app.table_name.internal', { prefix: INTERNAL_PREFIX });
  const clash = existing.find((e) => e.toLowerCase() === name.toLowerCase() && e !== self);
  if (clash) return say('core.app.table_name.taken', { name: clash });
  return null;
}

function freeName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((e) => e.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}_${k}`.toLowerCase())) return `${base}_${k}`;
}

/** Renames a table or view; a name it cannot take throws, with the reason in `say`'s language (English by default). */
export async function renameTable(engine: Engine, from: string, to: string, say: I18n['t'] = i18nFor('en').t): Promise<void> {
  const problem = tableNameProblem(to, await relationNames(engine), from, say);
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

export async function deleteTable(engine: Engine, name: string): Promise<DeletedTable> {
  const view = (await viewDefinitions(engine)).find((v) => v.name === name);
  const entry = await moveToBin(engine, { schema: USER_SCHEMA, name, kind: view ? 'view' : 'table' }, { reason: 'deleted' });
  return { name, hiddenAs: entry.hiddenAs, sql: view?.sql ?? '' };
}

/**
 * Brings a deleted table back under its name; if another took that name since, that one goes to the
 * bin in exchange (bin.ts). Returns the name.
 */
export async function restoreTable(engine: Engine, deleted: DeletedTable): Promise<string> {
  const { restored } = await restoreFromBin(engine, { schema: USER_SCHEMA, hiddenAs: deleted.hiddenAs });
  return restored.name;
}

/**
 * Drops deleted tables for good: the one given; without one (at start), only hidden tables that are in
 * no bin (left by versions of Longtail before the bin) — the bin itself is kept until the user empties it.
 */
export async function purgeDeletedTables(engine: Engine, only?: DeletedTable): Promise<void> {
  if (only) await emptyBin(engine, [{ schema: USER_SCHEMA, hiddenAs: only.hiddenAs }]);
  else await dropUnlabelled(engine);
}
