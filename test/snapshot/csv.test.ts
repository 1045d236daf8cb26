import { describe, expect, it } from 'vitest';
import { rowsCsv } from '../../src/snapshot/csv';
import type { Column } from '../../src/engine/values';

const cols: Column[] = [
  { name: 'name', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'amount', kind: 'number', sqlType: 'DOUBLE' },
  { name: 'on', kind: 'date', sqlType: 'DATE' },
  { name: 'at', kind: 'timestamp', sqlType: 'TIMESTAMP' },
];

describe('CSV of rows in memory', () => {
  it('quotes what needs quoting, writes ISO dates and empty nulls', () => {
    const csv = rowsCsv(cols, [
      ['Dupont, "SA"', 1234.5, new Date('2025-03-01T00:00:00Z'), new Date('2025-03-01T08:09:10Z')],
      ['line\nbreak', -2, null, null],
    ]);
    expect(csv).toBe(
      'name,amount,on,at\r\n' + '"Dupont, ""SA""",1234.5,2025-03-01,2025-03-01 08:09:10\r\n' + '"line\nbreak",-2,,\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    const csv = rowsCsv(cols.slice(0, 2), [
      ['=HYPERLINK("http://evil")', -5],
      ['+1', 0],
      ['@SUM(A1)', 0],
      ['-2', 0],
    ]);
    expect(csv.split('\r\n').slice(1, 5)).toEqual([`"'=HYPERLINK(""http://evil"")",-5`, "'+1,0", "'@SUM(A1),0", "'-2,0"]);
  });
});
