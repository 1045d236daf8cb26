/**
 * The messages between the page (the host) and the Web Worker that runs TypeScript cells. Everything
 * crossing is structured-clonable data; Arrow tables travel as IPC bytes. The worker never touches the
 * database itself: each `sql` call is a request the host answers through the Engine, so the engine keeps
 * one owner and a runaway cell can be killed without losing any data.
 */
import { BLOCKED_IMPORT } from './lockdown';

/** Page → worker. */
export type HostMessage =
  | {
      type: 'run';
      runId: number;
      /** Transpiled JavaScript: the body of an async function. */
      code: string;
      /** Variables in the cell's scope (results of other cells, input values), by name. */
      names: string[];
      values: unknown[];
    }
  | { type: 'sql-result'; runId: number; requestId: number; rows: Record<string, unknown>[] }
  | { type: 'sql-error'; runId: number; requestId: number; message: string };

/** Worker → page. */
export type WorkerMessage =
  /** Sent once, when the worker has loaded and locked itself down; runs are timed from then on. */
  | { type: 'ready' }
  | {
      type: 'sql';
      runId: number;
      requestId: number;
      /** The template's literal parts (cooked) and the interpolated values, or one text and its `$1…` values. */
      strings: string[];
      values: unknown[];
      /** True for `sql.query(text, params)`: `strings` holds one text with positional parameters. */
      positional: boolean;
    }
  | { type: 'display'; runId: number; display: WorkerDisplay }
  | { type: 'done'; runId: number; value: ReturnedValue }
  | { type: 'failed'; runId: number; error: WorkerError };

/** What `display()` and `console.log` send; the host turns it into a `Display` (state.ts). */
export type WorkerDisplay =
  | { kind: 'markdown'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'log'; text: string }
  | { kind: 'vega-lite'; spec: Record<string, unknown> }
  | { kind: 'rows'; rows: unknown[] }
  | { kind: 'arrow'; ipc: Uint8Array };

/** What the cell's code returned. */
export type ReturnedValue =
  | { kind: 'none' }
  | { kind: 'rows'; rows: unknown[] }
  | { kind: 'arrow'; ipc: Uint8Array }
  /** Anything else (a number, a string, an object): shown as text. */
  | { kind: 'text'; text: string };

/** A thrown error, with where it happened in the transpiled code (1-based line and column). */
export interface WorkerError {
  name: string;
  message: string;
  at: { line: number; column: number } | null;
  /** 'compile' when the transpiled code could not even be turned into a function. */
  phase: 'compile' | 'run';
}

/** The name the worker gives the cell's code in stack traces (`//# sourceURL=`), to find its frames. */
export const CELL_SOURCE_URL = 'longtail-cell.js';

/** Names the worker puts in every cell's scope; a cell or table of the same name is not bound over them. */
export const SCOPE_NAMES = ['sql', 'display', 'analytics', 'arrow', 'console'] as const;

/** The parameters of a cell's function, in order: the scope, the stand-in for `import()`, then the run's names. */
export function cellParameters(names: readonly string[]): string[] {
  return [...SCOPE_NAMES, BLOCKED_IMPORT, ...names];
}
