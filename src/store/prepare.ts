/**
 * What every start does to a workspace once its database and store are open, in the browser and in
 * the tests alike: a workspace import a crash interrupted is finished or undone, and tables deleted in
 * an earlier session give their space back. The last session's cell results stay: the notebook opened
 * adopts those that still hold (issue 16.1), and `dropResultsExcept` then lets go of the others. Housekeeping writes fail when storage is full, and Longtail must start all the
 * same: each step is best effort.
 */
import type { Engine } from '../engine/types';
import { RESULTS_SCHEMA } from '../catalog/schemas';
import { lit, qualified } from '../sql/quote';
import { plainRows } from '../engine/values';
import { recoverImport } from './archive';
import { purgeDeletedTables } from './tables';
import type { WorkspaceStore } from './workspace-store';

export async function prepareWorkspace(engine: Engine, store: WorkspaceStore): Promise<'none' | 'completed' | 'undone'> {
  const importRecovery = await recoverImport(engine, store).catch(() => 'none' as const);
  await purgeDeletedTables(engine).catch(() => undefined);
  return importRecovery;
}

/** Drops the cell results no cell of the open notebook owns (a crash, another notebook last time). */
export async function dropResultsExcept(engine: Engine, keep: readonly string[]): Promise<void> {
  const kept = new Set(keep.map((n) => n.toLowerCase()));
  const rows = plainRows(await engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = ${lit(RESULTS_SCHEMA)} AND database_name = current_database()`));
  for (const [name] of rows) {
    if (typeof name === 'string' && !kept.has(name.toLowerCase())) await engine.query(`DROP TABLE IF EXISTS ${qualified(RESULTS_SCHEMA, name)}`).catch(() => undefined);
  }
}
