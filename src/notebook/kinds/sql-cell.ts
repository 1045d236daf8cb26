/**
 * SQL cells: every statement runs in one transaction, and the last one, when it is a query, is kept as
 * the table `cells."name"` — so later cells read it by name, the result table pages through it, and a
 * failed or cancelled run rolls back to exactly what was there before.
 */
import type { Table } from 'apache-arrow';
import { columnsOf, plainRows, type Column } from '../../engine/values';
import { createdName, isQuery, mentionedNames, paramNames, positionalParams, splitStatements } from '../sql-text';
import { CellInputError, type ExecContext } from './context';
import type { CellResult } from '../state';

export const RESULTS_SCHEMA = 'cells';

export function resultRelation(name: string): string {
  return `${RESULTS_SCHEMA}."${name.replace(/"/g, '""')}"`;
}

/** Relations the SQL reads, minus those it creates itself. */
export async function sqlReads(ctx: Pick<ExecContext, 'engine' | 'knownNames'>, sql: string): Promise<string[]> {
  const reads: string[] = [];
  const made = new Set<string>();
  for (const stmt of splitStatements(sql)) {
    let names: string[];
    try {
      names = await ctx.engine.tableNames(positionalParams(stmt, paramNames(stmt)));
    } catch {
      names = mentionedNames(stmt, ctx.knownNames);
    }
    for (const n of names) {
      const bare = n.includes('.') ? n.slice(n.lastIndexOf('.') + 1) : n;
      if (!made.has(bare.toLowerCase()) && !reads.includes(bare)) reads.push(bare);
    }
    const c = createdName(stmt);
    if (c) made.add(c.toLowerCase());
  }
  return reads;
}

function bindings(ctx: ExecContext, stmt: string): { sql: string; values: unknown[] } {
  const names = paramNames(stmt);
  const values = names.map((n) => {
    const v = ctx.param(n);
    if (v === undefined) {
      throw new CellInputError(`$${n} is not defined.`, `Add an input cell named ${n}, or replace $${n} with a value.`);
    }
    return v;
  });
  return { sql: positionalParams(stmt, names), values };
}

export async function describeRelation(ctx: ExecContext, relation: string): Promise<{ rowCount: number; columns: Column[] }> {
  const count = await ctx.engine.query(`SELECT count(*) AS n FROM ${relation}`);
  const sample = await ctx.engine.query(`SELECT * FROM ${relation} LIMIT 0`);
  const types = await ctx.engine.query(`SELECT * FROM (DESCRIBE ${relation})`);
  const sqlTypes = new Map(types.toArray().map((r) => [String(r.column_name), String(r.column_type)]));
  const columns = columnsOf(sample).map((c) => ({ ...c, sqlType: sqlTypes.get(c.name) ?? c.sqlType }));
  return { rowCount: Number(count.get(0)!.n), columns };
}

const LARGE = 1_000_000;

export function largeNotice(rows: number): string | undefined {
  if (rows <= LARGE) return undefined;
  return `${rows.toLocaleString('en')} rows. Longtail keeps them all as a table and shows them page by page; aggregate or filter before charting or exporting.`;
}

/** Runs SQL text as a cell; `name` is the relation to keep the final query as ('' for none). */
export async function runSqlText(ctx: ExecContext, sql: string, name: string): Promise<Omit<CellResult, 'elapsedMs' | 'finishedAt'>> {
  const statements = splitStatements(sql);
  if (statements.length === 0) return { relation: null, rowCount: 0, columns: [], inline: [] };
  const prepared = statements.map((s) => ({ text: s, ...bindings(ctx, s) }));
  const { engine } = ctx;
  await engine.query('BEGIN TRANSACTION');
  let last: Table | null = null;
  let relation: string | null = null;
  try {
    for (let k = 0; k < prepared.length; k++) {
      const p = prepared[k]!;
      const final = k === prepared.length - 1;
      if (final && name && isQuery(p.text)) {
        relation = resultRelation(name);
        await engine.query(`CREATE OR REPLACE TABLE ${relation} AS ${p.sql}`, p.values);
      } else {
        last = await engine.query(p.sql, p.values);
      }
    }
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  if (relation) {
    const d = await describeRelation(ctx, relation);
    return { relation, ...d, notice: largeNotice(d.rowCount) };
  }
  // Not kept: show what the statement returned (a count, a setting…), capped.
  const t = last!;
  const inline = plainRows(t.slice(0, 1000));
  return { relation: null, rowCount: t.numRows, columns: columnsOf(t), inline };
}
