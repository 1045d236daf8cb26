/**
 * --json: what the run gave, cell by cell, for a script or another program. Values are encoded as the
 * snapshot encodes them (dates as YYYY-MM-DD, timestamps as ISO 8601, non-finite numbers as text), and
 * each result holds at most JSON_ROW_LIMIT rows, with its full rowCount and `truncated`.
 */
import type { Engine } from '../engine/types';
import type { Column } from '../engine/values';
import type { Cell, Notebook } from '../notebook/model';
import { fetchPage } from '../notebook/results';
import type { CellState } from '../notebook/state';
import type { JsonValue } from '../snapshot/payload';
import { encodeRows } from '../snapshot/values';
import { JSON_ROW_LIMIT } from './help';
import { inputValue } from '../notebook/kinds/input-cell';

export interface CellReport {
  name: string;
  kind: Cell['kind'];
  status: CellState['status'];
  /** An input cell's value, as the run used it. */
  value?: unknown;
  error: { message: string; hint: string } | null;
  elapsedMs: number | null;
  columns: { name: string; type: string; kind: Column['kind'] }[];
  rowCount: number;
  truncated: boolean;
  rows: JsonValue[][];
}

export interface RunReport {
  notebook: string;
  engine: string;
  data: unknown;
  /** Each model table the notebooks read: where it came from (demo, your files, derived, missing) and its rows. */
  model: { table: string; source: string; rows: number | null; files: string[]; derivedFrom?: string }[];
  startedAt: string;
  /** Wall-clock times: putting the data in (demo or --data), running every cell, the whole command so far. */
  timings: { dataMs: number; runMs: number; totalMs: number };
  /** The process's peak resident memory (DuckDB's included: it runs in the process) and CPU time so far. */
  resources: { maxRssBytes: number; userCpuMs: number; systemCpuMs: number };
  ok: boolean;
  rowLimit: number;
  cells: CellReport[];
}

export async function cellReport(engine: Engine, cell: Cell, state: CellState, limit = JSON_ROW_LIMIT): Promise<CellReport> {
  const r = state.result;
  const columns = r?.columns ?? [];
  let rows: JsonValue[][] = [];
  if (r?.relation) rows = encodeRows(columns, await fetchPage(engine, r.relation, 0, limit));
  else if (r?.inline) rows = encodeRows(columns, r.inline.slice(0, limit));
  const rowCount = r && columns.length ? r.rowCount : 0;
  return {
    name: cell.name,
    kind: cell.kind,
    status: state.status,
    ...(cell.kind === 'input' ? { value: inputValue(cell) ?? null } : {}),
    error: state.error ? { message: state.error.message, hint: state.error.hint } : null,
    elapsedMs: r ? Math.round(r.elapsedMs) : null,
    columns: columns.map((c) => ({ name: c.name, type: c.sqlType, kind: c.kind })),
    rowCount,
    truncated: rows.length < rowCount,
    rows,
  };
}

/** process.resourceUsage(): maxRSS is in KiB, CPU times in µs. */
export function resources(): RunReport['resources'] {
  const u = process.resourceUsage();
  return { maxRssBytes: u.maxRSS * 1024, userCpuMs: Math.round(u.userCPUTime / 1000), systemCpuMs: Math.round(u.systemCPUTime / 1000) };
}

/** Every named code cell of the notebook, in the notebook's order. */
export async function cellReports(engine: Engine, notebook: Notebook, state: (id: string) => CellState): Promise<CellReport[]> {
  const out: CellReport[] = [];
  for (const cell of notebook.cells) if (cell.kind !== 'markdown' && cell.name) out.push(await cellReport(engine, cell, state(cell.id)));
  return out;
}
