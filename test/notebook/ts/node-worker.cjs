// The TypeScript-cell worker in a Node worker thread: the same worker code as the browser's
// (src/notebook/ts/worker-core.ts), loaded through sucrase's require hook, wired to parentPort.
require('sucrase/register/ts');
const { parentPort } = require('node:worker_threads');
const { startCellWorker } = require('../../../src/notebook/ts/worker-core.ts');

startCellWorker({
  post: (message, transfer) => parentPort.postMessage(message, transfer ?? []),
  listen: (handler) => parentPort.on('message', handler),
});
