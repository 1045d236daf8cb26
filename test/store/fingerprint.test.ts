import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { fingerprintTable } from '../../src/store/fingerprint';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const fp = (name: string) => fingerprintTable(engine, { schema: 'main', name });

describe('fingerprintTable', () => {
  it('hashes the canonical text: names, types, then the escaped rows sorted by their bytes', async () => {
    await engine.query(`CREATE TABLE t1 (id INTEGER, name VARCHAR, amount DECIMAL(10,2), d DATE, x DOUBLE)`);
    await engine.query(`INSERT INTO t1 VALUES
      (2, 'b' || chr(9) || 'c', 10.5, DATE '2024-02-29', NULL),
      (1, NULL, -0.05, NULL, 1.5),
      (1, 'a\\b' || chr(10) || 'c', 0, DATE '2024-01-01', CAST('-0.0' AS DOUBLE))`);
    // Worked out by hand. Values as DuckDB writes them as text: 10.5 in DECIMAL(10,2) is "10.50", 0 is
    // "0.00", -0.0 as a DOUBLE is "-0.0". Escapes: tab → \t, line feed → \n, backslash → \\, NULL → \N.
    // Sorted by bytes: "1\t\N…" < "1\ta…" (\ is 0x5C, a is 0x61) < "2…".
    const text =
      'id\tname\tamount\td\tx\n' +
      'INTEGER\tVARCHAR\tDECIMAL(10,2)\tDATE\tDOUBLE\n' +
      '1\t\\N\t-0.05\t\\N\t1.5\n' +
      '1\ta\\\\b\\nc\t0.00\t2024-01-01\t-0.0\n' +
      '2\tb\\tc\t10.50\t2024-02-29\t\\N\n';
    const f = await fp('t1');
    expect(f).toEqual({
      sha256: sha(text),
      rows: 3,
      columns: [
        { name: 'id', type: 'INTEGER' },
        { name: 'name', type: 'VARCHAR' },
        { name: 'amount', type: 'DECIMAL(10,2)' },
        { name: 'd', type: 'DATE' },
        { name: 'x', type: 'DOUBLE' },
      ],
    });
  });

  it('does not depend on row order, but counts duplicate rows and sees any changed value', async () => {
    await engine.query(`CREATE TABLE a (k VARCHAR, v INTEGER); INSERT INTO a VALUES ('x', 1), ('y', 2), ('x', 1)`);
    await engine.query(`CREATE TABLE b (k VARCHAR, v INTEGER); INSERT INTO b VALUES ('x', 1), ('x', 1), ('y', 2)`);
    await engine.query(`CREATE TABLE c (k VARCHAR, v INTEGER); INSERT INTO c VALUES ('x', 1), ('y', 2)`);
    await engine.query(`CREATE TABLE d (k VARCHAR, v INTEGER); INSERT INTO d VALUES ('x', 1), ('y', 3), ('x', 1)`);
    const [fa, fb, fc, fd] = await Promise.all(['a', 'b', 'c', 'd'].map(fp));
    expect(fa!.sha256).toBe(sha('k\tv\nVARCHAR\tINTEGER\nx\t1\nx\t1\ny\t2\n'));
    expect(fb!.sha256).toBe(fa!.sha256);
    expect(fc!.sha256).toBe(sha('k\tv\nVARCHAR\tINTEGER\nx\t1\ny\t2\n'));
    expect(fd!.sha256).toBe(sha('k\tv\nVARCHAR\tINTEGER\nx\t1\nx\t1\ny\t3\n'));
    expect([fa!.rows, fc!.rows]).toEqual([3, 2]);
  });

  it('reads a table larger than one page in order across pages', async () => {
    // 120,000 rows are three pages of distinct lines; the lines are the numbers as text, in byte order.
    await engine.query(`CREATE TABLE big AS SELECT range AS i FROM range(120000)`);
    const lines = Array.from({ length: 120_000 }, (_, i) => String(i)).sort();
    const f = await fp('big');
    expect(f.rows).toBe(120_000);
    expect(f.sha256).toBe(sha(`i\nBIGINT\n${lines.join('\n')}\n`));
  });

  it('creates nothing, not even a temporary table', async () => {
    const t = await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE temporary`);
    expect(t.get(0)!.toJSON().n).toBe(0);
  });
});
