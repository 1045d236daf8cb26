/**
 * What a result grid shows of its result: the order (sort keys) and the filters. Plain data, so the
 * same view turns into SQL for DuckDB, into a SQL cell, or is applied to rows already in memory.
 */
import type { Column, Plain } from '../engine/values';

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  column: string;
  direction: SortDirection;
}

/** Text a column's values contain, ignoring case (any column; non-text columns as their text). */
export interface ContainsFilter {
  kind: 'contains';
  column: string;
  text: string;
}

/** A number range, both ends included; null leaves that end open. */
export interface RangeFilter {
  kind: 'range';
  column: string;
  min: number | null;
  max: number | null;
}

/** A range of calendar days (YYYY-MM-DD), both ends included; null leaves that end open. */
export interface DateRangeFilter {
  kind: 'dates';
  column: string;
  from: string | null;
  to: string | null;
}

/** The values to keep (a value list), null meaning the empty cells. */
export interface ValuesFilter {
  kind: 'values';
  column: string;
  values: (string | number | boolean | null)[];
}

export type Filter = ContainsFilter | RangeFilter | DateRangeFilter | ValuesFilter;
export type FilterKind = Filter['kind'];

export interface GridView {
  sort: SortKey[];
  filters: Filter[];
}

export const EMPTY_VIEW: GridView = { sort: [], filters: [] };

export type { Column, Plain };
