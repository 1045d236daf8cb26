/**
 * The cell kinds that need nothing but the engine: SQL, analysis and input cells. Chart and TypeScript
 * cells are added by the host (src/app/kinds.ts), which has what they need (the chart data step, a
 * worker factory). Markdown cells are not kinds: they never run.
 */
import { runSqlText, sqlReads } from './sql-cell';
import type { CellKinds } from './types';

// The analytics library (every analysis's SQL and its JavaScript models) loads with the first analysis
// cell, not with the page.
const analysis = () => import('./analysis-cell');

export type { CellKindRunner, CellKinds, RunOutput } from './types';

export function coreKinds(): CellKinds {
  return {
    sql: { reads: (c, ctx) => sqlReads(ctx, c.source), run: (c, ctx, name) => runSqlText(ctx, c.source, name) },
    analysis: {
      reads: async (c, ctx) => (await analysis()).analysisReads(ctx, c.source),
      run: async (c, ctx, name) => (await analysis()).runAnalysis(ctx, c.source, name),
    },
    // Input cells hold a value; "running" one just lets its dependants run.
    input: { reads: async () => [], run: async () => ({ relation: null, rowCount: 0, columns: [] }) },
  };
}
