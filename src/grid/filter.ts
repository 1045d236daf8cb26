/**
 * Filters as SQL predicates: which kind of filter a column gets, the predicate of each, and the
 * WHERE clause of a whole view. Every value is written as a quoted literal (literals.ts).
 */
import type { Column } from '../engine/values';
import { containsPattern, dayLit, ident, numberLit, valueLit } from './literals';
import type { Filter, FilterKind } from './types';

/** A value list is offered up to this many distinct values; past it a list is no longer a quick pick. */
export const VALUE_LIST_MAX = 20;

/**
 * The filter a column's filter box edits: numbers get a range, dates a range of days, booleans a
 * value list, anything else a "contains" text box (and a value list too when it has few values).
 */
export function filterKindOf(column: Column): Exclude<FilterKind, 'values'> | 'values' {
  switch (column.kind) {
    case 'integer':
    case 'number':
      return 'range';
    case 'date':
    case 'timestamp':
      return 'dates';
    case 'boolean':
      return 'values';
    default:
      return 'contains';
  }
}

/** True when a filter keeps every row (an empty text box, an open range): it is left out. */
export function isEmptyFilter(f: Filter): boolean {
  switch (f.kind) {
    case 'contains':
      return f.text === '';
    case 'range':
      return f.min === null && f.max === null;
    case 'dates':
      return f.from === null && f.to === null;
    case 'values':
      return false;
  }
}

function between(target: string, lo: string | null, hi: string | null): string {
  if (lo !== null && hi !== null) return `${target} BETWEEN ${lo} AND ${hi}`;
  if (lo !== null) return `${target} >= ${lo}`;
  return `${target} <= ${hi}`;
}

/** The predicate of one filter over a column of the given kind. */
export function filterPredicate(f: Filter, column: Column): string {
  const c = ident(f.column);
  switch (f.kind) {
    case 'contains': {
      const target = column.kind === 'string' ? c : `CAST(${c} AS VARCHAR)`;
      const { pattern, escaped } = containsPattern(f.text);
      return `${target} ILIKE ${pattern}${escaped ? ` ESCAPE '\\'` : ''}`;
    }
    case 'range':
      return between(c, f.min === null ? null : numberLit(f.min), f.max === null ? null : numberLit(f.max));
    case 'dates': {
      // A timestamp is kept when its calendar day is in the range.
      const target = column.kind === 'date' ? c : `CAST(${c} AS DATE)`;
      return between(target, f.from === null ? null : dayLit(f.from), f.to === null ? null : dayLit(f.to));
    }
    case 'values': {
      const present = f.values.filter((v): v is string | number | boolean => v !== null);
      const parts: string[] = [];
      if (present.length) parts.push(`${c} IN (${present.map(valueLit).join(', ')})`);
      if (present.length < f.values.length) parts.push(`${c} IS NULL`);
      if (parts.length === 0) return 'FALSE';
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
  }
}

/** The predicates of a view's filters (empty ones left out), over the result's columns. */
export function filterPredicates(filters: readonly Filter[], columns: readonly Column[]): string[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out: string[] = [];
  for (const f of filters) {
    if (isEmptyFilter(f)) continue;
    const column = byName.get(f.column);
    if (!column) throw new Error(`The filter is on "${f.column}", which this result does not have.`);
    out.push(filterPredicate(f, column));
  }
  return out;
}

/** Replaces the filter of that column and kind (or adds it); an empty filter removes it. */
export function setFilter(filters: readonly Filter[], f: Filter): Filter[] {
  const rest = filters.filter((x) => !(x.column === f.column && x.kind === f.kind));
  return isEmptyFilter(f) ? rest : [...rest, f];
}

export function filterOf<K extends FilterKind>(filters: readonly Filter[], column: string, kind: K): Extract<Filter, { kind: K }> | undefined {
  return filters.find((f) => f.column === column && f.kind === kind) as Extract<Filter, { kind: K }> | undefined;
}
