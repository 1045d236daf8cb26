/** A `CellWorker` backed by a Node worker thread running the real worker code (node-worker.cjs). */
import { Worker } from 'node:worker_threads';
import type { CellWorker } from '../../../src/notebook/ts/worker-host';
import type { WorkerMessage } from '../../../src/notebook/ts/protocol';

export function nodeCellWorker(): CellWorker {
  const w = new Worker(new URL('./node-worker.cjs', import.meta.url));
  return {
    post: (message, transfer) => w.postMessage(message, (transfer ?? []) as never),
    listen(onMessage, onCrash) {
      w.on('message', (m: WorkerMessage) => onMessage(m));
      w.on('error', (e) => onCrash(e.message));
    },
    terminate: () => void w.terminate(),
  };
}
