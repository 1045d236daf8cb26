/** Columns to CSV bytes for read_csv: header, quoting, nulls and numbers, on a table written by hand. */
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/demo/table-csv';

describe('tableCsv', () => {
  it('writes a header, quotes only what needs it, leaves nulls empty and keeps numbers exact', () => {
    const bytes = tableCsv(
      {
        id: ['P0001', 'P0002', 'P0003'],
        name: ['Dupré & Fils', 'Le "Grand" Café', null],
        stack: ['AWS, SAP', 'Odoo', 'Sage'],
        amount: [1234.5, 0.1, null],
        ignored: ['x', 'y', 'z'],
      },
      ['id', 'name', 'stack', 'amount'],
    );
    expect(new TextDecoder().decode(bytes)).toBe(
      'id,name,stack,amount\n' +
        'P0001,Dupré & Fils,"AWS, SAP",1234.5\n' +
        'P0002,"Le ""Grand"" Café",Odoo,0.1\n' +
        'P0003,,Sage,\n',
    );
  });

  it('refuses a missing column or columns of different lengths', () => {
    expect(() => tableCsv({ a: [1] }, ['a', 'b'])).toThrow(/b is missing/);
    expect(() => tableCsv({ a: [1], b: [1, 2] }, ['a', 'b'])).toThrow(/b has 2 values, expected 1/);
  });

  it('writes just the header for an empty table', () => {
    expect(new TextDecoder().decode(tableCsv({ a: [], b: [] }, ['a', 'b']))).toBe('a,b\n');
  });
});
