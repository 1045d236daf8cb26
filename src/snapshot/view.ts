/**
 * A snapshot cell as the editor's components expect it: a CellState over in-memory rows and no engine,
 * so the read-only viewer renders results with the very components of the live editor — narrowed by
 * the reader's filters where the rows allow it (narrow.ts), with what was and was not narrowed in words.
 */
import { i18nFor, type I18n } from '../i18n/i18n';
import type { CellState, Display } from '../notebook/state';
import { activeDimensions, narrowingText, narrowRows, type PartnerIndex, type SnapshotFilters } from './narrow';
import type { CodeSnapshotCell, JsonValue, SnapshotDisplay, SnapshotResult } from './payload';
import { decodeRows } from './values';

export type ChartDisplay = Extract<SnapshotDisplay, { kind: 'vega-lite' }>;

function display(d: Exclude<SnapshotDisplay, ChartDisplay>): Display {
  return d.kind === 'table' ? { kind: 'table', columns: d.columns, rows: decodeRows(d.columns, d.rows), rowCount: Math.min(d.rowCount, d.rows.length) } : d;
}

/** The cell's charts (drawn by the snapshot's chart component, with their static fallback). */
export function chartsOf(cell: CodeSnapshotCell): ChartDisplay[] {
  return (cell.result?.displays ?? []).filter((d): d is ChartDisplay => d.kind === 'vega-lite');
}

function stateOf(cell: CodeSnapshotCell, r: SnapshotResult | null): CellState {
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
          ...(r.provenance ? { provenance: r.provenance } : {}),
        }
      : undefined,
  };
}

export function cellStateOf(cell: CodeSnapshotCell): CellState {
  return stateOf(cell, cell.result);
}

export interface NarrowedCell {
  state: CellState;
  /** What the filters did to this cell's table and text, for the reader; empty when nothing is filtered. */
  lines: string[];
  /** Rows shown of the result's table, after narrowing (its row count when not narrowed). */
  rows: number;
  /** The result's own table was narrowed (by at least one dimension). */
  applied: boolean;
}

const EN = i18nFor('en').t;

/**
 * The cell's result narrowed by the filters: its table and its tables shown; its charts apart
 * (narrowSpec). What was narrowed is said in the language of `t`.
 */
export function narrowedCell(cell: CodeSnapshotCell, index: PartnerIndex, filters: SnapshotFilters, t: I18n['t'] = EN): NarrowedCell {
  const r = cell.result;
  if (!r || activeDimensions(filters).length === 0) return { state: cellStateOf(cell), lines: [], rows: r?.rowCount ?? 0, applied: false };
  const lines: string[] = [];
  let rows: JsonValue[][] = r.rows;
  let rowCount = r.rowCount;
  let applied = false;
  if (r.columns.length) {
    const n = narrowRows(r.columns, r.rows, r.rowCount, index, filters);
    rows = n.rows;
    applied = n.applied.length > 0;
    if (applied) rowCount = rows.length;
    lines.push(...narrowingText(n, applied ? { rows: rows.length, of: r.rowCount } : undefined, t));
  }
  const displays = r.displays.map((d): SnapshotDisplay => {
    if (d.kind !== 'table') return d;
    const n = narrowRows(d.columns, d.rows, d.rowCount, index, filters);
    if (n.applied.length || n.skipped.length) lines.push(...narrowingText(n, undefined, t).map((l) => t('core.narrow.its_table', { line: `${l.charAt(0).toLowerCase()}${l.slice(1)}` })));
    return n.applied.length ? { ...d, rows: n.rows, rowCount: n.rows.length } : d;
  });
  if (r.displays.some((d) => d.kind === 'markdown' || d.kind === 'text')) lines.push(t('core.narrow.text_whole'));
  return { state: stateOf(cell, { ...r, rows, rowCount, displays }), lines, rows: rowCount, applied };
}
