/**
 * The runtime of a TypeScript cell's worker in the browser's sandbox (sandbox-frame.ts), built as one
 * classic script. The frame appends the run's cell to this text (`cellScript`), so the cell's function
 * is already defined when the page's MessagePort arrives: nothing is compiled from text at run time,
 * which the sandbox's policy forbids anyway. The worker then speaks the usual protocol over the port.
 */
import { startCellWorker, type CellCompiler } from './worker-core';
import type { HostMessage } from './protocol';

/** Where the cell's script tail leaves the cell (see cellScript in sandbox.ts). */
interface CellGlobals {
  __longtailCell?: (...values: unknown[]) => unknown;
  __longtailCellOffset?: number;
}

const scope = self as unknown as CellGlobals & {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
};

function onPort(e: MessageEvent): void {
  const port = e.ports[0];
  if (!port) return;
  scope.removeEventListener('message', onPort);
  const cell = scope.__longtailCell;
  const compiler: CellCompiler = {
    lineOffset: scope.__longtailCellOffset ?? 0,
    compile() {
      if (typeof cell !== 'function') throw new Error('The cell could not be loaded.');
      return cell;
    },
  };
  delete scope.__longtailCell;
  delete scope.__longtailCellOffset;
  startCellWorker(
    {
      post: (message, transfer) => port.postMessage(message, transfer ?? []),
      listen: (handler) => {
        port.onmessage = (m: MessageEvent<HostMessage>) => handler(m.data);
      },
    },
    globalThis,
    compiler,
  );
}

scope.addEventListener('message', onPort);
