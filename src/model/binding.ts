/**
 * The partner model, bound: where each model table (`deals`, `partners`…) comes from — the demo, the
 * user's mapped imports, derived from another table, or nowhere yet — and the views in schema `model`
 * that every notebook reads. The same notebook therefore runs on the demo or on the user's data with no
 * edit, and the two are never mixed: in "my data", a table the user has not brought is missing (its
 * cells say so), never borrowed from the demo.
 *
 * The user's side is materialised in schema `mapped`: for each model table, the rows of every import
 * mapped onto it, in the model's columns and types, monthly exports appended and de-duplicated on the
 * table's key (the latest import of a key wins; without a key, whole rows are compared, so identical
 * rows of one export are all kept). Materialised rather than a view over the imports: analyses read
 * these tables again and again, and the casts and stage mapping are paid once, at import.
 */
import type { Engine } from '../engine/types';
import { BOOKKEEPING_SCHEMA, DEMO_SCHEMA, MAPPED_SCHEMA, MODEL_SCHEMA } from '../catalog/schemas';
import { relationsIn } from '../catalog/relations';
import { columnsOf } from '../ingest/catalog';
import { buildViewSelect, type Mapping } from '../ingest/mapping';
import { ident, qualified, rowsOf } from '../sql/quote';
import { describingColumns, MODEL_TABLES, modelTable, ownColumns, type ModelTableName } from './tables';

/** Which data the notebooks read: the demo's, or the user's own. */
export type DataChoice = 'demo' | 'mine';

export interface BoundImport {
  table: ModelTableName;
  /** The user's table the import created (schema main). */
  sourceTable: string;
  importId: number;
  mapping: Mapping;
  addedAt: string;
}

const ready = new WeakSet<Engine>();

/** Creates the model's schemas and bookkeeping once per engine. */
export async function ensureModel(engine: Engine): Promise<void> {
  if (ready.has(engine)) return;
  await engine.query(`
    CREATE SCHEMA IF NOT EXISTS ${MODEL_SCHEMA};
    CREATE SCHEMA IF NOT EXISTS ${MAPPED_SCHEMA};
    CREATE SCHEMA IF NOT EXISTS ${DEMO_SCHEMA};
    CREATE SCHEMA IF NOT EXISTS ${BOOKKEEPING_SCHEMA};
    CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.model_imports (
      model_table VARCHAR NOT NULL,
      source_table VARCHAR NOT NULL,
      import_id INTEGER NOT NULL,
      mapping VARCHAR NOT NULL,
      added_at TIMESTAMP NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.settings (key VARCHAR NOT NULL, value VARCHAR NOT NULL);`);
  ready.add(engine);
}

export async function boundImports(engine: Engine, table?: ModelTableName): Promise<BoundImport[]> {
  await ensureModel(engine);
  const rows = rowsOf(
    await engine.query(
      `SELECT model_table, source_table, import_id, mapping, CAST(added_at AS VARCHAR) AS added_at FROM ${BOOKKEEPING_SCHEMA}.model_imports
       ${table ? 'WHERE model_table = $1' : ''} ORDER BY import_id, source_table`,
      table ? [table] : [],
    ),
  );
  return rows.map((r) => ({
    table: r.model_table as ModelTableName,
    sourceTable: String(r.source_table),
    importId: Number(r.import_id),
    mapping: JSON.parse(String(r.mapping)) as Mapping,
    addedAt: String(r.added_at),
  }));
}

async function setting(engine: Engine, key: string): Promise<string | null> {
  await ensureModel(engine);
  const rows = rowsOf(await engine.query(`SELECT value FROM ${BOOKKEEPING_SCHEMA}.settings WHERE key = $1`, [key]));
  return rows[0] ? String(rows[0].value) : null;
}

async function setSetting(engine: Engine, key: string, value: string): Promise<void> {
  await engine.query(`DELETE FROM ${BOOKKEEPING_SCHEMA}.settings WHERE key = $1`, [key]);
  await engine.query(`INSERT INTO ${BOOKKEEPING_SCHEMA}.settings VALUES ($1, $2)`, [key, value]);
}

/** The user's choice; before any choice, their own data as soon as they mapped something, else the demo. */
export async function dataChoice(engine: Engine): Promise<DataChoice> {
  const saved = await setting(engine, 'data');
  if (saved === 'demo' || saved === 'mine') return saved;
  return (await boundImports(engine)).length > 0 ? 'mine' : 'demo';
}

/** Switches every notebook to the demo or to the user's data, in one transaction. */
export async function setDataChoice(engine: Engine, choice: DataChoice): Promise<void> {
  await ensureModel(engine);
  await inTransaction(engine, async () => {
    await setSetting(engine, 'data', choice);
    await writeViews(engine, choice);
  });
}

async function inTransaction(engine: Engine, fn: () => Promise<void>): Promise<void> {
  await engine.query('BEGIN TRANSACTION');
  try {
    await fn();
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** The model table's rows as the user's imports give them (or null when none is mapped onto it). */
function mappedRelation(table: ModelTableName): string {
  return qualified(MAPPED_SCHEMA, table);
}

/** How each model table is defined for a choice: a SELECT, or null when the table is missing. */
export async function modelDefinitions(engine: Engine, choice: DataChoice): Promise<Map<ModelTableName, { sql: string; source: 'demo' | 'imports' | 'derived' }>> {
  const out = new Map<ModelTableName, { sql: string; source: 'demo' | 'imports' | 'derived' }>();
  if (choice === 'demo') {
    const demo = new Set((await relationsIn(engine, [DEMO_SCHEMA])).map((r) => r.name.toLowerCase()));
    for (const t of MODEL_TABLES) if (demo.has(t.name)) out.set(t.name, { sql: `SELECT * FROM ${qualified(DEMO_SCHEMA, t.name)}`, source: 'demo' });
    return out;
  }
  const mapped = new Set((await relationsIn(engine, [MAPPED_SCHEMA])).map((r) => r.name.toLowerCase()));
  const bound = new Set((await boundImports(engine)).map((b) => b.table));
  for (const t of MODEL_TABLES) {
    if (!mapped.has(t.name)) continue;
    const source = bound.has(t.name) ? 'imports' : 'derived';
    out.set(t.name, { sql: `SELECT * EXCLUDE (_import) FROM ${mappedRelation(t.name)}`, source });
  }
  return out;
}

async function writeViews(engine: Engine, choice: DataChoice): Promise<void> {
  const defs = await modelDefinitions(engine, choice);
  for (const t of MODEL_TABLES) {
    await engine.query(`DROP VIEW IF EXISTS ${qualified(MODEL_SCHEMA, t.name)}`);
    const def = defs.get(t.name);
    if (def) await engine.query(`CREATE VIEW ${qualified(MODEL_SCHEMA, t.name)} AS ${def.sql}`);
  }
}

/** Rewrites the model's views for the current choice (at start, after a workspace import…). */
export async function refreshModel(engine: Engine): Promise<DataChoice> {
  await ensureModel(engine);
  const choice = await dataChoice(engine);
  await inTransaction(engine, () => writeViews(engine, choice));
  return choice;
}

/**
 * The rows of one import in the model's columns, with the import's id: the mapping's SELECT over the
 * user's table, or null when that table is gone.
 */
async function importSelect(engine: Engine, b: BoundImport): Promise<string | null> {
  const source = await columnsOf(engine, b.sourceTable);
  if (source.length === 0) return null;
  return `SELECT *, ${b.importId} AS _import FROM (${buildViewSelect(b.sourceTable, source, b.mapping)})`;
}

/** Key columns when every import maps all of them; else the table's own columns (whole rows). */
function dedupKey(table: ModelTableName, imports: readonly BoundImport[]): string[] {
  const key = modelTable(table)!.key;
  if (key.length > 0 && imports.every((b) => key.every((k) => b.mapping.columns[k]))) return [...key];
  return ownColumns(table).map((c) => c.name);
}

/**
 * Rebuilds `mapped.<table>` from the imports mapped onto it (and `mapped.partners` when partners are
 * derived from the deals). An import whose table the user has since deleted is left out: its rows go
 * with its table.
 */
export async function rebuildMapped(engine: Engine, table: ModelTableName): Promise<void> {
  await ensureModel(engine);
  const imports = await boundImports(engine, table);
  const selects = (await Promise.all(imports.map((b) => importSelect(engine, b)))).filter((s): s is string => s !== null);
  const target = mappedRelation(table);
  if (selects.length === 0) {
    await engine.query(`DROP TABLE IF EXISTS ${target}`);
  } else if (selects.length === 1) {
    await engine.query(`CREATE OR REPLACE TABLE ${target} AS ${selects[0]}`);
  } else {
    const union = selects.map((s) => `(${s})`).join(' UNION ALL BY NAME ');
    const key = dedupKey(table, imports).map(ident).join(', ');
    // The latest import holding a key wins; rows of one import are never merged with each other.
    await engine.query(
      `CREATE OR REPLACE TABLE ${target} AS SELECT * EXCLUDE (_latest) FROM (SELECT *, max(_import) OVER (PARTITION BY ${key}) AS _latest FROM (${union})) WHERE _import = _latest`,
    );
  }
  for (const t of MODEL_TABLES) if (t.derivedFrom === table) await rebuildDerived(engine, t.name);
}

/** `partners` from the deals when no partner export is mapped: distinct partner_id, with what deals say of them. */
async function rebuildDerived(engine: Engine, table: ModelTableName): Promise<void> {
  const from = modelTable(table)!.derivedFrom!;
  if ((await boundImports(engine, table)).length > 0) return; // imported: not derived
  const source = mappedRelation(from);
  const exists = (await relationsIn(engine, [MAPPED_SCHEMA])).some((r) => r.name === from);
  if (!exists) {
    await engine.query(`DROP TABLE IF EXISTS ${mappedRelation(table)}`);
    return;
  }
  await engine.query(`CREATE OR REPLACE TABLE ${mappedRelation(table)} AS ${derivedSelect(table, source)}`);
}

/**
 * The derivation: one row per partner_id; each described column takes the value of the partner's latest
 * deal that has one (by close date). The name falls back to the id (exports often name partners by name
 * only). Columns the deals do not describe are NULL — never filled from anywhere else.
 */
export function derivedSelect(table: ModelTableName, source: string): string {
  const described = new Map(describingColumns(modelTable(table)!.derivedFrom!, table).map((c) => [c.describes!.column, c.name]));
  const cols = ownColumns(table).map((c) => {
    if (c.name === 'partner_id') return 'partner_id';
    const from = described.get(c.name);
    const type = c.type;
    if (!from) return `CAST(NULL AS ${type}) AS ${ident(c.name)}`;
    const latest = `coalesce(arg_max(${ident(from)}, closed_at) FILTER (WHERE ${ident(from)} IS NOT NULL), any_value(${ident(from)}))`;
    return c.name === 'name' ? `coalesce(${latest}, partner_id) AS name` : `${latest} AS ${ident(c.name)}`;
  });
  return `SELECT ${cols.join(', ')}, CAST(NULL AS INTEGER) AS _import FROM ${source} WHERE partner_id IS NOT NULL GROUP BY partner_id ORDER BY partner_id`;
}

/**
 * Maps an import onto a model table: appended to what is there (or replacing the same user table's
 * earlier import), the model rebuilt, and the notebooks switched to the user's data unless they chose
 * the demo on purpose. Checks first that every row converts, so a bad value is reported now and the
 * model is left as it was.
 */
export async function bindImport(engine: Engine, b: Omit<BoundImport, 'addedAt'>): Promise<void> {
  await ensureModel(engine);
  const select = await importSelect(engine, { ...b, addedAt: '' });
  if (!select) throw new Error(`The table ${b.sourceTable} does not exist.`);
  const counts = ownColumns(b.table).map((c) => `count(${ident(c.name)})`).join(', ');
  await engine.query(`SELECT ${counts} FROM (${select})`);
  await inTransaction(engine, async () => {
    await engine.query(`DELETE FROM ${BOOKKEEPING_SCHEMA}.model_imports WHERE model_table = $1 AND lower(source_table) = lower($2)`, [b.table, b.sourceTable]);
    await engine.query(`INSERT INTO ${BOOKKEEPING_SCHEMA}.model_imports VALUES ($1, $2, $3, $4, now()::TIMESTAMP)`, [b.table, b.sourceTable, b.importId, JSON.stringify(b.mapping)]);
    await rebuildMapped(engine, b.table);
    const saved = await setting(engine, 'data');
    if (saved === null) await setSetting(engine, 'data', 'mine');
    await writeViews(engine, await dataChoice(engine));
  });
}

/**
 * Rebuilds every mapped table from the bindings (after a workspace archive brought the user's tables and
 * the bookkeeping, but not the `mapped` copies), then the views.
 */
export async function rebuildAllMapped(engine: Engine): Promise<void> {
  await ensureModel(engine);
  const bound = new Set((await boundImports(engine)).map((b) => b.table));
  await inTransaction(engine, async () => {
    for (const t of MODEL_TABLES) if (bound.has(t.name)) await rebuildMapped(engine, t.name);
    await writeViews(engine, await dataChoice(engine));
  });
}

/** Takes an import out of the model again (its table stays among the user's tables). */
export async function unbindImport(engine: Engine, table: ModelTableName, sourceTable: string): Promise<void> {
  await ensureModel(engine);
  await inTransaction(engine, async () => {
    await engine.query(`DELETE FROM ${BOOKKEEPING_SCHEMA}.model_imports WHERE model_table = $1 AND lower(source_table) = lower($2)`, [table, sourceTable]);
    await rebuildMapped(engine, table);
    await writeViews(engine, await dataChoice(engine));
  });
}

/** The user's tables some model table is built from (deleting one of them asks first). */
export async function modelSources(engine: Engine): Promise<Map<string, ModelTableName[]>> {
  const out = new Map<string, ModelTableName[]>();
  for (const b of await boundImports(engine)) out.set(b.sourceTable.toLowerCase(), [...(out.get(b.sourceTable.toLowerCase()) ?? []), b.table]);
  return out;
}

