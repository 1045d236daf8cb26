/**
 * A view applied to rows already in memory (a snapshot's frozen rows, a TypeScript cell's table),
 * with the meaning the SQL has in DuckDB: ILIKE matching, inclusive ranges, calendar days in UTC,
 * empty cells last in either direction.
 */
import type { Column, Plain } from '../engine/values';
import { isEmptyFilter } from './filter';
import { isIsoDay } from './literals';
import type { Filter, GridView } from './types';

function textOf(v: Plain, kind: Column['kind']): string {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return kind === 'date' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function dayOf(v: Plain): string | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : null;
}

function keeps(f: Filter, v: Plain, kind: Column['kind']): boolean {
  switch (f.kind) {
    case 'contains':
      return v !== null && textOf(v, kind).toLowerCase().includes(f.text.toLowerCase());
    case 'range':
      return typeof v === 'number' && (f.min === null || v >= f.min) && (f.max === null || v <= f.max);
    case 'dates': {
      const day = dayOf(v);
      if (day === null) return false;
      return (f.from === null || !isIsoDay(f.from) || day >= f.from) && (f.to === null || !isIsoDay(f.to) || day <= f.to);
    }
    case 'values':
      return f.values.some((x) => (x === null ? v === null : v !== null && x === (v instanceof Date ? v.getTime() : v)));
  }
}

function compare(a: Plain, b: Plain): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Positions of the rows the view shows, in its order (a stable sort: ties keep their order). */
export function viewIndices(rows: readonly (readonly Plain[])[], columns: readonly Column[], view: GridView): number[] {
  const at = new Map(columns.map((c, k) => [c.name, k]));
  const filters = view.filters.filter((f) => !isEmptyFilter(f) && at.has(f.column));
  let idx = rows.map((_, i) => i);
  if (filters.length) {
    idx = idx.filter((i) => filters.every((f) => keeps(f, rows[i]![at.get(f.column)!] ?? null, columns[at.get(f.column)!]!.kind)));
  }
  const keys = view.sort.filter((k) => at.has(k.column));
  if (keys.length) {
    idx.sort((i, j) => {
      for (const k of keys) {
        const a = rows[i]![at.get(k.column)!] ?? null;
        const b = rows[j]![at.get(k.column)!] ?? null;
        if (a === null || b === null) {
          if (a === b) continue;
          return a === null ? 1 : -1;
        }
        const c = compare(a, b);
        if (c !== 0) return k.direction === 'asc' ? c : -c;
      }
      return i - j;
    });
  }
  return idx;
}
