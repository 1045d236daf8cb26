/**
 * A snapshot cell as the editor's components expect it: a CellState over in-memory rows and no engine,
 * so the read-only viewer renders results with the very components of the live editor.
 */
import type { CellState, Display } from '../notebook/state';
import type { CodeSnapshotCell, SnapshotDisplay } from './payload';
import { decodeRows } from './values';

export type ChartDisplay = Extract<SnapshotDisplay, { kind: 'vega-lite' }>;

function display(d: Exclude<SnapshotDisplay, ChartDisplay>): Display {
  return d.kind === 'table' ? { kind: 'table', columns: d.columns, rows: decodeRows(d.columns, d.rows), rowCount: Math.min(d.rowCount, d.rows.length) } : d;
}

/** The cell's charts (drawn by the snapshot's chart component, with their static fallback). */
export function chartsOf(cell: CodeSnapshotCell): ChartDisplay[] {
  return (cell.result?.displays ?? []).filter((d): d is ChartDisplay => d.kind === 'vega-lite');
}

export function cellStateOf(cell: CodeSnapshotCell): CellState {
  const r = cell.result;
  return {
    status: cell.status === 'idle' && r ? 'done' : cell.status,
    reads: cell.reads,
    error: cell.error ? { ...cell.error, kind: 'snapshot' } : undefined,
    result: r
      ? {
          relation: null,
          rowCount: r.rowCount,
          columns: r.columns,
          inline: decodeRows(r.columns, r.rows),
          elapsedMs: r.elapsedMs,
          finishedAt: r.finishedAt,
          notice: r.note ?? undefined,
          displays: r.displays.filter((d): d is Exclude<SnapshotDisplay, ChartDisplay> => d.kind !== 'vega-lite').map(display),
          generatedSql: r.generatedSql ?? undefined,
        }
      : undefined,
  };
}
