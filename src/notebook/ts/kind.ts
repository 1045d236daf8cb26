/**
 * The `ts` cell kind, as the runner sees it: what a cell reads, how it runs, and how Stop reaches the
 * worker. The host passes the factory that makes the worker — in the browser a sandboxed frame that starts
 * a fresh worker per run (sandbox.ts), in Node a worker thread — so the kind holds no global state.
 */
import type { CellKindRunner } from '../kinds/types';
import { runTsCell } from './run-cell';
import { CellWorkerHost, type CellWorkerFactory } from './worker-host';

export function tsKind(factory: CellWorkerFactory): CellKindRunner {
  const host = new CellWorkerHost(factory);
  return {
    reads: async (cell, ctx) => (await import('./analyze')).tsReads(ctx, cell.source),
    run: (cell, ctx, relation) => runTsCell(host, cell, ctx, relation),
    stop: () => void host.stop(),
  };
}
