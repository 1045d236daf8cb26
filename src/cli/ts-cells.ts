/**
 * TypeScript cells on the command line: each runs in a worker thread started from the built
 * ts-worker.mjs (no network, no `process`, no file access: see confine.ts and the worker lockdown),
 * through the same CellWorkerFactory interface as the browser's sandboxed worker. A cell's console and
 * display() go to its displays (the snapshot shows them), as in the app; whatever the thread itself
 * prints goes to stderr with the progress, so stdout stays free.
 */
import { Worker } from 'node:worker_threads';
import type { CellWorker, CellWorkerFactory } from '../notebook/ts/worker-host';
import type { WorkerMessage } from '../notebook/ts/protocol';

export interface NodeCellWorkers {
  factory: CellWorkerFactory;
  /** Ends every worker still alive (an idle worker would keep the process from exiting). */
  terminateAll(): Promise<void>;
}

export function nodeCellWorkers(script: URL, log: (text: string) => void): NodeCellWorkers {
  const alive = new Set<Worker>();
  const factory = (): CellWorker => {
    const w = new Worker(script, {
      env: {},
      execArgv: [],
      argv: [],
      stdout: true,
      stderr: true,
      // A cell that allocates without end is stopped by its worker's heap limit, not the whole run.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    alive.add(w);
    w.once('exit', () => alive.delete(w));
    w.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
    w.stderr.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
    return {
      post: (message, transfer) => w.postMessage(message, (transfer ?? []) as never),
      listen(onMessage, onCrash) {
        w.on('message', (m: WorkerMessage) => onMessage(m));
        w.on('error', (e) => onCrash(e.message));
        w.on('exit', (code) => code !== 0 && onCrash(`exit code ${code}`));
      },
      terminate: () => void w.terminate(),
    };
  };
  return {
    factory,
    terminateAll: async () => void (await Promise.all([...alive].map((w) => w.terminate()))),
  };
}
