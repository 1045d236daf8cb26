/**
 * The guard between a cell and the user's data: before a cell's statements run, it finds those that
 * destroy or rewrite an imported or model table, asks the user through the runner's hook
 * (`RunnerOptions.confirmDestructive`), and keeps the previous version of each in the bin (store/bin.ts)
 * as part of the cell's own transaction — a cell that fails afterwards takes its bin entries back with it.
 *
 * What is protected, by schema (catalog/schemas.ts):
 * - `main`, `mapped`, `demo`: the user's imports and tables, the model's data built from them, the demo.
 *   DROP, DELETE, TRUNCATE, UPDATE, MERGE, ALTER, CREATE OR REPLACE over them ask first and keep the
 *   previous version. So do INSERT and COPY … FROM: an imported table is the record of one export (its
 *   row count and SHA-256 are kept with the import, and the model de-duplicates exports by import), and
 *   `mapped` tables are rebuilt from the imports, so rows added from a cell make a table say what no file
 *   said, or vanish at the next import. A RENAME asks too (templates and the model find tables by name)
 *   but keeps nothing: no data is lost.
 * - `model`: refused. Its views are Longtail's wiring, rebuilt from the data choice (demo or the user's
 *   imports) at every start, import and switch: dropping or replacing one would change nothing lasting
 *   and break every notebook until then. The data lives in `mapped` and `demo`, and in the user's tables.
 * - `longtail` (bookkeeping) and the hidden `__longtail_` names (the bin, loads in progress): refused.
 * - `cells` (cell results) and schemas the user made: free.
 * Statements that change which schema a bare name means (SET search_path, SET schema, USE) are refused:
 * the guard and every cell rely on Longtail's search path.
 *
 * Which operation a statement performs is DuckDB's word where the statement binds (EXPLAIN's root
 * operator, for statements the reader does not recognise, and EXECUTE); which table it targets comes
 * from statement-shape.ts (DuckDB's `getTableNames` names no target for DROP, ALTER or CREATE); which
 * relation a name means comes from DuckDB's catalog along the search path; whether a replacing statement
 * reads the table it replaces is DuckDB's `getTableNames` again.
 */
import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { BOOKKEEPING_SCHEMA, DEMO_SCHEMA, MAPPED_SCHEMA, MODEL_SCHEMA, RESULTS_SCHEMA, USER_SCHEMA, isInternalName } from '../catalog/schemas';
import { qualified, rowsOf } from '../sql/quote';
import { i18nFor, type I18n } from '../i18n/i18n';
import { english, said, sayIn, type Said } from '../i18n/said';
import { inputError } from '../i18n/said-error';
import { copyToBin, moveToBin, type BinEntry } from '../store/bin';
import { statementShape, type StatementShape } from './statement-shape';

export type ChangeAction = 'drop' | 'delete' | 'truncate' | 'update' | 'merge' | 'insert' | 'copy-from' | 'alter' | 'replace' | 'rename';

/** One statement's change to a protected table or view, as the user is asked about it. */
export interface ProtectedChange {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  action: ChangeAction;
  /** Rows the table holds now; null for a view. */
  rows: number | null;
  /** The statement, as written in the cell. */
  statement: string;
  /** A rename's new name. */
  renamedTo?: string;
  /** How its current version is kept: moved to the bin, copied there first, or nothing to keep (a rename). */
  keep: 'move' | 'copy' | 'none';
}

/** Asks the user whether these changes may happen; resolves true to run the cell. */
export type ConfirmDestructive = (changes: readonly ProtectedChange[]) => Promise<boolean>;

/** A statement as the cell will run it: its text, the SQL sent (parameters renumbered) and their values. */
export interface GuardedStatement {
  text: string;
  sql: string;
  values: readonly unknown[];
}

/** Schemas whose tables are the user's data: changing them asks first and keeps the previous version. */
const PROTECTED = new Set([USER_SCHEMA, MAPPED_SCHEMA, DEMO_SCHEMA]);
/** Longtail's own schemas: never dropped from a cell. */
const OWN_SCHEMAS = new Set([USER_SCHEMA, MODEL_SCHEMA, DEMO_SCHEMA, MAPPED_SCHEMA, RESULTS_SCHEMA, BOOKKEEPING_SCHEMA]);

interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  /** For a relation an earlier statement of the cell renames: its name before the cell runs. */
  before?: string;
}

/** What DuckDB's catalog says, once per cell run. */
interface Catalog {
  database: string;
  defaultSchema: string;
  searchPath: string[];
  schemas: Set<string>;
  /** By lower-cased `schema.name`; temporary ones under `temp.name`. */
  relations: Map<string, Relation>;
}

const key = (schema: string, name: string) => `${schema.toLowerCase()}.${name.toLowerCase()}`;

async function readCatalog(engine: Engine): Promise<Catalog> {
  const where = rowsOf(await engine.query(`SELECT current_database() AS db, current_schema() AS s, current_setting('search_path') AS p`))[0]!;
  const schemas = rowsOf(await engine.query(`SELECT schema_name AS s FROM duckdb_schemas() WHERE database_name = current_database()`));
  const rels = rowsOf(
    await engine.query(
      `SELECT schema_name AS s, table_name AS n, 'table' AS k, temporary AS t FROM duckdb_tables() WHERE database_name = current_database() OR temporary
       UNION ALL
       SELECT schema_name, view_name, 'view', temporary FROM duckdb_views() WHERE (database_name = current_database() OR temporary) AND NOT internal`,
    ),
  );
  const relations = new Map<string, Relation>();
  for (const r of rels) {
    const rel: Relation = { schema: String(r.s), name: String(r.n), kind: r.k === 'view' ? 'view' : 'table' };
    relations.set(r.t ? key('temp', rel.name) : key(rel.schema, rel.name), rel);
  }
  const path = String(where.p ?? '')
    .split(',')
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .map((s) => s.slice(s.lastIndexOf('.') + 1))
    .filter(Boolean);
  return {
    database: String(where.db),
    defaultSchema: String(where.s),
    searchPath: path.length ? path : [String(where.s)],
    schemas: new Set(schemas.map((s) => String(s.s).toLowerCase())),
    relations,
  };
}

interface Resolved {
  /** null: another database, or a temporary object — not the workspace's. */
  schema: string | null;
  name: string;
  existing: Relation | null;
}

/** Which relation a name written in a statement means, as DuckDB resolves it. */
function resolve(c: Catalog, parts: readonly string[], creating: boolean, renamed: Map<string, Relation>): Resolved {
  const name = parts[parts.length - 1]!;
  const at = (schema: string): Resolved => ({ schema, name, existing: c.relations.get(key(schema, name)) ?? renamed.get(key(schema, name)) ?? null });
  if (parts.length >= 3) return parts[0]!.toLowerCase() === c.database.toLowerCase() ? at(parts[1]!) : { schema: null, name, existing: null };
  if (parts.length === 2) {
    const first = parts[0]!.toLowerCase();
    if (c.schemas.has(first)) return at([...c.schemas].find((s) => s === first) ?? parts[0]!);
    if (first === c.database.toLowerCase()) return at(c.defaultSchema);
    return { schema: null, name, existing: null };
  }
  if (creating) return at(c.defaultSchema);
  if (c.relations.has(key('temp', name))) return { schema: null, name, existing: null };
  for (const schema of c.searchPath) {
    const r = at(schema);
    if (r.existing) return r;
  }
  return at(c.defaultSchema);
}

const shown = (schema: string, name: string) => (schema.toLowerCase() === USER_SCHEMA ? name : `${schema}.${name}`);

/** Refuses the statement: the cell shows why and what to do, in the reader's language. */
function refuse(message: Said, hint: Said): never {
  throw inputError(message, hint);
}

function refuseModel(name: string): never {
  refuse(said('core.notebook.guard.model', { name: shown(MODEL_SCHEMA, name) }), said('core.notebook.guard.model_hint'));
}

function refuseOwn(what: string): never {
  refuse(said('core.notebook.guard.own', { name: what }), said('core.notebook.guard.own_hint'));
}

/** The root operator of DuckDB's plan for the statement (DELETE, INSERT, DROP…), or null when it does not bind. */
async function planRoot(engine: Engine, s: GuardedStatement): Promise<string | null> {
  try {
    const t = await engine.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.values);
    const plan = JSON.parse(String(rowsOf(t)[0]?.explain_value ?? '[]')) as { name?: string }[];
    return plan[0]?.name?.trim().toUpperCase() ?? null;
  } catch {
    return null;
  }
}

const WRITES = /^(BATCH_)?(INSERT|DELETE|UPDATE|MERGE|DROP|ALTER|CREATE|COPY_FROM|TRUNCATE)/;

/** Does the statement read `target` (DuckDB's `getTableNames`)? When DuckDB cannot say, assume it does. */
async function readsItself(engine: Engine, s: GuardedStatement, target: Relation): Promise<boolean> {
  try {
    const names = await engine.tableNames(s.sql);
    return names.some((n) => {
      const bare = n.slice(n.lastIndexOf('.') + 1).replace(/^"|"$/g, '').toLowerCase();
      return bare === target.name.toLowerCase();
    });
  } catch {
    return true;
  }
}

interface PlanState {
  catalog: Catalog;
  /** Relations this cell made or already kept: later statements over them change nothing of the user's. */
  fresh: Set<string>;
  /** Protected relations renamed by an earlier statement, by their new `schema.name`. */
  renamed: Map<string, Relation>;
}

/** The change a statement makes to a protected relation, null when none; throws CellInputError for refused ones. */
async function planOne(engine: Engine, s: GuardedStatement, shape: StatementShape, st: PlanState, nested = false): Promise<ProtectedChange | null> {
  const { verb } = shape;
  if (verb === 'search-path') {
    refuse(said('core.notebook.guard.search_path'), said('core.notebook.guard.search_path_hint'));
  }
  if (verb === 'prepare') {
    const inner = shape.prepared ?? { verb: 'none', object: '', target: null };
    const change = await planOne(engine, s, inner, st, true);
    if (change) refuse(said('core.notebook.guard.prepare', { change: changeSaid(change) }), said('core.notebook.guard.prepare_hint'));
    return null;
  }
  if (verb === 'execute' || verb === 'none') {
    if (nested) return null;
    const root = await planRoot(engine, s);
    if (root && WRITES.test(root)) {
      refuse(said(verb === 'execute' ? 'core.notebook.guard.execute' : 'core.notebook.guard.which_table'), said('core.notebook.guard.write_it_hint'));
    }
    return null;
  }
  if (verb === 'drop-schema') {
    const schema = shape.target?.[shape.target.length - 1] ?? '';
    if (OWN_SCHEMAS.has(schema.toLowerCase())) {
      refuse(
        said(schema.toLowerCase() === BOOKKEEPING_SCHEMA ? 'core.notebook.guard.drop_schema_own' : 'core.notebook.guard.drop_schema', { schema }),
        said('core.notebook.guard.drop_schema_hint'),
      );
    }
    return null;
  }
  if (!shape.target) return null;
  if (shape.temporary) return null;
  const creating = verb === 'create' || verb === 'replace';
  const r = resolve(st.catalog, shape.target, creating, st.renamed);
  if (r.schema === null) return null;
  if (isInternalName(r.name) || (shape.renamedTo && isInternalName(shape.renamedTo))) {
    refuse(said('core.notebook.guard.internal'), said('core.notebook.guard.internal_hint'));
  }
  const schema = r.schema.toLowerCase();
  if (schema === BOOKKEEPING_SCHEMA) refuseOwn(`${BOOKKEEPING_SCHEMA}.${r.name}`);
  if (schema === MODEL_SCHEMA) {
    if (verb === 'comment') return null;
    refuseModel(r.name);
  }
  const existing = r.existing;
  const k = key(r.schema, r.name);
  if (verb === 'create') {
    if (!existing) st.fresh.add(k);
    return null;
  }
  if (verb === 'comment' || !existing || !PROTECTED.has(schema) || st.fresh.has(k)) {
    if (verb === 'replace') st.fresh.add(k);
    return null;
  }
  // DROP VIEW over a table (and the like): DuckDB refuses it with its own message.
  const object = shape.object === 'table' || shape.object === 'view' ? shape.object : null;
  if ((verb === 'drop' || verb === 'replace' || verb === 'rename' || verb === 'alter') && object !== existing.kind) return null;
  if (existing.kind === 'view' && verb !== 'drop' && verb !== 'replace' && verb !== 'rename') return null;
  const base = { schema: existing.schema, name: existing.name, kind: existing.kind, statement: s.text };
  const rows = existing.kind === 'table' ? Number(rowsOf(await engine.query(`SELECT count(*) AS n FROM ${qualified(existing.schema, existing.before ?? existing.name)}`))[0]!.n) : null;
  st.fresh.add(k);
  switch (verb) {
    case 'drop':
      return { ...base, rows, action: 'drop', keep: 'move' };
    case 'rename':
      if (shape.renamedTo) st.renamed.set(key(existing.schema, shape.renamedTo), { ...existing, name: shape.renamedTo, before: existing.before ?? existing.name });
      return { ...base, rows, action: 'rename', keep: 'none', ...(shape.renamedTo ? { renamedTo: shape.renamedTo } : {}) };
    case 'replace':
      return { ...base, rows, action: 'replace', keep: existing.kind === 'view' || !(await readsItself(engine, s, existing)) ? 'move' : 'copy' };
    case 'delete':
    case 'truncate':
    case 'update':
    case 'merge':
    case 'insert':
    case 'copy-from':
    case 'alter':
      return { ...base, rows, action: verb, keep: 'copy' };
    default:
      return null;
  }
}

/**
 * For each statement, the change it makes to a protected table (or null). Statements the user may not
 * run from a cell throw a CellInputError that says why and what to do instead; nothing has run then.
 */
export async function planStatements(engine: Engine, statements: readonly GuardedStatement[]): Promise<(ProtectedChange | null)[]> {
  const st: PlanState = { catalog: await readCatalog(engine), fresh: new Set(), renamed: new Map() };
  const out: (ProtectedChange | null)[] = [];
  for (const s of statements) out.push(await planOne(engine, s, statementShape(s.text), st));
  return out;
}

/** A table or view with its row count, when it has one: "table deals (1,204 rows)". */
function counted(what: Said | string, rows: number | null): Said | string {
  return rows === null ? what : said('core.notebook.guard.counted', { what, count: rows });
}

/** One change as said: "drop table deals (1,204 rows)". */
export function changeSaid(c: ProtectedChange): Said {
  const what = said(c.kind === 'view' ? 'core.notebook.guard.view' : 'core.notebook.guard.table', { name: shown(c.schema, c.name) });
  const withRows = counted(what, c.rows);
  switch (c.action) {
    case 'drop':
      return said('core.notebook.guard.change.drop', { what: withRows });
    case 'delete':
      return said('core.notebook.guard.change.delete', { what: withRows });
    case 'truncate':
      return said('core.notebook.guard.change.truncate', { what: withRows });
    case 'update':
    case 'merge':
      return said('core.notebook.guard.change.update', { what: withRows });
    case 'insert':
    case 'copy-from':
      return said('core.notebook.guard.change.insert', { what: withRows });
    case 'alter':
      return said('core.notebook.guard.change.alter', { what: withRows });
    case 'replace':
      return said('core.notebook.guard.change.replace', { what: withRows });
    case 'rename':
      return said('core.notebook.guard.change.rename', { what, to: c.renamedTo ?? said('core.notebook.guard.another_name') });
  }
}

/** One change in words: "drop table deals (1,204 rows)" (in another language: sayIn(t, changeSaid(c))). */
export function describeChange(c: ProtectedChange): string {
  return english(changeSaid(c));
}

/** Said parts as one, `a; b; c`. */
function joinedSaid(parts: readonly Said[]): Said {
  return parts.slice(0, -1).reduceRight((rest, first) => said('core.notebook.guard.list_semicolon', { first, rest }), parts[parts.length - 1]!);
}

/** Asks about the changes; throws a CellInputError when the user declines or nothing can ask. */
export async function confirmChanges(changes: readonly ProtectedChange[], confirm: ConfirmDestructive | undefined): Promise<void> {
  if (changes.length === 0) return;
  if (!confirm) {
    refuse(said('core.notebook.guard.cannot_ask', { changes: joinedSaid(changes.map(changeSaid)) }), said('core.notebook.guard.cannot_ask_hint'));
  }
  if (!(await confirm(changes))) {
    refuse(
      said('core.notebook.guard.declined', { count: changes.length, names: changes.map((c) => shown(c.schema, c.name)).join(', ') }),
      said('core.notebook.guard.declined_hint'),
    );
  }
}

/**
 * Runs one planned statement: first keeps the table's current version in the bin, then runs the
 * statement — except a DROP of a protected table, which *is* the move to the bin. Call it inside the
 * transaction of the statements it belongs to.
 */
export async function runGuarded(engine: Engine, s: GuardedStatement, change: ProtectedChange | null): Promise<{ result: Table | null; kept: BinEntry | null }> {
  if (!change || change.keep === 'none') return { result: await engine.query(s.sql, s.values), kept: null };
  const target = { schema: change.schema, name: change.name, kind: change.kind };
  const why = { reason: change.action === 'rename' ? ('alter' as const) : change.action, statement: change.statement };
  if (change.action === 'drop') return { result: null, kept: await moveToBin(engine, target, why) };
  const kept = change.keep === 'move' ? await moveToBin(engine, target, why) : await copyToBin(engine, target, why);
  return { result: await engine.query(s.sql, s.values), kept };
}

function shownCounted(t: I18n['t'], name: string, rows: number | null): string {
  const c = counted(name, rows);
  return typeof c === 'string' ? c : sayIn(t, c);
}

/** What the cell says after a run that kept versions in the bin, in the language of `t` (English by default). */
export function keptNotice(kept: readonly BinEntry[], t: I18n['t'] = i18nFor('en').t): string | undefined {
  if (kept.length === 0) return undefined;
  const list = kept.map((k) => shownCounted(t, shown(k.schema, k.name), k.rows)).join(', ');
  return t('core.notebook.guard.kept', { list });
}
