/**
 * Totals of a result that a snapshot embeds only in part, so its reader still sees the whole: the
 * sum over all rows of each column where a sum means something (revenue, deal counts), and nothing for
 * identifiers, years, scores, rates, shares and averages, whose sums would mislead.
 */
import type { Engine } from '../engine/types';
import { plainRows, type Column } from '../engine/values';
import { ident } from '../sql/quote';

const NOT_ADDITIVE_END =
  /(^|_)(id|no|number|code|year|month|week|day|days|quarter|period|rank|score|pct|percent|percentile|share|rate|ratio|retention|growth|avg|average|mean|median|min|max|low|high|nps|roi|index|lat|lon|latitude|longitude|value|position|age)$/i;
const NOT_ADDITIVE_START = /^(avg|average|mean|median|min|max|pct|percent)_/i;

export function isAdditive(c: Column): boolean {
  return (c.kind === 'number' || c.kind === 'integer') && !NOT_ADDITIVE_END.test(c.name) && !NOT_ADDITIVE_START.test(c.name);
}

/** Sums over the whole relation, per column (null where not additive); null when no column is. */
export async function columnTotals(engine: Engine, relation: string, columns: readonly Column[]): Promise<(number | null)[] | null> {
  if (!columns.some(isAdditive)) return null;
  const select = columns.map((c, k) => (isAdditive(c) ? `CAST(sum(${ident(c.name)}) AS DOUBLE)` : 'NULL') + ` AS c${k}`).join(', ');
  const [row] = plainRows(await engine.query(`SELECT ${select} FROM ${relation}`));
  return columns.map((c, k) => (isAdditive(c) && typeof row?.[k] === 'number' ? (row[k] as number) : null));
}
