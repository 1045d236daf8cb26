import { describe, it, expect, beforeAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { deleteTable, duplicateTable, listTables, purgeDeletedTables, renameTable, restoreTable, tableNameProblem, tableNames } from '../../src/store/tables';
import { emptyBin, listBin } from '../../src/store/bin';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE TABLE deals AS SELECT range AS id, range * 10 AS amount FROM range(5)`);
  await engine.query(`CREATE TABLE partners (partner_id VARCHAR, name VARCHAR, country VARCHAR)`);
  await engine.query(`INSERT INTO partners VALUES ('p1', 'Alpha', 'FR'), ('p2', 'Beta', 'DE')`);
  // Longtail's own transient tables and other schemas are not the user's tables.
  await engine.query(`CREATE TABLE __longtail_stage_1 (x INTEGER); CREATE SCHEMA IF NOT EXISTS cells; CREATE TABLE cells.q1 (x INTEGER)`);
});

const sum = async (table: string) => Number((await engine.query(`SELECT sum(amount) AS s FROM "${table}"`)).get(0)!.s);

describe('workspace tables', () => {
  it('lists the user tables with rows and columns', async () => {
    const list = await listTables(engine);
    expect(list.map(({ name, kind, rows, columns }) => ({ name, kind, rows, columns }))).toEqual([
      { name: 'deals', kind: 'table', rows: 5, columns: 2 },
      { name: 'partners', kind: 'table', rows: 2, columns: 3 },
    ]);
  });

  it('renames, refusing a taken, internal or malformed name', async () => {
    await expect(renameTable(engine, 'deals', 'Partners')).rejects.toThrow('A table named partners already exists.');
    await expect(renameTable(engine, 'deals', '__longtail_x')).rejects.toThrow(/Longtail's own/);
    await expect(renameTable(engine, 'deals', 'a"b')).rejects.toThrow(/double quotes/);
    await renameTable(engine, 'deals', 'won deals');
    expect(await tableNames(engine)).toEqual(['partners', 'won deals']);
    await renameTable(engine, 'won deals', 'deals');
  });

  it('duplicates under a free name, with the same rows', async () => {
    expect(await duplicateTable(engine, 'deals')).toBe('deals_copy');
    expect(await duplicateTable(engine, 'deals')).toBe('deals_copy_2');
    // 0 + 10 + 20 + 30 + 40
    expect(await sum('deals_copy_2')).toBe(100);
  });

  it('deletes into the bin with undo; a start drops only what no bin holds', async () => {
    const gone = await deleteTable(engine, 'deals_copy');
    expect(await tableNames(engine)).toEqual(['deals', 'deals_copy_2', 'partners']);
    expect(await restoreTable(engine, gone)).toBe('deals_copy');
    expect(await sum('deals_copy')).toBe(100);
    // Its name was taken in the meantime (by a copy of partners): the restore swaps, and the newer
    // table goes to the bin in exchange — nothing is lost either way.
    const again = await deleteTable(engine, 'deals_copy');
    await duplicateTable(engine, 'partners').then((n) => renameTable(engine, n, 'deals_copy'));
    expect(await restoreTable(engine, again)).toBe('deals_copy');
    expect(await sum('deals_copy')).toBe(100);
    const displaced = (await listBin(engine)).find((e) => e.name === 'deals_copy' && e.reason === 'restored-over');
    expect(displaced).toMatchObject({ schema: 'main', kind: 'table', rows: 2 });
    // A start purges hidden tables no bin holds (left by older versions), never the bin.
    await engine.query(`CREATE TABLE __longtail_deleted_legacy_1 AS SELECT 1 AS x`);
    const last = await deleteTable(engine, 'deals_copy');
    await purgeDeletedTables(engine);
    const hidden = async () => (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '__longtail_deleted_') ORDER BY 1`)).toArray().map((r) => String(r.table_name));
    expect(await hidden()).not.toContain('__longtail_deleted_legacy_1');
    expect(await hidden()).toContain(last.hiddenAs);
    // Dropped for good when asked: then it cannot come back.
    await purgeDeletedTables(engine, last);
    await expect(restoreTable(engine, last)).rejects.toThrow(/no longer in the bin/);
    await emptyBin(engine);
    expect(await hidden()).toEqual([]);
  });

  it('lists, renames, deletes and restores a view', async () => {
    await engine.query(`CREATE VIEW big_deals AS SELECT * FROM deals WHERE amount >= 30`);
    const listed = (await listTables(engine)).find((t) => t.name === 'big_deals');
    // amounts 30 and 40
    expect(listed).toEqual({ name: 'big_deals', kind: 'view', rows: 2, columns: 2, bytes: 0 });
    await renameTable(engine, 'big_deals', 'large_deals');
    const gone = await deleteTable(engine, 'large_deals');
    expect((await listTables(engine)).map((t) => t.name)).not.toContain('large_deals');
    expect(await restoreTable(engine, gone)).toBe('large_deals');
    expect(await sum('large_deals')).toBe(70);
    await engine.query(`DROP VIEW large_deals`);
  });

  it('checks names without a database', () => {
    expect(tableNameProblem('deals', ['Deals'], 'Deals')).toBeNull();
    expect(tableNameProblem('', [])).toBe('Give the table a name.');
    expect(tableNameProblem('x'.repeat(64), [])).toBe('Use a name of at most 63 characters.');
  });
});
