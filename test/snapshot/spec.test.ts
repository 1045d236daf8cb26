import { describe, expect, it } from 'vitest';
import { inlineRowCount, inwardSpec } from '../../src/snapshot/spec';

describe('chart specs in a snapshot', () => {
  it('count inline rows in data.values anywhere and in named datasets', () => {
    const spec = inwardSpec({
      datasets: { a: [{ x: 1 }, { x: 2 }], b: [{ x: 3 }] },
      layer: [{ data: { values: [{ y: 1 }, { y: 2 }, { y: 3 }, { y: 4 }] } }, { data: { name: 'a' } }],
    });
    // 2 + 1 rows of datasets, 4 inline values.
    expect(inlineRowCount(spec)).toBe(7);
  });

  it('become plain JSON: no functions, no undefined, no non-finite numbers, dates as text', () => {
    expect(inwardSpec({ a: () => 1, b: undefined, c: Number.POSITIVE_INFINITY, d: new Date('2025-01-02T00:00:00Z'), e: [1, undefined] })).toEqual({
      c: null,
      d: '2025-01-02T00:00:00.000Z',
      e: [1, null],
    });
  });
});
