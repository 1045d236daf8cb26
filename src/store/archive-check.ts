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
 * `readable` (lower-cased names of the archive's tables and views) calling no table function.
 */
export async function viewProblem(engine: Engine, name: string, sql: string, readable: ReadonlySet<string>, functions?: ReadonlySet<string>): Promise<string | null> {
  const statements = splitStatements(sql);
  if (statements.length !== 1) return `it holds ${statements.length} statements where one CREATE VIEW was expected`;
  const statement = statements[0]!;
  const tokens = tokenize(statement).filter(code);
  const words = tokens.map((t) => t.text.toLowerCase());
  let k = 0;
  if (words[k++] !== 'create') return 'it is not a CREATE VIEW statement';
  if (words[k] === 'or' && words[k + 1] === 'replace') k += 2;
  if (words[k++] !== 'view') return 'it is not a CREATE VIEW statement';
  if (words[k + 1] === '.' && words[k] === 'main') k += 2;
  const named = tokens[k++];
  if (!named || (named.kind !== 'word' && named.kind !== 'quoted') || unquote(named) !== name) return `it does not create the view ${name}`;
  if (words[k] !== 'as') return 'it is not of the form CREATE VIEW … AS SELECT …';
  const query = statement.slice(tokens[k]!.start + 2);
  if (!isQuery(query)) return 'its definition is not a query';
  const fns = functions ?? (await tableFunctions(engine));
  for (let j = k + 1; j < tokens.length - 1; j++) {
    const t = tokens[j]!;
    if ((t.kind === 'word' || t.kind === 'quoted') && tokens[j + 1]!.text === '(' && fns.has(unquote(t).toLowerCase())) {
      return `it calls ${unquote(t)}(…), which reads outside the archive's tables`;
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
    if (reads.length === 0) return 'what it reads could not be worked out';
  }
  const foreign = reads.map((r) => r.slice(r.lastIndexOf('.') + 1)).filter((r) => !readable.has(r.toLowerCase()));
  if (foreign.length) return `it reads ${foreign.join(', ')}, which the archive does not hold`;
  return null;
}

/** The problem with the archive's tables and views, in words for the user; null when none. */
export async function manifestProblem(engine: Engine, m: ManifestParts): Promise<string | null> {
  for (const t of m.tables) {
    if (typeof t.name !== 'string' || !t.name) return 'The export lists a table without a name.';
    if (typeof t.schema !== 'string' || !SCHEMAS.has(t.schema)) return `Table ${t.name} is in a schema Longtail does not use (${String(t.schema)}).`;
    if (!Array.isArray(t.columns)) return `Table ${t.name} lists no columns.`;
    for (const c of t.columns as { name?: unknown; type?: unknown }[]) {
      if (typeof c?.name !== 'string' || !isTypeName(c.type)) return `Column ${String(c?.name)} of table ${t.name} has a type Longtail cannot read (${String(c?.type)}).`;
    }
  }
  const readable = new Set([...m.tables.filter((t) => t.schema === 'main').map((t) => String(t.name)), ...m.views.map((v) => String(v.name))].map((n) => n.toLowerCase()));
  const functions = m.views.length ? await tableFunctions(engine) : new Set<string>();
  for (const v of m.views) {
    if (typeof v.name !== 'string' || !v.name || typeof v.sql !== 'string') return 'The export lists a view without a name or a definition.';
    const problem = await viewProblem(engine, v.name, v.sql, readable, functions);
    if (problem) return `The definition of view ${v.name} is refused: ${problem}. Only a SELECT over the archive's own tables can be imported.`;
  }
  return null;
}
