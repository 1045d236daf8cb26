/**
 * The cell kinds the runner can execute. Each kind says what a cell reads (for the dependency graph)
 * and how it runs. Markdown cells are not here: they never run. A new kind is one module and one line.
 */
import type { Cell } from '../model';
import type { CellResult } from '../state';
import type { ExecContext } from './context';
import { runSqlText, sqlReads } from './sql-cell';
import { analysisReads, runAnalysis } from './analysis-cell';
import { chartKind } from '../../charts/cell';
import { tsKind } from '../ts/kind';

export type RunOutput = Omit<CellResult, 'elapsedMs' | 'finishedAt'>;

export interface CellKindRunner {
  /** Relations (and input names) the cell reads. May throw; the runner then treats it as reading nothing. */
  reads(cell: Cell, ctx: ExecContext): Promise<string[]>;
  /** Runs the cell; `relation` is the name to keep its table result under. */
  run(cell: Cell, ctx: ExecContext, relation: string): Promise<RunOutput>;
  /** Ends what the kind runs outside the engine (a TypeScript worker) when the user presses Stop. */
  stop?(): void;
}

export const KINDS: Partial<Record<Cell['kind'], CellKindRunner>> = {
  sql: { reads: (c, ctx) => sqlReads(ctx, c.source), run: (c, ctx, name) => runSqlText(ctx, c.source, name) },
  analysis: { reads: (c, ctx) => analysisReads(ctx, c.source), run: (c, ctx, name) => runAnalysis(ctx, c.source, name) },
  // Input cells hold a value; "running" one just lets its dependants run.
  input: { reads: async () => [], run: async () => ({ relation: null, rowCount: 0, columns: [] }) },
  // Chart cells: a Vega-Lite spec over a named result, its data inlined (src/charts).
  chart: chartKind,
  // TypeScript cells: transpiled with sucrase, run in a Web Worker without network (src/notebook/ts).
  ts: tsKind,
};
