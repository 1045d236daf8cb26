/** The comparison the differential and CLI tests rely on: it must catch what differs, and only that. */
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/engine/values';
import { compareResults, hasTopLevelOrderBy, sameJson } from './compare';

const columns: Column[] = [
  { name: 'id', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'revenue', kind: 'number', sqlType: 'DOUBLE' },
];
const result = (rows: [string, number][]) => ({ columns, rows });

describe('compareResults', () => {
  it('accepts the same rows, in any order when unordered', () => {
    expect(compareResults(result([['a', 1], ['b', 2]]), result([['b', 2], ['a', 1]]), false)).toBeNull();
  });

  it('catches a changed value, a missing row and other columns', () => {
    expect(compareResults(result([['a', 1], ['b', 2]]), result([['a', 1], ['b', 3]]), false)?.what).toBe('sorted row 1');
    expect(compareResults(result([['a', 1], ['b', 2]]), result([['a', 1]]), false)?.what).toBe('row count');
    expect(compareResults(result([['a', 1]]), { columns: [columns[0]!, { ...columns[1]!, sqlType: 'DECIMAL(18,2)' }], rows: [['a', 1]] }, false)?.what).toBe('columns');
  });

  it('tolerates a relative 1e-9 on numbers, not more', () => {
    expect(compareResults(result([['a', 1e6]]), result([['a', 1e6 * (1 + 1e-12)]]), false)).toBeNull();
    expect(compareResults(result([['a', 1e6]]), result([['a', 1e6 * (1 + 1e-6)]]), false)).not.toBeNull();
  });

  it('in order, lets rows tied on the sort swap, but not rows the sort tells apart', () => {
    const sorted = result([['a', 3], ['b', 0], ['c', 0]]);
    expect(compareResults(sorted, result([['a', 3], ['c', 0], ['b', 0]]), true)).toBeNull();
    expect(compareResults(sorted, result([['b', 0], ['a', 3], ['c', 0]]), true)?.what).toMatch(/^order/);
  });
});

describe('hasTopLevelOrderBy', () => {
  it('sees the final ORDER BY, not one inside a window or subquery, a string or a comment', () => {
    expect(hasTopLevelOrderBy('SELECT * FROM t ORDER BY x')).toBe(true);
    expect(hasTopLevelOrderBy('SELECT rank() OVER (ORDER BY x) FROM t')).toBe(false);
    expect(hasTopLevelOrderBy('SELECT * FROM (SELECT * FROM t ORDER BY x)')).toBe(false);
    expect(hasTopLevelOrderBy("SELECT 'order by' AS s -- order by\nFROM t")).toBe(false);
    expect(hasTopLevelOrderBy('CREATE TEMP TABLE a AS SELECT 1 ORDER BY 1; SELECT * FROM a')).toBe(false);
  });
});

describe('sameJson', () => {
  it('compares row arrays as multisets with the numeric tolerance', () => {
    expect(sameJson({ values: [{ a: 1 }, { a: 2 }] }, { values: [{ a: 2 }, { a: 1 + 1e-12 }] })).toBe(true);
    expect(sameJson({ values: [{ a: 1 }, { a: 2 }] }, { values: [{ a: 2 }, { a: 1.1 }] })).toBe(false);
    expect(sameJson({ sort: ['x', 'y'] }, { sort: ['y', 'x'] })).toBe(false);
  });
});
