import { describe, expect, it } from 'vitest';
import { cellStateOf, chartsOf } from '../../src/snapshot/view';
import { decodeValue, encodeValue } from '../../src/snapshot/values';
import type { CodeSnapshotCell } from '../../src/snapshot/payload';

describe('values through JSON', () => {
  it('write dates as days, timestamps as ISO instants, non-finite numbers as text — and read them back', () => {
    const day = new Date('2025-03-01T00:00:00Z');
    const instant = new Date('2025-03-01T08:09:10.123Z');
    expect(encodeValue(day, 'date')).toBe('2025-03-01');
    expect(encodeValue(instant, 'timestamp')).toBe('2025-03-01T08:09:10.123Z');
    expect(encodeValue(Number.NaN, 'number')).toBe('NaN');
    expect(encodeValue([day, 1], 'list')).toEqual(['2025-03-01T00:00:00.000Z', 1]);
    expect(decodeValue('2025-03-01', 'date')).toEqual(day);
    expect(decodeValue('2025-03-01T08:09:10.123Z', 'timestamp')).toEqual(instant);
    expect(decodeValue('-Infinity', 'number')).toBe(-Infinity);
    // Text that is not a date stays text rather than becoming an invalid Date.
    expect(decodeValue('soon', 'date')).toBe('soon');
  });
});

describe('a snapshot cell as the editor components see it', () => {
  const cell: CodeSnapshotCell = {
    kind: 'sql',
    name: 'q',
    attrs: [],
    source: null,
    reads: ['deals'],
    status: 'done',
    error: null,
    result: {
      columns: [
        { name: 'on', kind: 'date', sqlType: 'DATE' },
        { name: 'n', kind: 'integer', sqlType: 'BIGINT' },
      ],
      rowCount: 250,
      rows: [['2025-01-02', 7]],
      totals: [null, 900],
      note: 'first rows only',
      displays: [
        { kind: 'markdown', text: '**hi**' },
        { kind: 'vega-lite', spec: { mark: 'bar' }, svg: '<svg></svg>', note: null },
        { kind: 'table', columns: [{ name: 'x', kind: 'string', sqlType: 'VARCHAR' }], rows: [['a'], ['b']], rowCount: 40 },
      ],
      elapsedMs: 12,
      finishedAt: 1000,
      generatedSql: null,
      provenance: null,
    },
  };

  it('is a CellState over in-memory rows, with the charts set apart', () => {
    expect(cellStateOf(cell)).toEqual({
      status: 'done',
      reads: ['deals'],
      error: undefined,
      result: {
        relation: null,
        rowCount: 250,
        columns: cell.result!.columns,
        inline: [[new Date('2025-01-02T00:00:00Z'), 7]],
        elapsedMs: 12,
        finishedAt: 1000,
        notice: 'first rows only',
        displays: [
          { kind: 'markdown', text: '**hi**' },
          // A table display holds 2 of its 40 rows: it shows the 2 it has.
          { kind: 'table', columns: [{ name: 'x', kind: 'string', sqlType: 'VARCHAR' }], rows: [['a'], ['b']], rowCount: 2 },
        ],
        generatedSql: undefined,
      },
    });
    expect(chartsOf(cell)).toEqual([{ kind: 'vega-lite', spec: { mark: 'bar' }, svg: '<svg></svg>', note: null }]);
  });
});
