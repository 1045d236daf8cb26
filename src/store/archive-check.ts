/**
 * A workspace archive is someone else's file: before anything of it runs, its manifest is checked for
 * everything that becomes SQL. Tables must live in the schemas Longtail uses, with column types that
 * are type names and nothing more; each view must be one `CREATE VIEW <its name> AS <query>` whose query
 * reads only the archive's own tables and views, and calls no table function (read_text, read_csv,
 * glob, query…), which is how a file or an address would be read. DuckDB's own parser says what the
 * query reads (`tableNames`), and its catalog which functions are table functions.
 */
import type { Engine } from '../engine/types';
import { isQuery, mentionedNames, splitStatements, tokenize, type Token } from '../notebook/sql-text';
import { english, said, type Said } from '../i18n/said';

/** Schemas an archive's tables may live in: the user's tables, and Longtail's import records. */
const SCHEMAS = new Set(['main', 'longtail']);

/** Words that would add something to a column definition besides its type. */
const NOT_IN_A_TYPE = new Set(['default', 'check', 'generated', 'always', 'as', 'references', 'primary', 'key', 'unique', 'not', 'null', 'collate', 'constraint', 'using', 'compression']);

const code = (t: Token) => t.kind !== 'space' && t.kind !== 'comment';
const unquote = (t: Token) => (t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text);

/** True when `type` is a DuckDB type name (INTEGER, DECIMAL(18,2), VARCHAR[], STRUCT("a" INTEGER)…) and nothing else. */
export function isTypeName(type: unknown): boolean {
  if (typeof type !== 'string' || !type.trim() || type.length > 500) return false;
  let depth = 0;
  for (const t of tokenize(type)) {
    if (t.kind === 'space' || t.kind === 'number' || t.kind === 'quoted') continue;
    if (t.kind === 'word' && !NOT_IN_A_TYPE.has(t.text.toLowerCase())) continue;
    if (t.kind === 'punct' && '(),[]'.includes(t.text)) {
      depth += t.text === '(' || t.text === '[' ? 1 : t.text === ')' || t.text === ']' ? -1 : 0;
      if (depth < 0) return false;
      continue;
    }
    return false;
  }
  return depth === 0;
}

export interface ManifestParts {
  tables: readonly { schema: unknown; name: unknown; columns: unknown }[];
  views: readonly { name: unknown; sql: unknown }[];
}

/** Every table and view of the database, in any schema. */
async function catalogNames(engine: Engine): Promise<string[]> {
  const t = await engine.query(`SELECT table_name AS n FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views() WHERE NOT internal`);
  return t.toArray().map((r) => String(r.n));
}

/** Names of table functions (read_csv, glob, query…), from DuckDB's catalog. */
async function tableFunctions(engine: Engine): Promise<Set<string>> {
  const t = await engine.query(`SELECT DISTINCT lower(function_name) AS f FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro', 'pragma')`);
  return new Set(t.toArray().map((r) => String(r.f)));
}

/**
 * Why the view's SQL is refused, or null when it is a single `CREATE VIEW name AS <query>` over
 * `readable` (lower-cased names of the archive's tables and views) calling no table function. Said, so
 * that the reader reads it in their language.
 */
export async function viewRefusal(engine: Engine, name: string, sql: string, readable: ReadonlySet<string>, functions?: ReadonlySet<string>): Promise<Said | null> {
  const statements = splitStatements(sql);
  if (statements.length !== 1) return said('core.store.view.statements', { count: statements.length });
  const statement = statements[0]!;
  const tokens = tokenize(statement).filter(code);
  const words = tokens.map((t) => t.text.toLowerCase());
  let k = 0;
  if (words[k++] !== 'create') return said('core.store.view.not_create_view');
  if (words[k] === 'or' && words[k + 1] === 'replace') k += 2;
  if (words[k++] !== 'view') return said('core.store.view.not_create_view');
  if (words[k + 1] === '.' && words[k] === 'main') k += 2;
  const named = tokens[k++];
  if (!named || (named.kind !== 'word' && named.kind !== 'quoted') || unquote(named) !== name) return said('core.store.view.other_name', { name });
  if (words[k] !== 'as') return said('core.store.view.not_as_select');
  const query = statement.slice(tokens[k]!.start + 2);
  if (!isQuery(query)) return said('core.store.view.not_query');
  const fns = functions ?? (await tableFunctions(engine));
  for (let j = k + 1; j < tokens.length - 1; j++) {
    const t = tokens[j]!;
    if ((t.kind === 'word' || t.kind === 'quoted') && tokens[j + 1]!.text === '(' && fns.has(unquote(t).toLowerCase())) {
      return said('core.store.view.table_function', { name: unquote(t) });
    }
  }
  let reads: string[];
  try {
    reads = await engine.tableNames(query);
  } catch {
    // DuckDB's parser binds views as one-column stand-ins and gives up on views of several columns (the
    // partner model's): then every relation the query names, of the catalog or of the archive, counts.
    const known = [...(await catalogNames(engine)), ...readable];
    reads = mentionedNames(query, known);
    if (reads.length === 0) return said('core.store.view.reads_unknown');
  }
  const foreign = reads.map((r) => r.slice(r.lastIndexOf('.') + 1)).filter((r) => !readable.has(r.toLowerCase()));
  if (foreign.length) return said('core.store.view.reads_foreign', { names: foreign.join(', ') });
  return null;
}

/** viewRefusal in English words. */
export async function viewProblem(engine: Engine, name: string, sql: string, readable: ReadonlySet<string>, functions?: ReadonlySet<string>): Promise<string | null> {
  const problem = await viewRefusal(engine, name, sql, readable, functions);
  return problem && english(problem);
}

/** The problem with the archive's tables and views, said for the user; null when none. */
export async function manifestProblem(engine: Engine, m: ManifestParts): Promise<Said | null> {
  for (const t of m.tables) {
    if (typeof t.name !== 'string' || !t.name) return said('core.store.manifest.table_unnamed');
    if (typeof t.schema !== 'string' || !SCHEMAS.has(t.schema)) return said('core.store.manifest.schema', { name: t.name, schema: String(t.schema) });
    if (!Array.isArray(t.columns)) return said('core.store.manifest.no_columns', { name: t.name });
    for (const c of t.columns as { name?: unknown; type?: unknown }[]) {
      if (typeof c?.name !== 'string' || !isTypeName(c.type)) return said('core.store.manifest.column_type', { column: String(c?.name), name: t.name, type: String(c?.type) });
    }
  }
  const readable = new Set([...m.tables.filter((t) => t.schema === 'main').map((t) => String(t.name)), ...m.views.map((v) => String(v.name))].map((n) => n.toLowerCase()));
  const functions = m.views.length ? await tableFunctions(engine) : new Set<string>();
  for (const v of m.views) {
    if (typeof v.name !== 'string' || !v.name || typeof v.sql !== 'string') return said('core.store.manifest.view_unnamed');
    const problem = await viewRefusal(engine, v.name, v.sql, readable, functions);
    if (problem) return said('core.store.manifest.view_refused', { name: v.name, problem });
  }
  return null;
}
