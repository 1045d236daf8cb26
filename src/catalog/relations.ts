/**
 * Which relations exist and which of them are the user's: the one place that asks DuckDB's catalog.
 * Everything that lists tables (the side panel, the import dialog's name check, the runner's dependency
 * graph, TypeScript cells' variables, the workspace archive) goes through here.
 */
import type { Engine } from '../engine/types';
import { qualified, rowsOf } from '../sql/quote';
import { INTERNAL_PREFIX, RESULTS_SCHEMA, SEARCH_PATH, USER_SCHEMA } from './schemas';

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
}

/** The relation as SQL text: `"schema"."name"`. */
export function relationSql(r: Pick<Relation, 'schema' | 'name'>): string {
  return qualified(r.schema, r.name);
}

/** Tables and views of these schemas (of the workspace database), without Longtail's transient ones. */
export async function relationsIn(engine: Engine, schemas: readonly string[]): Promise<Relation[]> {
  if (schemas.length === 0) return [];
  const list = schemas.map((_, k) => `$${k + 2}`).join(', ');
  const rows = rowsOf(
    await engine.query(
      `SELECT schema_name AS s, table_name AS name, 'table' AS kind FROM duckdb_tables()
         WHERE database_name = current_database() AND NOT temporary AND schema_name IN (${list}) AND NOT starts_with(table_name, $1)
       UNION ALL
       SELECT schema_name, view_name, 'view' FROM duckdb_views()
         WHERE database_name = current_database() AND NOT internal AND NOT temporary AND schema_name IN (${list}) AND NOT starts_with(view_name, $1)
       ORDER BY 1, 2`,
      [INTERNAL_PREFIX, ...schemas],
    ),
  );
  return rows.map((r) => ({ schema: String(r.s), name: String(r.name), kind: r.kind === 'view' ? 'view' : 'table' }));
}

/** The user's own tables and views (schema `main`): what they imported or created. */
export function userRelations(engine: Engine): Promise<Relation[]> {
  return relationsIn(engine, [USER_SCHEMA]);
}

/**
 * What a bare name means in a cell, by lower-cased name: the first relation of that name along the search
 * path (the user's tables, then the partner model, then cell results).
 */
export async function visibleRelations(engine: Engine, options: { results?: boolean } = {}): Promise<Map<string, Relation>> {
  const schemas = SEARCH_PATH.filter((s) => options.results !== false || s !== RESULTS_SCHEMA);
  const all = await relationsIn(engine, schemas);
  const out = new Map<string, Relation>();
  for (const schema of schemas) {
    for (const r of all) if (r.schema === schema && !out.has(r.name.toLowerCase())) out.set(r.name.toLowerCase(), r);
  }
  return out;
}
