/**
 * The `ts` cell kind, as the runner sees it: what a cell reads, how it runs, and how Stop reaches the
 * worker. One worker serves every TypeScript cell of the page; it is created on first use by a factory
 * — a module Web Worker in the browser, something else where there is none (Node tests set their own).
 */
import type { CellKindRunner } from '../kinds';
import { runTsCell } from './run-cell';
import { CellWorkerHost, type CellWorker, type CellWorkerFactory } from './worker-host';
import type { WorkerMessage } from './protocol';

function browserWorker(): CellWorker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'longtail-ts-cells' });
  return {
    post: (message, transfer) => w.postMessage(message, transfer ?? []),
    listen(onMessage, onCrash) {
      w.onmessage = (e: MessageEvent<WorkerMessage>) => onMessage(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        onCrash(e.message || 'the worker could not start');
      };
    },
    terminate: () => w.terminate(),
  };
}

let factory: CellWorkerFactory = browserWorker;
let host: CellWorkerHost | null = null;

/** Replaces how the worker is made (tests in Node); the current worker, if any, is ended. */
export function setCellWorkerFactory(make: CellWorkerFactory): void {
  host?.dispose();
  host = null;
  factory = make;
}

function theHost(): CellWorkerHost {
  host ??= new CellWorkerHost(() => factory());
  return host;
}

export const tsKind: CellKindRunner = {
  reads: async (cell, ctx) => (await import('./analyze')).tsReads(ctx, cell.source),
  run: (cell, ctx, relation) => runTsCell(theHost(), cell, ctx, relation),
  stop: () => void host?.stop(),
};
