/**
 * SQL cells: every statement runs in one transaction, and the last one, when it is a query, is kept as
 * the table `cells."name"` — so later cells read it by name, the result table pages through it, and a
 * failed or cancelled run rolls back to exactly what was there before.
 *
 * Before anything runs, the guard (../guard.ts) reads what the statements change: a statement that would
 * drop or rewrite an imported or model table is asked about (the context's `confirmDestructive`), and the
 * table's current version is kept in the bin within the same transaction; one that may not run from a
 * cell at all (Longtail's bookkeeping, the model's views) stops the cell with a message.
 */
import type { Table } from 'apache-arrow';
import { columnsOf, plainRows, type Column } from '../../engine/values';
import { atUserSql } from '../../engine/errors';
import { createdName, isQuery, mentionedNames, paramNames, positionalParams, splitStatements } from '../sql-text';
import type { ExecContext } from './context';
import { said } from '../../i18n/said';
import { inputError } from '../../i18n/said-error';
import { i18nFor, type I18n } from '../../i18n/i18n';
import type { CellResult } from '../state';
import { RESULTS_SCHEMA } from '../../catalog/schemas';
import { ident } from '../../sql/quote';
import { confirmChanges, keptNotice, planStatements, runGuarded } from '../guard';
import type { BinEntry } from '../../store/bin';

export function resultRelation(name: string): string {
  return `${RESULTS_SCHEMA}.${ident(name)}`;
}

/**
 * Relations the SQL reads, minus those it creates itself. When DuckDB cannot say (its parser binds part
 * of the query), the names of cells and tables the text mentions — unless `fallback` is off.
 */
export async function sqlReads(ctx: Pick<ExecContext, 'engine' | 'knownNames'>, sql: string, fallback = true): Promise<string[]> {
  const reads: string[] = [];
  const made = new Set<string>();
  for (const stmt of splitStatements(sql)) {
    let names: string[];
    try {
      names = await ctx.engine.tableNames(positionalParams(stmt, paramNames(stmt)));
    } catch {
      names = fallback ? mentionedNames(stmt, ctx.knownNames) : [];
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
      throw inputError(said('core.notebook.param_undefined', { param: `$${n}` }), said('core.notebook.sql.param_undefined_hint', { name: n }));
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

/** What the cell says of a very large result, in the language of `t` (English by default). */
export function largeNotice(rows: number, t: I18n['t'] = i18nFor('en').t): string | undefined {
  if (rows <= LARGE) return undefined;
  return t('core.notebook.large_result', { rows });
}

/** Runs SQL text as a cell; `name` is the relation to keep the final query as ('' for none). */
export async function runSqlText(ctx: ExecContext, sql: string, name: string): Promise<Omit<CellResult, 'elapsedMs' | 'finishedAt'>> {
  const statements = splitStatements(sql);
  if (statements.length === 0) return { relation: null, rowCount: 0, columns: [], inline: [] };
  let from = 0;
  const prepared = statements.map((s) => {
    // Where the statement starts in the cell, so an error can point at the user's own line.
    const start = sql.indexOf(s, from);
    from = start + s.length;
    return { text: s, start, ...bindings(ctx, s) };
  });
  const { engine } = ctx;
  const changes = await planStatements(engine, prepared);
  await confirmChanges(changes.filter((c) => c !== null), ctx.confirmDestructive);
  const kept: BinEntry[] = [];
  await engine.query('BEGIN TRANSACTION');
  let last: Table | null = null;
  let relation: string | null = null;
  let running: { statement: string; start: number; sent: string; prefix: number } | null = null;
  try {
    for (let k = 0; k < prepared.length; k++) {
      const p = prepared[k]!;
      const final = k === prepared.length - 1;
      if (final && name && isQuery(p.text) && !changes[k]) {
        relation = resultRelation(name);
        const prefix = `CREATE OR REPLACE TABLE ${relation} AS `;
        running = { statement: p.text, start: p.start, sent: prefix + p.sql, prefix: prefix.length };
        await engine.query(running.sent, p.values);
      } else {
        running = { statement: p.text, start: p.start, sent: p.sql, prefix: 0 };
        const done = await runGuarded(engine, p, changes[k] ?? null);
        if (done.kept) kept.push(done.kept);
        last = done.result;
      }
    }
    running = null;
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw running ? atUserSql(err, { source: sql, ...running }) : err;
  }
  const binned = keptNotice(kept, ctx.t);
  if (relation) {
    const d = await describeRelation(ctx, relation);
    const notice = [largeNotice(d.rowCount, ctx.t), binned].filter(Boolean).join(' ');
    return { relation, ...d, ...(notice ? { notice } : {}) };
  }
  // Not kept: show what the statement returned (a count, a setting…), capped. A DROP moved to the bin returned nothing.
  if (!last) return { relation: null, rowCount: 0, columns: [], inline: [], ...(binned ? { notice: binned } : {}) };
  const inline = plainRows(last.slice(0, 1000));
  return { relation: null, rowCount: last.numRows, columns: columnsOf(last), inline, ...(binned ? { notice: binned } : {}) };
}
