/**
 * Entry of the module Web Worker that runs TypeScript cells in the browser, off the page's main thread.
 * Its Content Security Policy is its own (the page's forbids eval), so it can compile cells.
 */
import { startCellWorker } from './worker-core';
import type { HostMessage, WorkerMessage } from './protocol';

const scope = self as unknown as {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<HostMessage>) => void): void;
};
const post = scope.postMessage.bind(scope);

startCellWorker({
  post: (message, transfer) => post(message, transfer ?? []),
  listen: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
});
