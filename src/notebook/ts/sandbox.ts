/**
 * Where TypeScript cells run in the browser: a worker started inside a sandboxed frame of opaque origin
 * (sandbox-frame.ts explains the walls), one fresh worker per run. This module is the page's side: it
 * makes the frame (once per document), hands it the worker runtime's text, and for each run builds the
 * script tail that defines the cell and opens a MessagePort between the run's worker and the host.
 *
 *   const factory = sandboxedWorkerFactory(document);   // a CellWorkerFactory for CellWorkerHost
 */
import runtimeUrl from './sandbox-worker.ts?worker&url';
import { sandboxDocument, type FrameMessage } from './sandbox-frame';
import { CELL_SOURCE_URL, cellParameters, type HostMessage, type WorkerError, type WorkerMessage } from './protocol';
import type { CellWorker, CellWorkerFactory } from './worker-host';

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * The script that follows the runtime in a run's worker: the cell as an async function of its scope,
 * and the number of lines before its first line (for positions in stack traces). `runtimeLines` is the
 * runtime's line count; the frame joins the two with a newline.
 */
export function cellScript(runtimeLines: number, names: readonly string[], code: string): string {
  const params = cellParameters(names);
  const bad = params.find((p) => !IDENTIFIER.test(p));
  if (bad !== undefined) throw new TypeError(`"${bad}" cannot be the name of a value in a cell.`);
  const offset = runtimeLines + 1;
  return `self.__longtailCellOffset = ${offset}; self.__longtailCell = async function (${params.join(', ')}) { "use strict";\n${code}\n};\n//# sourceURL=${CELL_SOURCE_URL}\n`;
}

/** The frame of one document, made on first use and kept. */
class Sandbox {
  private frame: HTMLIFrameElement | null = null;
  private opened: Promise<void> | null = null;
  private readonly crashes = new Map<number, (m: Extract<FrameMessage, { type: 'crash' }>) => void>();
  private nextId = 1;
  runtimeLines = 0;

  constructor(private readonly doc: Document) {}

  /** Resolves when the frame holds the runtime. A failed start is retried on the next call. */
  ready(): Promise<void> {
    if (this.frame && !this.frame.isConnected) this.opened = null;
    this.opened ??= this.open().catch((err: unknown) => {
      this.opened = null;
      throw err;
    });
    return this.opened;
  }

  private async open(): Promise<void> {
    const response = await fetch(runtimeUrl);
    if (!response.ok) throw new Error(`the cell runtime could not be loaded (${response.status})`);
    const runtime = await response.text();
    this.runtimeLines = runtime.split('\n').length;
    this.frame?.remove();
    const frame = this.doc.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Sandbox for TypeScript cells';
    frame.hidden = true;
    frame.dataset.testid = 'ts-sandbox';
    const win = this.doc.defaultView!;
    await new Promise<void>((resolve, reject) => {
      const onMessage = (e: MessageEvent<FrameMessage>) => {
        if (e.source !== frame.contentWindow || !e.data || typeof e.data !== 'object') return;
        const m = e.data;
        if (m.type === 'loaded') frame.contentWindow!.postMessage({ type: 'runtime', text: runtime }, '*');
        else if (m.type === 'ready') resolve();
        else if (m.type === 'crash') this.crashes.get(m.id)?.(m);
      };
      win.addEventListener('message', onMessage);
      frame.addEventListener('error', () => reject(new Error('the sandbox frame could not be created')));
      frame.srcdoc = sandboxDocument();
      this.doc.body.append(frame);
      this.frame = frame;
    });
  }

  /** Starts a run's worker on `port`. Returns its id, for `stop`. */
  start(cell: string, port: MessagePort, onCrash: (m: Extract<FrameMessage, { type: 'crash' }>) => void): number {
    const id = this.nextId++;
    this.crashes.set(id, onCrash);
    this.frame!.contentWindow!.postMessage({ type: 'start', id, cell }, '*', [port]);
    return id;
  }

  stop(id: number): void {
    this.crashes.delete(id);
    this.frame?.contentWindow?.postMessage({ type: 'stop', id }, '*');
  }
}

/** "Uncaught SyntaxError: Unexpected token" → its name and message. */
function crashError(message: string): { name: string; message: string } {
  const m = message.replace(/^Uncaught\s+/, '').match(/^(\w*Error): ([\s\S]*)$/);
  return m ? { name: m[1]!, message: m[2]! } : { name: 'Error', message };
}

/** One CellWorker: to the host a single worker; underneath, a new worker for each run. */
function sandboxedWorker(sandbox: Sandbox): CellWorker {
  let deliver: (m: WorkerMessage) => void = () => undefined;
  let current: { id: number; port: MessagePort } | null = null;
  let ended = false;
  const finish = () => {
    if (!current) return;
    sandbox.stop(current.id);
    current.port.close();
    current = null;
  };
  return {
    listen(onMessage, onCrash) {
      deliver = onMessage;
      sandbox.ready().then(
        () => !ended && onMessage({ type: 'ready' }),
        (err: unknown) => !ended && onCrash(err instanceof Error ? err.message : String(err)),
      );
    },
    post(message: HostMessage, transfer?: Transferable[]) {
      if (message.type !== 'run') {
        current?.port.postMessage(message, transfer ?? []);
        return;
      }
      finish();
      const script = cellScript(sandbox.runtimeLines, message.names, message.code);
      const { port1, port2 } = new MessageChannel();
      // Values that cannot be copied throw here, before any worker starts.
      port1.postMessage(message, transfer ?? []);
      const runId = message.runId;
      let started = false;
      port1.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.type === 'ready') {
          started = true;
          return;
        }
        deliver(m);
        if (m.type === 'done' || m.type === 'failed') finish();
      };
      const id = sandbox.start(script, port2, (crash) => {
        if (current?.id !== id) return;
        const offset = sandbox.runtimeLines + 1;
        const error: WorkerError = {
          ...crashError(crash.message),
          at: crash.line > offset ? { line: crash.line - offset, column: crash.column } : null,
          phase: started ? 'run' : 'compile',
        };
        finish();
        deliver({ type: 'failed', runId, error });
      });
      current = { id, port: port1 };
    },
    terminate() {
      ended = true;
      finish();
    },
  };
}

/**
 * The factory of TypeScript-cell workers for a page: each worker it makes runs every cell in a fresh
 * worker inside the sandboxed frame of `doc` (created on first use).
 */
export function sandboxedWorkerFactory(doc: Document): CellWorkerFactory {
  const sandbox = new Sandbox(doc);
  return () => sandboxedWorker(sandbox);
}
