/**
 * `input` cells hold one named parameter (`$as_of`) for the cells below. The value lives in the
 * fence attributes (` ```input as_of type=date value=2025-12-31 `), so the file keeps it.
 */
import { attr, type Cell } from '../model';

export type InputType = 'date' | 'number' | 'slider' | 'text' | 'select' | 'checkbox';

export function inputType(cell: Cell): InputType {
  const t = attr(cell, 'type');
  return (['date', 'number', 'slider', 'text', 'select', 'checkbox'] as const).find((x) => x === t) ?? 'text';
}

/** The parameter's value, typed for binding: numbers as numbers, checkboxes as booleans, dates as text. */
export function inputValue(cell: Cell): unknown {
  const raw = attr(cell, 'value') ?? null;
  switch (inputType(cell)) {
    case 'number':
    case 'slider': {
      const n = Number(raw);
      return raw === null || raw === '' || !Number.isFinite(n) ? null : n;
    }
    case 'checkbox':
      return raw === 'true';
    default:
      return raw;
  }
}
