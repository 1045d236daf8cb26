/**
 * The native back end against the WASM one it stands in for: the same Arrow types and plain values for
 * every DuckDB type the app meets, parameters typed the same, the same relation names (and the same
 * failures where the runner must fall back), files registered, Arrow appended, cancellation — and the
 * confinement that keeps a notebook's SQL off the rest of the disk and the network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bool, DateDay, Float64, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { createNodeEngine } from '../../src/engine/node';
import { createNativeEngine, type NativeEngine } from '../../src/engine/native';
import { describeEngineError } from '../../src/engine/errors';
import { EngineClosedError, type Engine } from '../../src/engine/types';
import { plainRows } from '../../src/engine/values';

let wasm: Engine;
let native: NativeEngine;
beforeAll(async () => {
  [wasm, native] = await Promise.all([createNodeEngine(), createNativeEngine({ threads: 2 })]);
});
afterAll(async () => {
  await native?.close();
  await wasm?.close();
});

const one = async (engine: Engine, sql: string, params?: unknown[]) => plainRows(await engine.query(sql, params))[0]!;

describe('results: the same Arrow types and values as DuckDB-WASM', () => {
  // Every column type a template, an import or a cell result produces, and the awkward ones.
  const COLUMNS = [
    'true AS b',
    '1::TINYINT AS i8',
    '2::SMALLINT AS i16',
    '3::INTEGER AS i32',
    '4::BIGINT AS i64',
    '5::HUGEINT AS i128',
    '6::UTINYINT AS u8',
    '7::USMALLINT AS u16',
    '8::UINTEGER AS u32',
    '9::UBIGINT AS u64',
    '1.5::FLOAT AS f32',
    '2.5::DOUBLE AS f64',
    '12.34::DECIMAL(18,2) AS d18',
    '1.2::DECIMAL(4,1) AS d4',
    '123.456::DECIMAL(38,10) AS d38',
    "'x' AS s",
    "DATE '2024-03-01' AS dt",
    "TIME '12:34:56' AS tm",
    "TIMESTAMP '2024-03-01 12:34:56.789' AS ts",
    "TIMESTAMP_S '2024-03-01 12:34:56' AS tss",
    "TIMESTAMP_MS '2024-03-01 12:34:56.789' AS tsms",
    "TIMESTAMP_NS '2024-03-01 12:34:56.789' AS tsns",
    "TIMESTAMPTZ '2024-03-01 12:34:56+00' AS tstz",
    "'ab'::BLOB AS bl",
    '[1, 2] AS li',
    "{'a': 1, 'b': 'x'} AS st",
    "MAP {'k': 1} AS mp",
    "'a'::ENUM('a', 'b') AS en",
    'NULL AS nul',
    '[1, 2]::INTEGER[2] AS arr',
    "'infinity'::DATE AS dinf",
    '12345678901234567::BIGINT AS big',
    '(-0.5)::DECIMAL(18,2) AS dneg',
    "DATE '1900-01-01' AS d1900",
    'NULL::DATE AS dnull',
    '[]::INTEGER[] AS lempty',
    "[NULL, 'a'] AS lnull",
  ];

  it.each(COLUMNS)('%s', async (column) => {
    const sql = `SELECT ${column} FROM range(2)`;
    const [a, b] = [await wasm.query(sql), await native.query(sql)];
    expect(b.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(a.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(plainRows(b)).toEqual(plainRows(a));
  });

  it('gives the values worked out by hand', async () => {
    const row = await one(
      native,
      "SELECT 12.34::DECIMAL(18,2) AS d, 9007199254740993::BIGINT AS big, DATE '2024-03-01' AS dt, TIMESTAMP '2024-03-01 12:34:56.789' AS ts, 'é' AS s, NULL::INTEGER AS n",
    );
    // 2^53 + 1 has no double: it rounds to 2^53, as Number(2n ** 53n + 1n) does.
    expect(row).toEqual([12.34, 2 ** 53, new Date(Date.UTC(2024, 2, 1)), new Date(Date.UTC(2024, 2, 1, 12, 34, 56, 789)), 'é', null]);
  });

  it('casts DECIMAL to double as DuckDB-WASM does (unscaled × 10^-scale), down to the last bit', async () => {
    const sql = 'SELECT (i * 7.31)::DECIMAL(18,2) AS a, (i / 3)::DECIMAL(9,3) AS b, (i * 1.1)::DECIMAL(4,1) AS c FROM range(500) t(i)';
    expect(plainRows(await native.query(sql))).toEqual(plainRows(await wasm.query(sql)));
    // 1.2 is 12 × 10^-1 = 1.2000000000000002, not 12 ÷ 10 = 1.2: the cast is a product.
    expect(await one(native, 'SELECT 1.2::DECIMAL(4,1) AS d')).toEqual([12 * 0.1]);
  });

  it('keeps duplicate column names and an empty result with its columns', async () => {
    const dup = await native.query('SELECT 1 AS a, 2 AS a');
    expect(dup.schema.fields.map((f) => f.name)).toEqual(['a', 'a']);
    expect(plainRows(dup)).toEqual([[1, 2]]);
    const empty = await native.query('SELECT 1::INTEGER AS x, 2::BIGINT AS y WHERE false');
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => String(f.type))).toEqual(['Int32', 'Float64']);
  });

  it('runs several statements and answers with the last one', async () => {
    const t = await native.query('CREATE TEMP TABLE multi AS SELECT 1 AS x; INSERT INTO multi VALUES (2); SELECT sum(x) AS s FROM multi');
    expect(plainRows(t)).toEqual([[3]]);
  });
});

describe('errors', () => {
  it('come as the WASM back end gives them: the same words, hint and place in the SQL', async () => {
    // Engines of their own: a missing table's hint lists the tables that exist.
    const [w, n] = await Promise.all([createNodeEngine(), createNativeEngine()]);
    await w.query('CREATE TABLE err_t AS SELECT 1 AS amount');
    await n.query('CREATE TABLE err_t AS SELECT 1 AS amount');
    for (const sql of ['SELEC 1', 'SELECT amout FROM err_t', 'SELECT * FROM err_tt', "SELECT CAST('x' AS INTEGER)", 'SELECT sum(amount, 2) FROM err_t']) {
      const said = async (engine: Engine) => {
        try {
          await engine.query(sql);
        } catch (err) {
          const { kind, message, hint } = describeEngineError(err);
          return { kind, message, hint, position: (err as { parts?: { position: number | null } }).parts?.position ?? null };
        }
        throw new Error(`no error: ${sql}`);
      };
      expect({ sql, ...(await said(n)) }).toEqual({ sql, ...(await said(w)) });
    }
    await Promise.all([w.close(), n.close()]);
  });
});

describe('parameters', () => {
  it('are typed as DuckDB-WASM types them: numbers DOUBLE, text VARCHAR, booleans BOOLEAN', async () => {
    for (const p of [5, 5.5, 2 ** 40, -3, 'x', true]) {
      expect(await one(native, 'SELECT typeof($1) AS t, $1 AS v', [p])).toEqual(await one(wasm, 'SELECT typeof($1) AS t, $1 AS v', [p]));
    }
    // The one difference: node-api cannot bind a typed NULL, so a null parameter is DuckDB's NULL type
    // (WASM: a VARCHAR NULL). Its value is the same; it takes its type from where it is used.
    expect(await one(native, 'SELECT $1 AS v, $1::DATE AS d', [null])).toEqual([null, null]);
    // node-api left to itself binds 2^40 as a truncated INTEGER 0.
    expect(await one(native, 'SELECT $1 AS v', [2 ** 40])).toEqual([2 ** 40]);
  });

  it('are bound, never spliced into the SQL', async () => {
    expect(await one(native, 'SELECT $1 AS a, $2::INTEGER AS b', ["O'Brien; DROP TABLE x; --", 7])).toEqual(["O'Brien; DROP TABLE x; --", 7]);
  });
});

describe('relation names', () => {
  it('lists what a query reads, without CTEs, like DuckDB-WASM', async () => {
    for (const sql of [
      'SELECT * FROM deals',
      'WITH c AS (SELECT 1) SELECT * FROM a JOIN "Société" s ON true, c',
      'SELECT * FROM rfm r JOIN deals d ON r.id = d.id WHERE x IN (SELECT b FROM "Société")',
      'SELECT * FROM main.deals',
      'CREATE TABLE z AS SELECT * FROM q',
      'SELECT 1',
    ]) {
      expect((await native.tableNames(sql)).sort()).toEqual((await wasm.tableNames(sql)).sort());
    }
  });

  it('throws where DuckDB-WASM throws, so the runner falls back on its own tokenizer', async () => {
    // The C API answers [] for these; WASM throws a Binder or Catalog error. Both must throw.
    for (const sql of ['SELECT * FROM a JOIN b USING (x)', 'SELECT $1 FROM t WHERE a = $2', 'INSERT INTO t SELECT * FROM u', 'SELEC oops']) {
      await expect(wasm.tableNames(sql)).rejects.toThrow();
      await expect(native.tableNames(sql)).rejects.toThrow();
    }
  });
});

describe('confinement: no other file, no network, no extension', () => {
  let outside: string;
  beforeAll(() => {
    outside = mkdtempSync(path.join(tmpdir(), 'longtail-outside-'));
    writeFileSync(path.join(outside, 'secret.csv'), 'a\n42\n');
  });
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('refuses to read a file it was not given, and says what it may read', async () => {
    const err = await native.query(`SELECT * FROM read_csv('${outside}/secret.csv')`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(describeEngineError(err)).toMatchObject({
      kind: 'other',
      message: `Cannot access "${outside}/secret.csv". Longtail's command line lets SQL read only the notebook's data (the demo, or the files given with --data): no other file or folder, and no extension. Pass the file with --data instead.`,
      hint: expect.stringMatching(/^Cannot access .* Pass the file with --data instead\.$/),
    });
    await expect(native.query("SELECT * FROM read_text('/etc/hostname')")).rejects.toThrow(/Permission Error/);
    await expect(native.query("SELECT * FROM glob('/tmp/*')")).rejects.toThrow(/Permission Error/);
  });

  it('refuses to write outside its folder', async () => {
    await expect(native.query(`COPY (SELECT 1 AS x) TO '${outside}/written.csv'`)).rejects.toThrow(/Permission Error/);
    expect(existsSync(path.join(outside, 'written.csv'))).toBe(false);
  });

  it('refuses URLs and extensions', async () => {
    // A URL gets Longtail's own refusal, the browser's words (errors.ts).
    await expect(native.query("SELECT * FROM read_csv('https://example.com/x.csv')")).rejects.toThrow(
      'Longtail keeps your data on this machine: `https://example.com/x.csv` cannot be read from a cell. Import the file instead.',
    );
    await expect(native.query('INSTALL httpfs')).rejects.toThrow();
    await expect(native.query('LOAD httpfs')).rejects.toThrow(/disabled/);
    await expect(native.query("ATTACH '/tmp/other.duckdb'")).rejects.toThrow(/Permission Error/);
  });

  it('cannot be unlocked by SQL', async () => {
    for (const s of ['SET enable_external_access = true', 'SET autoinstall_known_extensions = true', "SET allowed_directories = ['/']", 'SET lock_configuration = false']) {
      await expect(native.query(s)).rejects.toThrow(/locked/);
    }
    expect(await one(native, "SELECT current_setting('autoload_known_extensions') AS a, current_setting('enable_external_access') AS b")).toEqual([false, false]);
  });
});

describe('files', () => {
  it('reads a registered file by its name, and forgets it when dropped', async () => {
    await native.registerFile('x.csv', new TextEncoder().encode('a;b\n1;2,5\n'));
    expect(await one(native, "SELECT * FROM read_csv('x.csv', decimal_separator=',')")).toEqual([1, 2.5]);
    await native.dropFile('x.csv');
    expect(existsSync(path.join(native.folder, 'x.csv'))).toBe(false);
    await expect(native.query("SELECT * FROM read_csv('x.csv')")).rejects.toThrow();
  });

  it('registers a Blob by streaming it, and a file on disk by linking it', async () => {
    await native.registerBlob('blob.csv', new Blob(['n\n1\n2\n3\n']));
    expect(await one(native, "SELECT sum(n) AS s FROM read_csv('blob.csv')")).toEqual([6]);

    const dir = mkdtempSync(path.join(tmpdir(), 'longtail-data-'));
    try {
      const onDisk = path.join(dir, 'big.csv');
      writeFileSync(onDisk, 'n\n10\n20\n');
      const file = new File([readFileSync(onDisk)], 'big.csv');
      const linked = await createNativeEngine({ pathOf: (b) => (b === file ? onDisk : undefined) });
      try {
        await linked.registerBlob('big.csv', file);
        expect(await one(linked, "SELECT sum(n) AS s FROM read_csv('big.csv')")).toEqual([30]);
      } finally {
        await linked.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads back what COPY wrote under an export name (the CSV download of a result)', async () => {
    await native.query("COPY (SELECT 1 AS x UNION ALL SELECT 2) TO 'longtail-export-test.csv' (HEADER, DELIMITER ',')");
    expect(new TextDecoder().decode(await native.copyFileToBuffer('longtail-export-test.csv'))).toBe('x\n1\n2\n');
    await native.dropFile('longtail-export-test.csv');
    expect(existsSync(path.join(native.folder, 'longtail-export-test.csv'))).toBe(false);
    expect(existsSync(path.resolve('longtail-export-test.csv'))).toBe(false);
  });
});

describe('insertArrow', () => {
  it('creates and appends a table from the Arrow types the import pipeline and TS cells produce', async () => {
    const batch = (ids: bigint[], names: (string | null)[]) =>
      new Table({
        id: vectorFromArray(ids, new Int64()),
        name: vectorFromArray(names, new Utf8()),
        amount: vectorFromArray(ids.map((i) => Number(i) * 1.5), new Float64()),
        ok: vectorFromArray(ids.map((i) => i % 2n === 0n), new Bool()),
        day: vectorFromArray(ids.map((i) => new Date(Date.UTC(2024, 0, Number(i)))), new DateDay()),
        stamp: vectorFromArray(ids.map((i) => Date.UTC(2024, 0, 1, Number(i), 30)), new TimestampMillisecond()),
      });
    await native.insertArrow(batch([1n, 2n], ['a', 'é']), 'arrow_in');
    await native.insertArrow(batch([3n], [null]), 'arrow_in', { create: false });
    const t = await native.query('SELECT typeof(id) AS ti, typeof(day) AS td, typeof(stamp) AS ta, * FROM arrow_in ORDER BY id');
    expect(plainRows(t)).toEqual([
      ['BIGINT', 'DATE', 'TIMESTAMP_MS', 1, 'a', 1.5, false, new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 1, 1, 30))],
      ['BIGINT', 'DATE', 'TIMESTAMP_MS', 2, 'é', 3, true, new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 1, 2, 30))],
      ['BIGINT', 'DATE', 'TIMESTAMP_MS', 3, null, 4.5, false, new Date(Date.UTC(2024, 0, 3)), new Date(Date.UTC(2024, 0, 1, 3, 30))],
    ]);
  });

  it('writes into another schema', async () => {
    await native.query('CREATE SCHEMA IF NOT EXISTS cells');
    await native.insertArrow(new Table({ x: vectorFromArray([1.25], new Float64()) }), 'staged', { schema: 'cells' });
    expect(await one(native, 'SELECT x FROM cells.staged')).toEqual([1.25]);
  });
});

describe('cancel', () => {
  it('interrupts the running query, which fails as cancelled; the engine then answers again', async () => {
    const slow = native.query('SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range = -1');
    const outcome = slow.then(
      () => 'finished',
      (e: unknown) => describeEngineError(e).kind,
    );
    // Waits on the engine's state: cancel() answers true only once the query is running.
    while (!(await native.cancel())) await new Promise((r) => setImmediate(r));
    expect(await outcome).toBe('cancelled');
    expect(await one(native, 'SELECT 1 + 1 AS two')).toEqual([2]);
    expect(await native.cancel()).toBe(false);
  });
});

describe('memory', () => {
  it('keeps to its memory limit by spilling to its own folder, confinement and all', async () => {
    const small = await createNativeEngine({ memoryLimit: '64MB', threads: 1 });
    try {
      expect(await one(small, "SELECT current_setting('memory_limit') AS m")).toEqual(['61.0 MiB']);
      // About 150 MB of text, sorted: more than the limit holds at once.
      await small.query("CREATE TABLE wide AS SELECT range AS i, repeat(md5(range::VARCHAR), 1) || repeat('x', 20) AS s FROM range(3000000)");
      expect(await one(small, 'SELECT count(*) AS n, min(s) < max(s) AS sorted FROM (SELECT s FROM wide ORDER BY s DESC)')).toEqual([3_000_000, true]);
    } finally {
      await small.close();
    }
  }, 120_000);
});

describe('a database file, and close', () => {
  it('keeps tables in a .duckdb file across engines, confined all the same', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'longtail-db-'));
    try {
      const db = path.join(dir, 'work.duckdb');
      const first = await createNativeEngine({ database: db });
      await first.query('CREATE TABLE kept AS SELECT 41 + 1 AS answer');
      await first.query('CHECKPOINT');
      await expect(first.query("SELECT * FROM read_text('/etc/hostname')")).rejects.toThrow(/Permission Error/);
      await first.close();
      const second = await createNativeEngine({ database: db });
      expect(await one(second, 'SELECT answer FROM kept')).toEqual([42]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes its folder on close and refuses every call after', async () => {
    const own = await createNativeEngine();
    await own.registerFile('a.csv', new Uint8Array([97]));
    await own.close();
    expect(existsSync(own.folder)).toBe(false);
    await expect(own.query('SELECT 1')).rejects.toThrow(EngineClosedError);
    await expect(own.tableNames('SELECT 1')).rejects.toThrow(EngineClosedError);
    await expect(own.registerFile('b.csv', new Uint8Array([98]))).rejects.toThrow(EngineClosedError);
    await expect(own.cancel()).resolves.toBe(false);
    await expect(own.close()).resolves.toBeUndefined();
  });
});
