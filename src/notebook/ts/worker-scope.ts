/**
 * Inside the worker: the names a TypeScript cell finds in scope besides the results of other cells —
 * `sql` (a tagged template whose query the page runs with bound parameters), `display()`, a `console`
 * whose lines show under the cell, the analytics library and apache-arrow. Everything they produce
 * travels to the page as protocol messages.
 */
import * as arrow from 'apache-arrow';
import * as analytics from '../../analytics';
import type { WorkerDisplay, WorkerMessage, ReturnedValue } from './protocol';

export type Post = (message: WorkerMessage, transfer?: Transferable[]) => void;

interface Pending {
  resolve(rows: Record<string, unknown>[]): void;
  reject(err: Error): void;
  /** Made when the cell called `sql`, so a failure points at that call in the cell's code. */
  where: Error;
}

/** `sql` answers, by request id; shared by all runs of one worker. */
export class SqlRequests {
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  open(post: Post, message: (requestId: number) => WorkerMessage): Promise<Record<string, unknown>[]> {
    const where = new Error('sql');
    where.name = 'SQLError';
    return new Promise((resolve, reject) => {
      const requestId = this.next++;
      this.pending.set(requestId, { resolve, reject, where });
      try {
        post(message(requestId));
      } catch (err) {
        this.pending.delete(requestId);
        where.message = `A value given to sql cannot be sent to the database: ${(err as Error).message}`;
        reject(where);
      }
    });
  }

  answer(requestId: number, rows: Record<string, unknown>[] | null, error: string | null): void {
    const p = this.pending.get(requestId);
    if (!p) return;
    this.pending.delete(requestId);
    if (error === null) p.resolve(rows ?? []);
    else {
      p.where.message = error;
      p.reject(p.where);
    }
  }
}

/** A value as text for a log line or a text display. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
  if (typeof v === 'symbol') return v.toString();
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x), 2) ?? String(v);
  } catch {
    return String(v);
  }
}

const VEGA_KEYS = ['mark', 'layer', 'hconcat', 'vconcat', 'concat', 'facet', 'repeat'];

function isVegaLite(v: object): boolean {
  const schema = (v as { $schema?: unknown }).$schema;
  return (typeof schema === 'string' && schema.includes('vega-lite')) || VEGA_KEYS.some((k) => k in v);
}

function ipcOf(t: arrow.Table): { ipc: Uint8Array; transfer: Transferable[] } {
  const ipc = arrow.tableToIPC(t, 'stream');
  return { ipc, transfer: [ipc.buffer] };
}

/** What `display(value)` shows: text as Markdown, records or Arrow as a table, a spec as a chart. */
export function displayOf(value: unknown): { display: WorkerDisplay; transfer: Transferable[] } {
  if (typeof value === 'string') return { display: { kind: 'markdown', text: value }, transfer: [] };
  if (value instanceof arrow.Table) {
    const { ipc, transfer } = ipcOf(value);
    return { display: { kind: 'arrow', ipc }, transfer };
  }
  if (Array.isArray(value)) return { display: { kind: 'rows', rows: value }, transfer: [] };
  if (value !== null && typeof value === 'object' && isVegaLite(value)) {
    return { display: { kind: 'vega-lite', spec: value as Record<string, unknown> }, transfer: [] };
  }
  return { display: { kind: 'text', text: formatValue(value) }, transfer: [] };
}

/** What the cell's `return` becomes: records or Arrow make its result table; other values are shown. */
export function returnedValue(value: unknown): { value: ReturnedValue; transfer: Transferable[] } {
  if (value === undefined || value === null) return { value: { kind: 'none' }, transfer: [] };
  if (value instanceof arrow.Table) {
    const { ipc, transfer } = ipcOf(value);
    return { value: { kind: 'arrow', ipc }, transfer };
  }
  if (Array.isArray(value)) return { value: { kind: 'rows', rows: value }, transfer: [] };
  return { value: { kind: 'text', text: formatValue(value) }, transfer: [] };
}

/** The names every cell finds in scope, for one run. Keys must match SCOPE_NAMES (protocol.ts). */
export function cellScope(runId: number, post: Post, requests: SqlRequests): Record<string, unknown> {
  const send = (fn: (requestId: number) => WorkerMessage) => requests.open(post, fn);
  const sql = (strings: TemplateStringsArray, ...values: unknown[]) => {
    if (!Array.isArray(strings) || !Array.isArray((strings as { raw?: unknown }).raw)) {
      throw new TypeError('sql is a tagged template: write sql`SELECT … WHERE x = ${value}`, or sql.query(text, [values]).');
    }
    return send((requestId) => ({ type: 'sql', runId, requestId, strings: [...strings], values, positional: false }));
  };
  sql.query = (text: string, values: unknown[] = []) => {
    if (typeof text !== 'string') throw new TypeError('sql.query takes the SQL text first, then an array of values for $1, $2…');
    return send((requestId) => ({ type: 'sql', runId, requestId, strings: [text], values, positional: true }));
  };

  const show = (d: { display: WorkerDisplay; transfer: Transferable[] }) => post({ type: 'display', runId, display: d.display }, d.transfer);
  const display = (value: unknown) => show(displayOf(value));
  display.markdown = (text: string) => show({ display: { kind: 'markdown', text: String(text) }, transfer: [] });
  display.text = (text: unknown) => show({ display: { kind: 'text', text: formatValue(text) }, transfer: [] });
  display.table = (rows: unknown) => show(displayOf(Array.isArray(rows) || rows instanceof arrow.Table ? rows : [rows]));
  display.chart = (spec: Record<string, unknown>) => show({ display: { kind: 'vega-lite', spec }, transfer: [] });

  const log = (...args: unknown[]) => show({ display: { kind: 'log', text: args.map(formatValue).join(' ') }, transfer: [] });
  const console = { log, info: log, warn: log, error: log, debug: log, table: (rows: unknown) => display.table(rows) };

  return { sql, display, analytics, arrow, console };
}
