/**
 * Entry of the worker thread that runs TypeScript cells for the command line: the same worker code as
 * the browser's (notebook/ts/worker-core.ts), wired to the thread's port, after the Node-only globals
 * are removed (confine.ts). Built next to the command line as ts-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { startCellWorker } from '../notebook/ts/worker-core';
import type { HostMessage } from '../notebook/ts/protocol';
import { confineNodeGlobals } from './confine';

const port = parentPort;
if (!port) throw new Error('ts-worker.mjs runs as a worker thread, started by the command line.');
confineNodeGlobals(globalThis);
startCellWorker({
  post: (message, transfer) => port.postMessage(message, (transfer ?? []) as never),
  listen: (handler) => port.on('message', (m: HostMessage) => handler(m)),
});
