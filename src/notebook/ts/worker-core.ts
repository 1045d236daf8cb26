/**
 * The worker that runs TypeScript cells, independent of how it was started (a Web Worker in the
 * browser's sandbox, `worker_threads` in Node tests). At start it takes its compiler — the function
 * constructor, kept before the lockdown, or in the browser the cell's function already in the script —
 * then locks the network down for good; each `run` message turns the transpiled cell into an async
 * function whose parameters are the cell's scope, runs it, and reports its value or where it failed.
 */
import { BLOCKED_IMPORT, blocked, lockDown } from './lockdown';
import { CELL_SOURCE_URL, cellParameters, SCOPE_NAMES, type HostMessage, type WorkerError, type WorkerMessage } from './protocol';
import { cellScope, formatValue, returnedValue, SqlRequests, type Post } from './worker-scope';

export interface WorkerChannel {
  post: Post;
  listen(handler: (message: HostMessage) => void): void;
}

/** The cell's code inside a function body; `head` is the function kind. Lines before the code: 2. */
export function wrap(code: string, head: 'async () =>' | '() =>'): string {
  return `"use strict";\nreturn (${head} {\n${code}\n})();\n//# sourceURL=${CELL_SOURCE_URL}`;
}

const FRAME = new RegExp(`${CELL_SOURCE_URL.replace(/\./g, '\\.')}:(\\d+):(\\d+)`, 'g');

/**
 * The first frame of the cell's code in a stack trace, as a line of the cell's code (1-based). Frames
 * above the cell's first line belong to code that shares the script (the browser sandbox's runtime).
 */
function framePosition(stack: unknown, lineOffset: number): WorkerError['at'] {
  if (typeof stack !== 'string') return null;
  for (const m of stack.matchAll(FRAME)) {
    const line = Number(m[1]) - lineOffset;
    if (line >= 1) return { line, column: Number(m[2]) };
  }
  return null;
}

/** Turns a run's transpiled code into the function to call, its parameters being the run's names. */
export interface CellCompiler {
  compile(names: readonly string[], code: string): (...values: unknown[]) => unknown;
  /** Lines of the script before the cell's first line, in the frames of its stack traces. */
  readonly lineOffset: number;
}

/**
 * Compiles with the Function constructor, kept before the lockdown (the guarded one would refuse cells
 * that merely mention "import"). Used where compiling text is allowed: Node's worker threads.
 */
function functionCompiler(global: typeof globalThis): CellCompiler {
  const make = global.Function as unknown as new (...args: string[]) => (...values: unknown[]) => unknown;
  // How many lines the engine puts before a function body (V8: 2), measured rather than assumed.
  const probe = new make(wrap('return new Error()', '() =>'))() as Error;
  const lineOffset = (framePosition(probe.stack, 0)?.line ?? 3) - 1;
  return { compile: (names, code) => new make(...names, wrap(code, 'async () =>')), lineOffset };
}

export function startCellWorker(channel: WorkerChannel, global: typeof globalThis = globalThis, compiler?: CellCompiler): void {
  // Deep library stacks must not push the cell's own frame out of the trace.
  (global.Error as { stackTraceLimit?: number }).stackTraceLimit = 100;
  const { compile, lineOffset } = compiler ?? functionCompiler(global);
  lockDown(global);

  const requests = new SqlRequests();
  const errorOf = (e: unknown, phase: WorkerError['phase']): WorkerError =>
    e instanceof Error
      ? { name: e.name, message: e.message, at: framePosition(e.stack, lineOffset), phase }
      : { name: 'Error', message: `The cell threw ${formatValue(e)}`, at: null, phase };

  async function run(m: Extract<HostMessage, { type: 'run' }>): Promise<void> {
    const fail = (error: WorkerError) => channel.post({ type: 'failed', runId: m.runId, error });
    const scope: Record<string, unknown> = { ...cellScope(m.runId, channel.post, requests), [BLOCKED_IMPORT]: blocked('import()') };
    const names = cellParameters(m.names);
    const values = [...SCOPE_NAMES.map((n) => scope[n]), scope[BLOCKED_IMPORT], ...m.values];
    let fn: (...values: unknown[]) => unknown;
    try {
      fn = compile(names, m.code);
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

