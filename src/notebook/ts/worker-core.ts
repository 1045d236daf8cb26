/**
 * The worker that runs TypeScript cells, independent of how it was started (a module Web Worker in the
 * browser, `worker_threads` in Node tests). At start it keeps the one function constructor it needs,
 * then locks the network down for good; each `run` message compiles the transpiled cell into an async
 * function whose parameters are the cell's scope, runs it, and reports its value or where it failed.
 */
import { BLOCKED_IMPORT, blocked, lockDown } from './lockdown';
import { CELL_SOURCE_URL, SCOPE_NAMES, type HostMessage, type WorkerError, type WorkerMessage } from './protocol';
import { cellScope, formatValue, returnedValue, SqlRequests, type Post } from './worker-scope';

export interface WorkerChannel {
  post: Post;
  listen(handler: (message: HostMessage) => void): void;
}

/** The cell's code inside a function body; `head` is the function kind. Lines before the code: 2. */
function wrap(code: string, head: 'async () =>' | '() =>'): string {
  return `"use strict";\nreturn (${head} {\n${code}\n})();\n//# sourceURL=${CELL_SOURCE_URL}`;
}

const FRAME = new RegExp(`${CELL_SOURCE_URL.replace(/\./g, '\\.')}:(\\d+):(\\d+)`);

/** The first frame of the cell's code in a stack trace, as a line of the cell's code (1-based). */
function framePosition(stack: unknown, lineOffset: number): WorkerError['at'] {
  const m = typeof stack === 'string' ? stack.match(FRAME) : null;
  if (!m) return null;
  const line = Number(m[1]) - lineOffset;
  return line >= 1 ? { line, column: Number(m[2]) } : null;
}

export function startCellWorker(channel: WorkerChannel, global: typeof globalThis = globalThis): void {
  // Kept before the lockdown: the guarded constructor would refuse cells that merely mention "import".
  const compile = global.Function as unknown as new (...args: string[]) => (...values: unknown[]) => unknown;
  // Deep library stacks must not push the cell's own frame out of the trace.
  (global.Error as { stackTraceLimit?: number }).stackTraceLimit = 100;
  // How many lines the engine puts before a function body (V8: 2), measured rather than assumed.
  const probe = new compile(wrap('return new Error()', '() =>'))() as Error;
  const lineOffset = (framePosition(probe.stack, 0)?.line ?? 3) - 1;
  lockDown(global);

  const requests = new SqlRequests();
  const errorOf = (e: unknown, phase: WorkerError['phase']): WorkerError =>
    e instanceof Error
      ? { name: e.name, message: e.message, at: framePosition(e.stack, lineOffset), phase }
      : { name: 'Error', message: `The cell threw ${formatValue(e)}`, at: null, phase };

  async function run(m: Extract<HostMessage, { type: 'run' }>): Promise<void> {
    const fail = (error: WorkerError) => channel.post({ type: 'failed', runId: m.runId, error });
    const scope: Record<string, unknown> = { ...cellScope(m.runId, channel.post, requests), [BLOCKED_IMPORT]: blocked('import()') };
    const names = [...SCOPE_NAMES, BLOCKED_IMPORT, ...m.names];
    const values = [...SCOPE_NAMES.map((n) => scope[n]), scope[BLOCKED_IMPORT], ...m.values];
    let fn: (...values: unknown[]) => unknown;
    try {
      fn = new compile(...names, wrap(m.code, 'async () =>'));
    } catch (e) {
      return fail(errorOf(e, 'compile'));
    }
    let result: unknown;
    try {
      result = await fn(...values);
    } catch (e) {
      return fail(errorOf(e, 'run'));
    }
    try {
      const { value, transfer } = returnedValue(result);
      channel.post({ type: 'done', runId: m.runId, value }, transfer);
    } catch (e) {
      fail({ name: 'ReturnError', message: `The returned value cannot be kept: ${(e as Error).message}`, at: null, phase: 'run' });
    }
  }

  channel.listen((m) => {
    if (m.type === 'run') void run(m);
    else if (m.type === 'sql-result') requests.answer(m.requestId, m.rows, null);
    else requests.answer(m.requestId, null, m.message);
  });
  channel.post({ type: 'ready' });
}

