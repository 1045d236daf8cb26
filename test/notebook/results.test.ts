import { describe, it, expect, beforeAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { fetchPage, relationCsv, listTables } from '../../src/notebook/results';
import { formatValue } from '../../src/engine/format';
import { columnsOf, plainRows } from '../../src/engine/values';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE TABLE t AS SELECT range AS id, DATE '2024-01-01' + range::INTEGER AS d,
    (range * 1.5)::DECIMAL(18,2) AS amount, 'Société ' || range AS name FROM range(1000)`);
});

describe('results', () => {
  it('pages through a relation', async () => {
    const page = await fetchPage(engine, 't', 998, 10);
    expect(page).toEqual([
      [998, new Date(Date.UTC(2026, 8, 25)), 1497, 'Société 998'],
      [999, new Date(Date.UTC(2026, 8, 26)), 1498.5, 'Société 999'],
    ]);
  });
  it('converts BIGINT, DECIMAL, DATE, TIMESTAMP, HUGEINT and lists to plain values', async () => {
    const t = await engine.query(`SELECT 9007199254740991::BIGINT AS big, 12345678901234567890::HUGEINT AS huge,
      -12.5::DECIMAL(38,3) AS dec, TIMESTAMP '2024-03-04 05:06:07' AS ts, [1,2] AS l, {'a': 1} AS s, NULL::DATE AS nd`);
    const [row] = plainRows(t);
    expect(row).toEqual([9007199254740991, 12345678901234567000, -12.5, new Date(Date.UTC(2024, 2, 4, 5, 6, 7)), [1, 2], { a: 1 }, null]);
    const kinds = columnsOf(t).map((c) => c.kind);
    expect(kinds).toEqual(['number', 'number', 'number', 'timestamp', 'list', 'struct', 'date']);
  });
  it('formats numbers and dates for the locale', () => {
    const d = new Date(Date.UTC(2024, 2, 4));
    expect(formatValue(d, 'date', 'fr-FR')).toBe('04/03/2024');
    expect(formatValue(d, 'date', 'en-US')).toBe('03/04/2024');
    expect(formatValue(1234567.891, 'number', 'fr-FR')).toBe('1\u202f234\u202f567,89');
    expect(formatValue(1234567.891, 'number', 'en-US')).toBe('1,234,567.89');
    expect(formatValue(0.012345, 'number', 'en-US')).toBe('0.01235');
    expect(formatValue(new Date(Date.UTC(2024, 2, 4, 5, 6, 7)), 'timestamp', 'en-GB')).toBe('04/03/2024, 05:06:07');
  });
  it('exports a relation as CSV', async () => {
    const csv = new TextDecoder().decode(await relationCsv(engine, '(SELECT * FROM t WHERE id < 2)'));
    expect(csv).toBe('id,d,amount,name\n0,2024-01-01,0.00,Société 0\n1,2024-01-02,1.50,Société 1\n');
  });
  it('lists the workspace tables with their columns', async () => {
    const tables = await listTables(engine);
    expect(tables).toEqual([
      { name: 't', rows: 1000, columns: [
        { name: 'id', type: 'BIGINT' }, { name: 'd', type: 'DATE' }, { name: 'amount', type: 'DECIMAL(18,2)' }, { name: 'name', type: 'VARCHAR' },
      ] },
    ]);
  });
});
