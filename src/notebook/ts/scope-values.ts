/**
 * The page's side of a TypeScript cell's data: the values of the free names it uses (other cells'
 * results as arrays of plain objects, input values as they are), and the answers to its `sql` calls.
 * Copying rows into the worker costs memory twice, so large relations are refused with a pointer to
 * `sql`, which lets the database filter and aggregate first.
 */
import { plainObjects } from '../../engine/values';
import { CellInputError, type ExecContext } from '../kinds/context';
import { RESULTS_SCHEMA } from '../kinds/sql-cell';
import { bindTemplate, bindText } from './binding';
import { SCOPE_NAMES } from './protocol';
import type { SqlRequest } from './worker-host';

/** Most rows a cell's result (or a table) may have to be handed to TypeScript as a variable. */
export const VARIABLE_ROW_CAP = 100_000;
/** Most rows one `sql` call may return. */
export const SQL_ROW_CAP = 1_000_000;

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** Tables and cell results by lower-cased name; imported tables win, as in the search path. */
async function relations(ctx: ExecContext): Promise<Map<string, string>> {
  const t = await ctx.engine.query(
    `SELECT table_schema AS s, table_name AS n FROM information_schema.tables WHERE table_schema IN ('main', '${RESULTS_SCHEMA}') ORDER BY table_schema = 'main'`,
  );
  const out = new Map<string, string>();
  for (const r of t.toArray()) out.set(String(r.n).toLowerCase(), `${quote(String(r.s))}.${quote(String(r.n))}`);
  return out;
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
      throw new CellInputError(
        `${name} has ${count.toLocaleString('en')} rows, more than the ${VARIABLE_ROW_CAP.toLocaleString('en')} a TypeScript cell takes as a variable.`,
        `Let the database do the heavy part: await sql\`SELECT … FROM ${name} WHERE … GROUP BY …\` returns only the rows you need.`,
      );
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
  const table = await ctx.engine.query(bound.sql, bound.params);
  if (table.numRows > SQL_ROW_CAP) {
    throw new Error(
      `This query returned ${table.numRows.toLocaleString('en')} rows, more than the ${SQL_ROW_CAP.toLocaleString('en')} a cell can take. Aggregate or filter in SQL (GROUP BY, WHERE, LIMIT).`,
    );
  }
  return plainObjects(table);
}
