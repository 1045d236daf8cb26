/**
 * The page's side of a TypeScript cell's data: the values of the free names it uses (other cells'
 * results as arrays of plain objects, input values as they are), and the answers to its `sql` calls.
 * Copying rows into the worker costs memory twice, so large relations are refused with a pointer to
 * `sql`, which lets the database filter and aggregate first.
 */
import { describeEngineError } from '../../engine/errors';
import { plainObjects } from '../../engine/values';
import { CellInputError, type ExecContext } from '../kinds/context';
import { relationSql, visibleRelations } from '../../catalog/relations';
import { bindTemplate, bindText } from './binding';
import { SCOPE_NAMES } from './protocol';
import type { SqlRequest } from './worker-host';
import { confirmChanges, planStatements, runGuarded, type GuardedStatement } from '../guard';
import type { Engine } from '../../engine/types';
import { i18nFor } from '../../i18n/i18n';
import { errorText, hintText, said } from '../../i18n/said';
import { inputError } from '../../i18n/said-error';

/** Most rows a cell's result (or a table) may have to be handed to TypeScript as a variable. */
export const VARIABLE_ROW_CAP = 100_000;
/** Most rows one `sql` call may return. */
export const SQL_ROW_CAP = 1_000_000;

/** Tables, the partner model and cell results by lower-cased name, resolved as the search path does. */
async function relations(ctx: ExecContext): Promise<Map<string, string>> {
  return new Map([...(await visibleRelations(ctx.engine))].map(([k, r]) => [k, relationSql(r)]));
}

/** Values for the free names of a cell that are inputs, cell results or tables; other names stay unbound. */
export async function scopeValues(ctx: ExecContext, free: readonly string[]): Promise<{ names: string[]; values: unknown[] }> {
  const names: string[] = [];
  const values: unknown[] = [];
  const reserved = new Set<string>(SCOPE_NAMES);
  let known: Map<string, string> | null = null;
  for (const name of free) {
    if (reserved.has(name)) continue;
    const param = ctx.param(name);
    if (param !== undefined) {
      names.push(name);
      values.push(param);
      continue;
    }
    known ??= await relations(ctx);
    const relation = known.get(name.toLowerCase());
    if (!relation) continue;
    const count = Number((await ctx.engine.query(`SELECT count(*) AS n FROM ${relation}`)).get(0)!.n);
    if (count > VARIABLE_ROW_CAP) {
      throw inputError(said('core.notebook.ts.too_many_rows', { name, rows: count, cap: VARIABLE_ROW_CAP }), said('core.notebook.ts.too_many_rows_hint', { name }));
    }
    names.push(name);
    values.push(plainObjects(await ctx.engine.query(`SELECT * FROM ${relation}`)));
  }
  return { names, values };
}

/** Runs one `sql` call of a cell with its values bound as parameters. */
export async function answerSql(ctx: ExecContext, request: SqlRequest): Promise<Record<string, unknown>[]> {
  const param = (n: string) => ctx.param(n);
  const bound = request.positional ? bindText(request.strings[0] ?? '', request.values, param) : bindTemplate(request.strings, request.values, param);
  const statement: GuardedStatement = { text: bound.sql, sql: bound.sql, values: bound.params };
  const t = ctx.t ?? i18nFor('en').t;
  let table;
  try {
    table = await guardedQuery(ctx, statement);
  } catch (err) {
    // In the reader's language: the cell's code sees it as the error its `sql` call throws.
    if (err instanceof CellInputError) throw new Error(`${errorText(t, err)} ${hintText(t, err)}`);
    // The cell sees the engine's error in Longtail's words (never DuckDB's JSON).
    throw new Error(describeEngineError(err, t).hint);
  }
  if (table.numRows > SQL_ROW_CAP) throw new Error(t('core.notebook.ts.sql_too_many_rows', { rows: table.numRows, cap: SQL_ROW_CAP }));
  return plainObjects(table);
}

/**
 * One `sql` call through the guard (../guard.ts), as a SQL cell's statements go: a change to an imported
 * or model table is asked about, and the table's current version kept in the bin in the same
 * transaction as the change (or in the cell's own, when it opened one).
 */
async function guardedQuery(ctx: ExecContext, statement: GuardedStatement) {
  const [change] = await planStatements(ctx.engine, [statement]);
  if (!change) return ctx.engine.query(statement.sql, statement.values);
  await confirmChanges([change], ctx.confirmDestructive);
  const own = await ctx.engine.query('BEGIN TRANSACTION').then(
    () => true,
    () => false,
  );
  try {
    const { result } = await runGuarded(ctx.engine, statement, change);
    if (own) await ctx.engine.query('COMMIT');
    return result ?? (await emptyResult(ctx.engine));
  } catch (err) {
    if (own) await ctx.engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** What a DROP moved to the bin returns: no rows. */
function emptyResult(engine: Engine) {
  return engine.query('SELECT 1 AS dropped WHERE false');
}
