/**
 * The `ts` cell kind, as the runner sees it: what a cell reads, how it runs, and how Stop reaches the
 * worker. The host passes the factory that makes the worker — in the browser a sandboxed frame that starts
 * a fresh worker per run (sandbox.ts), in Node a worker thread — so the kind holds no global state.
 */
import type { CellKindRunner } from '../kinds/types';
import { CellWorkerHost, type CellWorkerFactory } from './worker-host';

// Running a cell needs Arrow's IPC reader (its results come back as Arrow): loaded with the first run.
const runCell = () => import('./run-cell');

export function tsKind(factory: CellWorkerFactory): CellKindRunner {
  const host = new CellWorkerHost(factory);
  return {
    reads: async (cell, ctx) => (await import('./analyze')).tsReads(ctx, cell.source),
    run: async (cell, ctx, relation) => (await runCell()).runTsCell(host, cell, ctx, relation),
    stop: () => void host.stop(),
  };
}
