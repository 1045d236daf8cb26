/**
 * The analyses the benchmark times, and their parameters: each analysis's own defaults (deals,
 * partners, the as-of date derived from the data…), filled in the way an analysis cell fills them, so
 * the page and the Node peers run exactly the same SQL.
 */
import { ANALYSES, type AnalysisDef, type ParamValues } from '../src/analytics';

export const BENCH_ANALYSES = ['rfm.scores', 'cohorts.retention', 'pareto.curve', 'churn.bgnbd'] as const;
export type BenchAnalysis = (typeof BENCH_ANALYSES)[number];

export function definition(id: string): AnalysisDef {
  const def = ANALYSES[id];
  if (!def) throw new Error(`The analytics library has no analysis ${id}.`);
  return def;
}

/** Every parameter at its default, then `overrides`. */
export function defaultParams(id: string, overrides: ParamValues = {}): ParamValues {
  const params: ParamValues = {};
  for (const p of definition(id).params) params[p.name] = p.default ?? null;
  return { ...params, ...overrides };
}
