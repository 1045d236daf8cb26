/**
 * A rectangular selection of cells, as in a spreadsheet: an anchor where it started and a focus that
 * moves (arrows, shift+arrows, shift-click, drag). Rows are positions in the grid's current view.
 */
export interface CellPos {
  row: number;
  col: number;
}

export interface CellSelection {
  anchor: CellPos;
  focus: CellPos;
}

export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rectOf(s: CellSelection): Rect {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export function inRect(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The cell at (row, col), kept inside the grid; with `extend` the anchor stays where it was. */
export function selectTo(s: CellSelection | null, to: CellPos, extend: boolean, rows: number, cols: number): CellSelection {
  const focus = { row: clamp(to.row, 0, Math.max(0, rows - 1)), col: clamp(to.col, 0, Math.max(0, cols - 1)) };
  return { anchor: extend && s ? s.anchor : focus, focus };
}

/** Moves the focus by (dRow, dCol). */
export function moveBy(s: CellSelection | null, dRow: number, dCol: number, extend: boolean, rows: number, cols: number): CellSelection {
  const from = s?.focus ?? { row: 0, col: 0 };
  return selectTo(s, { row: from.row + dRow, col: from.col + dCol }, extend, rows, cols);
}

/** Whole rows from `fromRow` to `toRow`, every column. */
export function selectRows(fromRow: number, toRow: number, cols: number): CellSelection {
  return { anchor: { row: fromRow, col: 0 }, focus: { row: toRow, col: Math.max(0, cols - 1) } };
}

export function cellCount(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}
