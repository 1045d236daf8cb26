/** Copying cells for a spreadsheet: the exact text for each kind of value. */
import { describe, it, expect } from 'vitest';
import type { Column } from '../../src/engine/values';
import { toTsv, tsvValue } from '../../src/grid/tsv';
import { cellCount, moveBy, rectOf, selectRows, selectTo } from '../../src/grid/selection';

describe('TSV for spreadsheets', () => {
  it('numbers as plain digits with a dot, never grouped or in exponent form', () => {
    expect(tsvValue(1234567.89, 'number')).toBe('1234567.89');
    expect(tsvValue(-0.5, 'number')).toBe('-0.5');
    expect(tsvValue(1e21, 'number')).toBe('1e+21');
    expect(tsvValue(123456789012345680000, 'number')).toBe('123456789012345683968');
    expect(tsvValue(1e-7, 'number')).toBe('0.0000001');
    expect(tsvValue(42, 'integer')).toBe('42');
  });

  it('dates ISO, timestamps with their time, booleans and nulls', () => {
    expect(tsvValue(new Date(Date.UTC(2024, 1, 29)), 'date')).toBe('2024-02-29');
    expect(tsvValue(new Date(Date.UTC(2024, 1, 29, 13, 5, 9)), 'timestamp')).toBe('2024-02-29 13:05:09');
    expect(tsvValue(new Date(Date.UTC(2024, 1, 29, 13, 5, 9, 250)), 'timestamp')).toBe('2024-02-29 13:05:09.250');
    expect(tsvValue(true, 'boolean')).toBe('TRUE');
    expect(tsvValue(null, 'string')).toBe('');
  });

  it('quotes text holding a tab, a line break or a quote', () => {
    expect(tsvValue('plain text', 'string')).toBe('plain text');
    expect(tsvValue('a\tb', 'string')).toBe('"a\tb"');
    expect(tsvValue('say "hi"\n', 'string')).toBe('"say ""hi""\n"');
  });

  it('rows and an optional header line', () => {
    const cols: Column[] = [
      { name: 'name', kind: 'string', sqlType: 'VARCHAR' },
      { name: 'amount', kind: 'number', sqlType: 'DOUBLE' },
    ];
    const rows = [
      ['Acme', 1200.5],
      [null, 3],
    ];
    expect(toTsv(rows, cols)).toBe('Acme\t1200.5\n\t3');
    expect(toTsv(rows, cols, true)).toBe('name\tamount\nAcme\t1200.5\n\t3');
  });
});

describe('cell selection', () => {
  it('moves, extends from the anchor and stays inside the grid', () => {
    let s = selectTo(null, { row: 2, col: 1 }, false, 10, 3);
    s = moveBy(s, 1, 1, true, 10, 3);
    expect(rectOf(s)).toEqual({ top: 2, bottom: 3, left: 1, right: 2 });
    s = moveBy(s, 0, 5, true, 10, 3);
    expect(s.focus).toEqual({ row: 3, col: 2 });
    s = moveBy(s, -9, 0, false, 10, 3);
    expect(s).toEqual({ anchor: { row: 0, col: 2 }, focus: { row: 0, col: 2 } });
    expect(cellCount(rectOf(selectRows(4, 2, 3)))).toBe(9);
  });
});
