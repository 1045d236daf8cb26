/**
 * A grid's view as SQL: the query the grid pages through, and the same query written for a person
 * ("Add as a cell"), both from the same parts so they cannot disagree.
 */
import type { Column } from '../engine/values';
import { filterPredicates } from './filter';
import { ident } from './literals';
import { orderByList } from './sort';
import type { GridView } from './types';

export function isIdentityView(view: GridView): boolean {
  return view.sort.length === 0 && view.filters.length === 0;
}

/** `SELECT * FROM rel WHERE … ORDER BY …` on one line, for the grid itself. */
export function viewQuery(relation: string, view: GridView, columns: readonly Column[]): string {
  const where = filterPredicates(view.filters, columns);
  const order = orderByList(view.sort);
  return `SELECT * FROM ${relation}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${order ? ` ORDER BY ${order}` : ''}`;
}

/** The same query as the source of a new SQL cell reading the result by its cell name. */
export function viewCellSql(name: string, view: GridView, columns: readonly Column[]): string {
  const where = filterPredicates(view.filters, columns);
  const order = orderByList(view.sort);
  const lines = ['SELECT *', `FROM ${ident(name)}`];
  if (where.length) lines.push(`WHERE ${where.join('\n  AND ')}`);
  if (order) lines.push(`ORDER BY ${order}`);
  return lines.join('\n');
}
