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
 * A score 1–5 by quintile in which equal values always share a score.
 *
 * Each row is placed at the middle of its tie group in the ranking from worst to best:
 * p = (rows strictly worse + ½ · rows with the same value) / all rows, and score = ⌈5·p⌉.
 * The most recent / most frequent / biggest partners get 5. All rows tied (or a single row) give p = ½,
 * hence 3 for everyone: with nobody to compare against, a partner is average. With n distinct values the
 * scores split as evenly as quintiles can (n = 10 gives two partners per score).
 * Computed in integers, ⌈5·(2b + t) / 2n⌉ = (5·(2b + t) + 2n − 1) div 2n, so no boundary is lost to
 * floating point. Window functions: use it in a SELECT over exactly the rows being scored.
 */
export function quintileScoreExpr(value: string, better: 'higher' | 'lower'): string {
  const worstFirst = better === 'higher' ? 'ASC' : 'DESC';
  const below = `(rank() OVER (ORDER BY ${value} ${worstFirst}) - 1)`;
  const ties = `count(*) OVER (PARTITION BY ${value})`;
  const n = 'count(*) OVER ()';
  return `CAST((5 * (2 * ${below} + ${ties}) + 2 * ${n} - 1) // (2 * ${n}) AS INTEGER)`;
}
