import { describe, it, expect, beforeAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { EngineClosedError, type Engine } from '../../src/engine/types';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});

describe('node engine', () => {
  it('runs a query and returns plain numbers for BIGINT and DECIMAL', async () => {
    const t = await engine.query("SELECT 42::BIGINT AS n, 12.34::DECIMAL(10,2) AS d, 'é' AS s");
    const row = t.get(0)!.toJSON();
    expect(row).toEqual({ n: 42, d: 12.34, s: 'é' });
  });
  it('binds positional parameters safely', async () => {
    const t = await engine.query('SELECT $1 AS a, $2::INTEGER AS b', ["O'Brien; DROP TABLE x; --", 7]);
    expect(t.get(0)!.toJSON()).toEqual({ a: "O'Brien; DROP TABLE x; --", b: 7 });
  });
  it('lists the relations a query reads', async () => {
    const names = await engine.tableNames('WITH c AS (SELECT 1) SELECT * FROM a JOIN "Société" s ON true, c');
    expect(names.sort()).toEqual(['Société', 'a']);
  });
  it('never autoloads extensions', async () => {
    await expect(engine.query("SELECT * FROM read_parquet('nope.parquet')")).rejects.toThrow();
    const t = await engine.query("SELECT current_setting('autoload_known_extensions') AS v");
    expect(t.get(0)!.toJSON().v).toBe(false);
  });
  it('reads a registered CSV', async () => {
    await engine.registerFile('x.csv', new TextEncoder().encode('a;b\n1;2,5\n'));
    const t = await engine.query("SELECT * FROM read_csv('x.csv', decimal_separator=',')");
    expect(t.get(0)!.toJSON()).toEqual({ a: 1, b: 2.5 });
  });
});

describe('node engine: regressions', () => {
  it('inserts Arrow tables built with our ESM copy of apache-arrow (once silently inserted nothing)', async () => {
    const { tableFromArrays } = await import('apache-arrow');
    await engine.insertArrow(tableFromArrays({ id: Int32Array.from([1, 2, 3]), name: ['a', 'é', 'c'] }), 'arrow_in');
    const t = await engine.query('SELECT count(*) AS n, string_agg(name, \'\' ORDER BY id) AS s FROM arrow_in');
    expect(t.get(0)!.toJSON()).toEqual({ n: 3, s: 'aéc' });
  });
});

describe('engine: after close', () => {
  // A closed DuckDB-WASM worker logs and never answers: the tab that handed the workspace over kept a
  // fingerprint loop polling for ever. Every call after close must fail at once, with a clear reason.
  it('refuses every call with EngineClosedError, and a second close is harmless', async () => {
    const own = await createNodeEngine();
    await own.query('CREATE TABLE t AS SELECT 1 AS x');
    await own.close();
    await expect(own.query('SELECT * FROM t')).rejects.toThrow(EngineClosedError);
    await expect(own.query('SELECT $1::INT AS v', [1])).rejects.toThrow(/database is closed/);
    await expect(own.tableNames('SELECT 1')).rejects.toThrow(EngineClosedError);
    await expect(own.registerFile('a.csv', new Uint8Array([97]))).rejects.toThrow(EngineClosedError);
    await expect(own.cancel()).resolves.toBe(false);
    await expect(own.close()).resolves.toBeUndefined();
  });
});

describe('engine: configuration locked after start', () => {
  it('takes the start-up settings, then refuses any change but the search path', async () => {
    const own = await createNodeEngine({ settings: [`SET checkpoint_threshold = '1B'`, `SET threads = 1`] });
    const setting = async (name: string) => String((await own.query(`SELECT current_setting('${name}') AS v`)).get(0)!.toJSON().v);
    expect([await setting('checkpoint_threshold'), await setting('threads'), await setting('lock_configuration')]).toEqual(['1 byte', '1', 'true']);
    for (const change of ['SET autoinstall_known_extensions = true', 'SET autoload_known_extensions = true', 'SET lock_configuration = false', "SET checkpoint_threshold = '2B'", 'RESET threads']) {
      await expect(own.query(change), change).rejects.toThrow(/the configuration has been locked/);
    }
    expect([await setting('autoinstall_known_extensions'), await setting('autoload_known_extensions'), await setting('allow_community_extensions')]).toEqual(['false', 'false', 'false']);
    // The runner keeps cell results in their own schema and still sets the path to them.
    await own.query(`CREATE SCHEMA cells; CREATE TABLE cells.r AS SELECT 7 AS v; SET search_path = 'main,cells'`);
    expect((await own.query('SELECT v FROM r')).get(0)!.toJSON()).toEqual({ v: 7 });
    await own.close();
  });
});
