/**
 * SQL fragments the core analyses share, so that "a won deal", "the as-of date" and "a quintile score"
 * mean the same thing in RFM, cohorts, benchmarks and ROI.
 */
import { dateLit, ident, lit } from './sql';

/**
 * A deal that counts as partner revenue. Status is compared case-insensitively because mapped exports
 * write "Won"/"WON"; direct sales (no partner) and deals without a close date cannot be placed in time
 * or attributed, so they are left out.
 */
export function wonPartnerDeal(alias: string): string {
  const a = ident(alias);
  return `lower(trim(CAST(${a}.status AS VARCHAR))) = 'won' AND ${a}.partner_id IS NOT NULL AND ${a}.closed_at IS NOT NULL`;
}

/**
 * The as-of date as a scalar expression: the given date, or else the day after the latest won deal
 * (so that the last day of data is inside every "before as-of" window). Won deals only, because open
 * deals often carry an expected close date in the future.
 */
export function asOfExpr(deals: string, asOf: string | null | undefined): string {
  const d = ident('d');
  return `COALESCE(${dateLit(asOf)}, (SELECT max(CAST(${d}.closed_at AS DATE)) + 1 FROM ${ident(deals)} AS ${d} WHERE ${wonPartnerDeal('d')}))`;
}

/**
 * The first day of a window of `windowDays` days ending the day before the as-of date, or NULL for
 * "all history" (`windowDays` null or ≤ 0). `asOf` is an expression such as a column of a params CTE.
 */
export function windowStartExpr(asOf: string, windowDays: number | null | undefined): string {
  if (windowDays == null || windowDays <= 0) return 'CAST(NULL AS DATE)';
  return `(${asOf} - ${lit(Math.trunc(windowDays))})`;
}

/**
 * A score 1–5 by quintile in which equal values always share a score and the worst group scores 1
 * (DOMAIN.md "RFM"): with `below` the rows strictly worse and n all rows,
 * score = min(5, 1 + ⌊5 · below / n⌋).
 *
 * The most recent / most frequent / biggest partners get the top score. Why not the middle of a tie
 * group (⌈5 · (below + ties/2) / n⌉, the rule used before): when 46 % of partners share the worst value
 * (one deal each, as in UCI Online Retail), the middle of that group lands in the second fifth, so
 * nobody scores F = 1 and the New and Promising segments stay empty. Counting only the rows strictly
 * worse keeps the worst group at 1 however large it is. All rows tied (or a single row) score 1.
 * Since below ≤ n − 1, ⌊5 · below / n⌋ ≤ 4: the min(5, …) is a safeguard, never reached.
 * Computed in integers, so no boundary is lost to floating point. Window functions: use it in a SELECT
 * over exactly the rows being scored.
 */
export function quintileScoreExpr(value: string, better: 'higher' | 'lower'): string {
  const worstFirst = better === 'higher' ? 'ASC' : 'DESC';
  const below = `(rank() OVER (ORDER BY ${value} ${worstFirst}) - 1)`;
  const n = 'count(*) OVER ()';
  return `CAST(least(5, 1 + (5 * ${below}) // ${n}) AS INTEGER)`;
}

/**
 * A relation with optional columns guaranteed: every column of `relation`, plus each of `columns` (name →
 * SQL type) it lacks, as NULL. DuckDB's UNION ALL BY NAME with an empty row of those columns does it, so
 * an analysis can read `stage` or `budget` when an export has them and still run when it does not.
 */
export function withOptionalColumns(relation: string, columns: Record<string, string>): string {
  const blanks = Object.entries(columns).map(([c, t]) => `CAST(NULL AS ${t}) AS ${ident(c)}`);
  return `(SELECT * FROM ${ident(relation)} UNION ALL BY NAME SELECT ${blanks.join(', ')} WHERE false)`;
}

/**
 * A value's percentile among its peers, 0–100: the share of the other peers it beats, ties counting half
 * (100 · (below + (tied − 1)/2) / (n − 1)); NULL alone in its group. Window functions over rows that all
 * have a value: filter the NULLs out first. `partition` is a comma-separated list of expressions.
 */
export function peerPercentileExpr(value: string, partition: string): string {
  return `100 * ((rank() OVER (PARTITION BY ${partition} ORDER BY ${value}) - 1) + (count(*) OVER (PARTITION BY ${partition}, ${value}) - 1) / 2)
      / nullif(count(*) OVER (PARTITION BY ${partition}) - 1, 0)`;
}

/** 'YYYY-Qn' of a date expression, the form quarters take in `targets`. */
export function quarterLabelExpr(d: string): string {
  return `CAST(year(${d}) AS VARCHAR) || '-Q' || CAST(quarter(${d}) AS VARCHAR)`;
}

/**
 * The first day of the `n` calendar quarters ending with the current one, the quarter holding the day
 * before the as-of date (so with as-of 2026-01-01 the current quarter is 2025-Q4, and n = 4 starts on
 * 2025-01-01). `asOf` is a DATE expression.
 */
export function quartersStartExpr(asOf: string, n: number): string {
  return `CAST(date_trunc('quarter', ${asOf} - 1) - INTERVAL ${lit(3 * (n - 1))} MONTH AS DATE)`;
}

/** The peer group of a partner row `p`: its sector, else its tier, else all partners (DOMAIN.md, partner pages). */
export function peerGroupExpr(p: string): string {
  const a = ident(p);
  return `CASE WHEN nullif(trim(CAST(${a}.sector AS VARCHAR)), '') IS NOT NULL THEN 'sector: ' || trim(CAST(${a}.sector AS VARCHAR))
    WHEN nullif(trim(CAST(${a}.tier AS VARCHAR)), '') IS NOT NULL THEN 'tier: ' || trim(CAST(${a}.tier AS VARCHAR))
    ELSE 'all partners' END`;
}

/** A SQL list of lower-case kinds from a comma-separated text ('training, certification'). */
export function kindListSql(kinds: string): string {
  const list = kinds.split(',').map((k) => k.trim().toLowerCase()).filter((k) => k !== '');
  if (list.length === 0) throw new Error('Give at least one activity kind.');
  return `(${list.map((k) => lit(k)).join(', ')})`;
}
