/**
 * What a notebook showed when it was last saved (issue 16.1): each cell's status, the first page of its
 * result, its displays (a chart as the drawing it made), its error, and the key it was computed under
 * (cell-keys.ts). Kept beside the notebook, shown at once on the next open while the engine starts,
 * and adopted as current for every cell whose key has not changed.
 *
 * A cell that was stopped, ran out of time, or was still running when the page went away is kept as
 * such: it does not run again by itself on the next open (an endless loop would run on every load).
 */
import { i18nFor, type I18n } from '../i18n/i18n';
import type { Plain } from '../engine/values';
import type { Cell } from './model';
import type { CellError, CellResult, CellState, CellStatus, Display } from './state';

export const LAST_RESULTS_VERSION = 1;
/** Rows of a result kept for the first screen. */
export const FIRST_PAGE_ROWS = 50;
/** A display larger than this (serialised) is left out; the cell shows it when it runs again. */
export const MAX_DISPLAY_CHARS = 400_000;


export interface LastCell {
  name: string;
  kind: Cell['kind'];
  status: CellStatus;
  /** The key of what it read when it ran (absent: it cannot be adopted, only shown). */
  key?: string;
  result?: Omit<CellResult, 'displays'> & { firstPage?: Plain[][]; displays?: Display[] };
  error?: CellError;
}

export interface LastResults {
  version: number;
  savedAt: number;
  /** By cell name, or `#<index>` for an unnamed cell (ids do not survive a reload). */
  cells: Record<string, LastCell>;
}

/** The name a cell's kept state is filed under. */
export function slotOf(cell: Cell, index: number): string {
  return cell.name ? cell.name.toLowerCase() : `#${index}`;
}

/** Statuses that mean the cell was stopped by the user, by its time limit, or by the page going away. */
export function wasInterrupted(last: Pick<LastCell, 'status' | 'error'>): boolean {
  return last.status === 'running' || last.status === 'queued' || (last.status === 'error' && last.error?.kind === 'cancelled');
}

export interface CaptureInput {
  cells: readonly Cell[];
  state: (id: string) => CellState;
  keys: ReadonlyMap<string, string>;
  /** The first rows of a cell's result table (null when it cannot be read now). */
  firstPage: (cell: Cell, result: CellResult) => Plain[][] | null;
  /** The drawing of a chart display (cell, index among its displays), when the host has one. */
  drawing?: (cell: Cell, index: number) => string | null;
  now?: number;
}

/** What to keep of the notebook's cells now. Pure: the host passes what it can read. */
export function captureLastResults(input: CaptureInput): LastResults {
  const cells: Record<string, LastCell> = {};
  input.cells.forEach((cell, i) => {
    if (cell.kind === 'markdown') return;
    const s = input.state(cell.id);
    const key = input.keys.get(cell.id);
    const kept: LastCell = { name: cell.name, kind: cell.kind, status: s.status, ...(key ? { key } : {}) };
    if (s.error) kept.error = s.error;
    if (s.result) {
      const { displays, ...rest } = s.result;
      const firstPage = input.firstPage(cell, s.result);
      const shown = (displays ?? []).map((d, k) => keepDisplay(d, input.drawing?.(cell, k) ?? null)).filter((d): d is Display => d !== null);
      kept.result = { ...rest, ...(firstPage ? { firstPage } : {}), ...(shown.length ? { displays: shown } : {}) };
    }
    cells[slotOf(cell, i)] = kept;
  });
  return { version: LAST_RESULTS_VERSION, savedAt: input.now ?? Date.now(), cells };
}

function keepDisplay(d: Display, drawing: string | null): Display | null {
  if (d.kind === 'vega-lite') {
    // The drawing paints at once (no Vega to load); the spec, when small, makes the chart live again.
    const svg = drawing && drawing.length <= MAX_DISPLAY_CHARS ? drawing : null;
    if (JSON.stringify(d.spec).length <= MAX_DISPLAY_CHARS) return svg ? { ...d, drawing: svg } : d;
    return svg ? { kind: 'drawing', svg, ...(typeof d.spec.title === 'string' ? { title: d.spec.title } : {}) } : null;
  }
  return JSON.stringify(d).length <= MAX_DISPLAY_CHARS ? d : null;
}

/** The kept state of `cell` (at `index` in the notebook), if any and of the same kind. */
export function lastOf(last: LastResults | null, cell: Cell, index: number): LastCell | null {
  const kept = last?.cells[slotOf(cell, index)];
  return kept && kept.kind === cell.kind ? kept : null;
}

/** A kept state as the runner's state of a cell: shown as it was; charts kept as drawings stay drawings. */
export function asCellState(kept: LastCell, reads: string[] = [], t: I18n['t'] = i18nFor('en').t): CellState {
  const { firstPage: _firstPage, displays, ...result } = kept.result ?? ({} as NonNullable<LastCell['result']>);
  const status: CellStatus = wasInterrupted(kept) ? 'error' : kept.status === 'done' ? 'done' : kept.status === 'error' ? 'error' : 'idle';
  const error: CellError | undefined = wasInterrupted(kept)
    ? {
        kind: 'cancelled',
        message: kept.status === 'error' ? (kept.error?.message ?? t('core.notebook.kept_stopped')) : t('core.notebook.kept_running'),
        hint: t('core.notebook.kept_hint'),
      }
    : kept.error;
  return {
    status,
    reads,
    ...(kept.result ? { result: { ...(result as CellResult), ...(displays ? { displays } : {}) } } : {}),
    ...(error ? { error } : {}),
  };
}

/** Is the value a LastResults this version can read? (It comes from storage.) */
export function isLastResults(v: unknown): v is LastResults {
  return !!v && typeof v === 'object' && (v as LastResults).version === LAST_RESULTS_VERSION && typeof (v as LastResults).cells === 'object' && (v as LastResults).cells !== null;
}
