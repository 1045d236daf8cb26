import { describe, it, expect, beforeAll } from 'vitest';
import { parquetReadObjects, parquetMetadata } from 'hyparquet';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { columnsOf, fingerprintTable } from '../../src/store/fingerprint';
import { parquetToTable, tableToParquet } from '../../src/store/parquet';
import { decimalText, unscaled } from '../../src/store/parquet-codecs';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE TABLE src (
    id INTEGER, b BOOLEAN, t TINYINT, big BIGINT, f FLOAT, x DOUBLE, amount DECIMAL(18,2), rate DECIMAL(38,10),
    d DATE, ts TIMESTAMP, s VARCHAR, h HUGEINT, iv INTERVAL, l INTEGER[])`);
  await engine.query(`INSERT INTO src VALUES
    (1, true, -5, 9007199254740993, 0.1, 0.1, 12345678901234.56, 1.0000000001, DATE '2024-02-29', TIMESTAMP '2024-02-29 23:59:59.123456',
     'comma, "quote"' || chr(10) || 'line' || chr(13) || chr(10) || 'crlf', 170141183460469231731687303715884105727, INTERVAL 3 DAY, [1, 2, NULL]),
    (2, false, 127, -9223372036854775808, -0.5, CAST('-0.0' AS DOUBLE), -0.05, -3.5, DATE '1969-07-20', TIMESTAMP '1969-07-20 20:17:40.000001',
     '', -1, INTERVAL 90 MINUTE, []),
    (3, NULL, NULL, NULL, NULL, CAST('NaN' AS DOUBLE), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (4, true, 0, 0, CAST('inf' AS FLOAT), CAST('-inf' AS DOUBLE), 0, 0, DATE '9999-12-31', TIMESTAMP '1970-01-01 00:00:00', 'Société — 東京 😀', 0, INTERVAL 0 SECOND, [NULL])`);
});

const main = (name: string) => ({ schema: 'main', name });

async function roundTrip(from: string, to: string): Promise<Uint8Array> {
  const columns = await columnsOf(engine, main(from));
  const bytes = await tableToParquet(engine, main(from), columns);
  await parquetToTable(engine, bytes, main(to), columns);
  return bytes;
}

const text = async (sql: string) => (await engine.query(sql)).toArray().map((r) => Object.values(r.toJSON()).map((v) => (v === null ? null : String(v))));

describe('decimal text', () => {
  it('converts between DuckDB decimal text and the unscaled integer', () => {
    expect(unscaled('-12.50')).toBe(-1250n);
    expect(unscaled('0.05')).toBe(5n);
    expect(decimalText(-1250n, 2)).toBe('-12.50');
    expect(decimalText(5n, 2)).toBe('0.05');
    expect(decimalText(-5n, 3)).toBe('-0.005');
    expect(decimalText(42n, 0)).toBe('42');
  });
});

describe('Parquet round trip', () => {
  it('gives back every value exactly: same types, same rows, same fingerprint', async () => {
    await roundTrip('src', 'back');
    expect(await columnsOf(engine, main('back'))).toEqual(await columnsOf(engine, main('src')));
    // Row by row, compared by DuckDB in both directions (EXCEPT ALL keeps duplicates). NaN = NaN in DuckDB.
    const diff = await text(`SELECT count(*) FROM ((SELECT * FROM src EXCEPT ALL SELECT * FROM back) UNION ALL (SELECT * FROM back EXCEPT ALL SELECT * FROM src))`);
    expect(diff).toEqual([['0']]);
    // Values JS numbers cannot hold, checked as text against the literals inserted above.
    expect(await text(`SELECT CAST(big AS VARCHAR), CAST(amount AS VARCHAR), CAST(ts AS VARCHAR), CAST(x AS VARCHAR), s FROM back WHERE id IN (1, 2) ORDER BY id`)).toEqual([
      ['9007199254740993', '12345678901234.56', '2024-02-29 23:59:59.123456', '0.1', 'comma, "quote"\nline\r\ncrlf'],
      ['-9223372036854775808', '-0.05', '1969-07-20 20:17:40.000001', '-0.0', ''],
    ]);
    const [a, b] = await Promise.all([fingerprintTable(engine, main('src')), fingerprintTable(engine, main('back'))]);
    expect(b).toEqual(a);
  });

  it('writes standard Parquet types that another reader understands', async () => {
    await engine.query(`CREATE TABLE small AS SELECT id, amount, d, ts, s FROM src WHERE id IN (1, 2)`);
    const bytes = await tableToParquet(engine, main('small'), await columnsOf(engine, main('small')));
    const schema = parquetMetadata(bytes).schema.slice(1).map((e) => [e.name, e.type, e.converted_type ?? null]);
    expect(schema).toEqual([
      ['id', 'INT32', null],
      ['amount', 'INT64', 'DECIMAL'],
      ['d', 'INT32', 'DATE'],
      ['ts', 'INT64', 'TIMESTAMP_MICROS'],
      ['s', 'BYTE_ARRAY', 'UTF8'],
    ]);
    // hyparquet's own decoding: decimals as numbers, dates and timestamps as Dates (UTC, milliseconds).
    const rows = await parquetReadObjects({ file: bytes.slice().buffer });
    expect(rows.map((r) => [r.id, r.amount, (r.d as Date).toISOString()])).toEqual([
      [1, 12345678901234.56, '2024-02-29T00:00:00.000Z'],
      [2, -0.05, '1969-07-20T00:00:00.000Z'],
    ]);
    expect((rows[0]!.ts as Date).toISOString()).toBe('2024-02-29T23:59:59.123Z');
  });

  it('keeps a one-column table of NULLs (no blank lines lost) and an empty table', async () => {
    await engine.query(`CREATE TABLE nulls AS SELECT CAST(NULL AS VARCHAR) AS v FROM range(3)`);
    await engine.query(`CREATE TABLE empty (a INTEGER, b VARCHAR)`);
    await roundTrip('nulls', 'nulls_back');
    await roundTrip('empty', 'empty_back');
    expect(await text(`SELECT count(*), count(v) FROM nulls_back`)).toEqual([['3', '0']]);
    expect(await text(`SELECT count(*) FROM empty_back`)).toEqual([['0']]);
    expect(await columnsOf(engine, main('empty_back'))).toEqual([
      { name: 'a', type: 'INTEGER' },
      { name: 'b', type: 'VARCHAR' },
    ]);
  });

  it('loads in batches: 250,000 rows come back whole', async () => {
    await engine.query(`CREATE TABLE many AS SELECT range AS i, CAST(range % 7 AS VARCHAR) AS k FROM range(250000)`);
    await roundTrip('many', 'many_back');
    // sum of 0..249999 = 249999 · 250000 / 2
    expect(await text(`SELECT count(*), CAST(sum(i) AS VARCHAR), count(DISTINCT k) FROM many_back`)).toEqual([['250000', '31249875000', '7']]);
  });

  it('refuses a file whose columns are not the expected ones, creating nothing', async () => {
    const bytes = await tableToParquet(engine, main('small'), await columnsOf(engine, main('small')));
    await expect(parquetToTable(engine, bytes, main('wrong'), [{ name: 'id', type: 'INTEGER' }])).rejects.toThrow(/columns \(id, amount, d, ts, s\) where \(id\) were expected/);
    expect(await text(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'wrong'`)).toEqual([['0']]);
  });
});
