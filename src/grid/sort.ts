/**
 * Sorting by header clicks, as spreadsheets and data grids do: a click sorts by that column
 * ascending, a second click descending, a third clears it; shift-click adds (or cycles) the column as
 * a further key and keeps the others.
 */
import { ident } from '../sql/quote';
import type { SortKey } from './types';

export function cycleSort(keys: readonly SortKey[], column: string, additive: boolean): SortKey[] {
  const at = keys.findIndex((k) => k.column === column);
  const current = at < 0 ? null : keys[at]!.direction;
  const next = current === null ? 'asc' : current === 'asc' ? 'desc' : null;
  if (!additive) return next === null ? [] : [{ column, direction: next }];
  if (at < 0) return [...keys, { column, direction: 'asc' }];
  return next === null ? keys.filter((_, k) => k !== at) : keys.map((k, i) => (i === at ? { column, direction: next } : k));
}

/**
 * `"a" DESC NULLS LAST, "b" ASC NULLS LAST`. Empty cells go last in both directions, as a
 * spreadsheet puts them: a descending sort shows the largest values first, not a screen of nulls.
 */
export function orderByList(keys: readonly SortKey[]): string {
  return keys.map((k) => `${ident(k.column)} ${k.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`).join(', ');
}

/** The ARIA value for a column header: only the first key is announced as the table's sort. */
export function ariaSort(keys: readonly SortKey[], column: string): 'ascending' | 'descending' | undefined {
  const first = keys[0];
  if (!first || first.column !== column) return undefined;
  return first.direction === 'asc' ? 'ascending' : 'descending';
}
