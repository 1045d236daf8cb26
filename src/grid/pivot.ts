/**
 * The pivot builder's SQL: DuckDB's own PIVOT statement, which finds the distinct values of the
 * "columns" field itself and makes one output column per value.
 *
 *   PIVOT "q1" ON "status" USING sum("amount") GROUP BY "region" ORDER BY "region"
 */
import { ident } from './literals';

export const PIVOT_AGGREGATES = ['sum', 'count', 'avg', 'min', 'max'] as const;
export type PivotAggregate = (typeof PIVOT_AGGREGATES)[number];

export interface PivotSpec {
  /** Fields whose values become rows (GROUP BY); none gives a single row of totals. */
  rows: string[];
  /** The field whose distinct values become columns (ON). */
  on: string;
  /** The measured field; null with `count` counts rows. */
  value: string | null;
  aggregate: PivotAggregate;
}

export const AGGREGATE_WORDS: Record<PivotAggregate, string> = {
  sum: 'Sum',
  count: 'Count',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
};

/** What is wrong with a spec, in words, or null when it can be written. */
export function pivotProblem(spec: PivotSpec): string | null {
  if (!spec.on) return 'Choose the field whose values become columns.';
  if (spec.aggregate !== 'count' && !spec.value) return `Choose the field to ${AGGREGATE_WORDS[spec.aggregate].toLowerCase()}.`;
  if (spec.rows.includes(spec.on)) return `"${spec.on}" cannot be both rows and columns.`;
  return null;
}

export function pivotSql(relation: string, spec: PivotSpec): string {
  const problem = pivotProblem(spec);
  if (problem) throw new Error(problem);
  const using = spec.aggregate === 'count' && !spec.value ? 'count(*)' : `${spec.aggregate}(${ident(spec.value!)})`;
  const rows = spec.rows.map(ident).join(', ');
  if (rows) return `PIVOT ${relation} ON ${ident(spec.on)} USING ${using} GROUP BY ${rows} ORDER BY ${rows}`;
  // Without GROUP BY, PIVOT groups by every other column; one row of the whole reads only what it needs.
  const read = [spec.on, ...(spec.value ? [spec.value] : [])].map(ident).join(', ');
  return `PIVOT (SELECT ${read} FROM ${relation}) ON ${ident(spec.on)} USING ${using}`;
}
