/**
 * The guard (issue 15.2): a cell that drops or rewrites an imported or model table asks first, through
 * the runner's hook, naming the table and its rows; what it changed can be restored from the bin; cell
 * results stay free; Longtail's bookkeeping and the model's views cannot be changed from a cell at all.
 * Everything runs through the real runner and DuckDB-WASM; expected rows are counted by hand from the
 * tables made in `fresh()`.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { Runner } from '../../src/notebook/runner';
import { makeCell, type Cell } from '../../src/notebook/model';
import { cellKinds } from '../../src/app/kinds';
import { describeChange, type ProtectedChange } from '../../src/notebook/guard';
import { statementShape } from '../../src/notebook/statement-shape';
import { emptyBin, listBin, restoreFromBin } from '../../src/store/bin';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});

/**
 * main.deals: 5 rows, ids 1–5, amounts 10, 20, 30, 40, 50 (sum 150) — an import.
 * mapped.deals: 3 rows (the model's data); demo.partners: 2 rows; model.deals: a view over mapped.deals;
 * longtail.settings: bookkeeping.
 */
async function fresh(): Promise<void> {
  await emptyBin(engine);
  await engine.query(`
    CREATE SCHEMA IF NOT EXISTS model; CREATE SCHEMA IF NOT EXISTS cells; CREATE SCHEMA IF NOT EXISTS mapped;
    CREATE SCHEMA IF NOT EXISTS demo; CREATE SCHEMA IF NOT EXISTS longtail;
    DROP TABLE IF EXISTS main.d2; DROP TABLE IF EXISTS main.scratch;
    CREATE OR REPLACE TABLE main.deals AS SELECT range AS id, range * 10 AS amount FROM range(1, 6);
    CREATE OR REPLACE TABLE mapped.deals AS SELECT range AS deal_id FROM range(3);
    CREATE OR REPLACE TABLE demo.partners AS SELECT * FROM (VALUES ('p1'), ('p2')) t(partner_id);
    CREATE OR REPLACE VIEW model.deals AS SELECT * FROM mapped.deals;
    CREATE OR REPLACE TABLE longtail.settings (key VARCHAR, value VARCHAR);
    INSERT INTO longtail.settings VALUES ('data', 'mine');`);
}

beforeEach(fresh);

const scalar = async (sql: string) => Object.values((await engine.query(sql)).toArray()[0]!.toJSON())[0];

/** Runs one SQL cell with a hook that answers `answer` and records what it was asked. */
async function run(source: string, answer: boolean | null = true) {
  const asked: ProtectedChange[][] = [];
  const cell: Cell = makeCell('sql', source, 'c');
  const confirm = answer === null ? undefined : async (changes: readonly ProtectedChange[]) => (asked.push([...changes]), answer);
  const runner = new Runner(engine, () => [cell], cellKinds(), confirm ? { confirmDestructive: confirm } : {});
  await runner.init();
  await runner.runAll();
  return { state: runner.state(cell.id), asked };
}

describe('what a statement does, read from its tokens', () => {
  it('finds the verb and the target, past comments, quotes, CTEs and case', () => {
    expect(statementShape('/* DROP TABLE x */ drop table if exists "Main"."Deals" cascade')).toEqual({ verb: 'drop', object: 'table', target: ['Main', 'Deals'] });
    expect(statementShape('DELETE FROM deals WHERE note = \'DROP TABLE y\'')).toMatchObject({ verb: 'delete', target: ['deals'] });
    expect(statementShape('WITH c AS (SELECT 1 AS id), d (x) AS MATERIALIZED (SELECT 2) DELETE FROM deals USING c')).toMatchObject({ verb: 'delete', target: ['deals'] });
    expect(statementShape('TRUNCATE TABLE demo.partners')).toMatchObject({ verb: 'truncate', target: ['demo', 'partners'] });
    expect(statementShape('INSERT OR REPLACE INTO deals SELECT 1')).toMatchObject({ verb: 'insert', target: ['deals'] });
    expect(statementShape("COPY deals (id) FROM 'x.csv'")).toMatchObject({ verb: 'copy-from', target: ['deals'] });
    expect(statementShape("COPY deals TO 'x.csv'").verb).toBe('none');
    expect(statementShape("COPY (SELECT 1) TO 'x.csv'").verb).toBe('none');
    expect(statementShape('ALTER TABLE deals RENAME TO d2')).toEqual({ verb: 'rename', object: 'table', target: ['deals'], renamedTo: 'd2' });
    expect(statementShape('ALTER TABLE deals ADD COLUMN z INT')).toMatchObject({ verb: 'alter', object: 'table' });
    expect(statementShape('CREATE OR REPLACE TEMP TABLE t AS SELECT 1')).toMatchObject({ verb: 'replace', temporary: true });
    expect(statementShape('CREATE TABLE IF NOT EXISTS t (x INT)')).toMatchObject({ verb: 'create', object: 'table', target: ['t'] });
    expect(statementShape('MERGE INTO deals USING x ON (deals.id = x.id) WHEN MATCHED THEN DELETE')).toMatchObject({ verb: 'merge', target: ['deals'] });
    expect(statementShape("SET search_path = 'longtail'").verb).toBe('search-path');
    expect(statementShape("SET SESSION schema = 'demo'").verb).toBe('search-path');
    expect(statementShape('PREPARE p AS DELETE FROM deals')).toMatchObject({ verb: 'prepare', prepared: { verb: 'delete', target: ['deals'] } });
    expect(statementShape('EXPLAIN ANALYZE DELETE FROM deals')).toMatchObject({ verb: 'delete', target: ['deals'] });
    expect(statementShape('EXPLAIN DELETE FROM deals').verb).toBe('none');
    expect(statementShape('DROP SCHEMA IF EXISTS mapped CASCADE')).toMatchObject({ verb: 'drop-schema', target: ['mapped'] });
    expect(statementShape('SELECT * FROM deals').verb).toBe('none');
  });
});

describe('a statement that destroys or rewrites an imported table asks first', () => {
  it('DROP TABLE names the table and its rows, moves it to the bin, and the bin restores it', async () => {
    const { state, asked } = await run('DROP TABLE deals');
    expect(asked).toEqual([[{ schema: 'main', name: 'deals', kind: 'table', action: 'drop', rows: 5, statement: 'DROP TABLE deals', keep: 'move' }]]);
    expect(describeChange(asked[0]![0]!)).toBe('drop table deals (5 rows)');
    expect(state.status).toBe('done');
    expect(state.result?.notice).toMatch(/previous version of deals \(5 rows\) is in the bin/);
    expect(await scalar(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'deals'`)).toBe(0);
    const [entry] = await listBin(engine);
    expect(entry).toMatchObject({ schema: 'main', name: 'deals', kind: 'table', reason: 'drop', rows: 5, statement: 'DROP TABLE deals' });
    await restoreFromBin(engine, entry!);
    // 10 + 20 + 30 + 40 + 50
    expect(await scalar('SELECT sum(amount) FROM main.deals')).toBe(150);
    expect(await listBin(engine)).toEqual([]);
  });

  it('declined: nothing runs and nothing changes', async () => {
    const { state, asked } = await run('DELETE FROM deals; DROP TABLE demo.partners', false);
    expect(asked[0]!.map(describeChange)).toEqual(['delete rows of table deals (5 rows)', 'drop table demo.partners (2 rows)']);
    expect(state.status).toBe('error');
    expect(state.error?.message).toBe('Not run: you chose to keep deals, demo.partners as they are.');
    expect(await scalar('SELECT count(*) FROM main.deals')).toBe(5);
    expect(await scalar('SELECT count(*) FROM demo.partners')).toBe(2);
    expect(await listBin(engine)).toEqual([]);
  });

  it('with no one to ask (no hook), the cell is refused and changes nothing', async () => {
    const { state } = await run('TRUNCATE deals', null);
    expect(state.error?.message).toBe('This cell would empty table deals (5 rows), and nothing here can ask you first.');
    expect(await scalar('SELECT count(*) FROM main.deals')).toBe(5);
  });

  it('DELETE keeps a copy; restoring swaps the versions, so the rewritten one is kept too', async () => {
    const { asked } = await run('DELETE FROM deals WHERE id <= 3');
    expect(asked[0]).toMatchObject([{ action: 'delete', keep: 'copy', rows: 5 }]);
    // ids 4 and 5 remain: 40 + 50
    expect(await scalar('SELECT sum(amount) FROM main.deals')).toBe(90);
    const [kept] = await listBin(engine);
    expect(kept).toMatchObject({ name: 'deals', reason: 'delete', rows: 5 });
    const { displaced } = await restoreFromBin(engine, kept!);
    expect(await scalar('SELECT sum(amount) FROM main.deals')).toBe(150);
    expect(displaced).toMatchObject({ name: 'deals', reason: 'restored-over', rows: 2 });
    expect(await scalar(`SELECT sum(amount) FROM main."${displaced!.hiddenAs}"`)).toBe(90);
  });

  it('UPDATE, ALTER, INSERT, COPY FROM and MERGE each ask and keep the version before', async () => {
    for (const [sql, action] of [
      ['UPDATE deals SET amount = 0', 'update'],
      ['ALTER TABLE deals ADD COLUMN note VARCHAR', 'alter'],
      ['INSERT INTO deals VALUES (6, 60)', 'insert'],
      ['MERGE INTO deals USING (SELECT 1 AS id) s ON (deals.id = s.id) WHEN MATCHED THEN DELETE', 'merge'],
    ] as const) {
      await fresh();
      const { state, asked } = await run(sql);
      expect(state.status, sql).toBe('done');
      expect(asked[0], sql).toMatchObject([{ name: 'deals', action, keep: 'copy', rows: 5 }]);
      expect((await listBin(engine)).map((e) => [e.name, e.reason, e.rows]), sql).toEqual([['deals', action, 5]]);
    }
    await fresh();
    await engine.registerFile('more.csv', new TextEncoder().encode('id,amount\n6,60\n'));
    const { asked } = await run("COPY deals FROM 'more.csv' (HEADER)");
    expect(asked[0]).toMatchObject([{ action: 'copy-from', rows: 5 }]);
    expect(await scalar('SELECT count(*) FROM main.deals')).toBe(6);
  });

  it('CREATE OR REPLACE moves the old table when the new one does not read it, copies it when it does', async () => {
    let { asked } = await run('CREATE OR REPLACE TABLE deals AS SELECT 1 AS id');
    expect(asked[0]).toMatchObject([{ action: 'replace', keep: 'move', rows: 5 }]);
    expect(await scalar('SELECT count(*) FROM main.deals')).toBe(1);
    await fresh();
    ({ asked } = await run('CREATE OR REPLACE TABLE deals AS SELECT * FROM deals WHERE amount > 25'));
    expect(asked[0]).toMatchObject([{ action: 'replace', keep: 'copy' }]);
    // 30 + 40 + 50
    expect(await scalar('SELECT sum(amount) FROM main.deals')).toBe(120);
    expect((await listBin(engine))[0]).toMatchObject({ reason: 'replace', rows: 5 });
  });

  it('a rename asks but keeps nothing: no data is lost', async () => {
    const { asked } = await run('ALTER TABLE deals RENAME TO d2');
    expect(asked[0]).toMatchObject([{ action: 'rename', renamedTo: 'd2', keep: 'none' }]);
    expect(describeChange(asked[0]![0]!)).toBe('rename table deals to d2');
    expect(await scalar('SELECT count(*) FROM main.d2')).toBe(5);
    expect(await listBin(engine)).toEqual([]);
  });

  it('the model’s data (mapped) and the demo are protected; qualified, quoted and mixed-case names too', async () => {
    const { asked } = await run('DELETE FROM mapped.deals; drop table "DEMO"."Partners"');
    expect(asked[0]).toMatchObject([
      { schema: 'mapped', name: 'deals', action: 'delete', rows: 3 },
      { schema: 'demo', name: 'partners', action: 'drop', rows: 2 },
    ]);
  });

  it('a cell that fails after a drop rolls back: the table is where it was and the bin holds nothing', async () => {
    const { state } = await run('DROP TABLE deals; SELECT no_such_column FROM deals_nowhere');
    expect(state.status).toBe('error');
    expect(await scalar('SELECT count(*) FROM main.deals')).toBe(5);
    expect(await listBin(engine)).toEqual([]);
  });

  it('a protected table renamed earlier in the cell is still protected under its new name', async () => {
    const { asked } = await run('ALTER TABLE deals RENAME TO d2; DROP TABLE d2');
    expect(asked[0]!.map((c) => [c.action, c.name])).toEqual([
      ['rename', 'deals'],
      ['drop', 'd2'],
    ]);
    expect((await listBin(engine)).map((e) => [e.name, e.rows])).toEqual([['d2', 5]]);
  });
});

describe('what stays free, and what is refused', () => {
  it('cell results, and tables the cell made itself, change without a question', async () => {
    const { state, asked } = await run('CREATE TABLE scratch AS SELECT 1 AS x; INSERT INTO scratch VALUES (2); DELETE FROM scratch WHERE x = 1; DROP TABLE scratch; CREATE OR REPLACE TABLE cells.r AS SELECT 1 AS y; DROP TABLE cells.r');
    expect(state.status).toBe('done');
    expect(asked).toEqual([]);
  });

  it('reads, and statements that only mention a table in a string or a comment, ask nothing', async () => {
    const { state, asked } = await run("SELECT 'DROP TABLE deals' AS s -- DELETE FROM deals\n");
    expect(state.status).toBe('done');
    expect(asked).toEqual([]);
  });

  it.each([
    ['DELETE FROM longtail.settings', /longtail\.settings is Longtail's own bookkeeping/],
    ['DROP TABLE longtail.settings', /Longtail's own bookkeeping/],
    ['CREATE TABLE longtail.mine AS SELECT 1', /Longtail's own bookkeeping/],
    ['DROP VIEW model.deals', /model\.deals is the partner model's view/],
    ['CREATE OR REPLACE VIEW model.deals AS SELECT 1 AS x', /partner model's view/],
    ["SET search_path = 'longtail'", /cannot change the search path/],
    ["SET schema = 'longtail'", /cannot change the search path/],
    ['USE memory', /cannot change the search path/],
    ['DROP SCHEMA mapped CASCADE', /cannot drop the schema mapped/],
    ['PREPARE p AS DELETE FROM deals', /This PREPARE would delete rows of table deals/],
    ['DROP TABLE __longtail_deleted_x', /Longtail's own/],
    ['ALTER TABLE deals RENAME TO __longtail_hidden', /Longtail's own/],
  ])('%s is refused before anything runs', async (sql, message) => {
    const { state, asked } = await run(`CREATE TABLE scratch AS SELECT 1 AS x; ${sql}`);
    expect(state.status).toBe('error');
    expect(state.error?.message).toMatch(message);
    expect(asked).toEqual([]);
    // Nothing ran, not even the statement before it.
    expect(await scalar(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'`)).toBe(0);
    expect(await scalar('SELECT count(*) FROM longtail.settings')).toBe(1);
    expect(await scalar('SELECT count(*) FROM model.deals')).toBe(3);
  });
});
