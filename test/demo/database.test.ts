import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { DEMO_TABLE_NAMES, loadDemo } from '../../src/demo';
import { loadDemoDatabase } from '../../src/demo/database';
import { writeDemoDatabase } from '../../build/demo-database';

// The prebuilt demo (written by native DuckDB at build time) against the demo generated and loaded the
// way the page did before: the same tables, types and rows.
describe('the demo workspace from its prebuilt database file', () => {
  let engine: Engine;
  const dir = mkdtempSync(path.join(tmpdir(), 'longtail-demo-db-'));

  beforeAll(async () => {
    engine = await createNodeEngine();
    const file = path.join(dir, 'demo.duckdb');
    await writeDemoDatabase(file);
    await loadDemoDatabase(engine, new Uint8Array(readFileSync(file)), 'from_file');
    await loadDemo(engine, undefined, 'generated');
  }, 180_000);

  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every table with the same columns and types', async () => {
    const columns = async (schema: string) =>
      (await engine.query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' ORDER BY table_name, ordinal_position`))
        .toArray()
        .map((r) => `${r.table_name}.${r.column_name}:${r.data_type}`);
    const generated = await columns('generated');
    expect(generated.length).toBeGreaterThan(DEMO_TABLE_NAMES.length);
    expect(await columns('from_file')).toEqual(generated);
  });

  it('holds the same rows, table by table (counts equal and nothing in one that is not in the other)', async () => {
    for (const name of DEMO_TABLE_NAMES) {
      const n = (sql: string) => engine.query(sql).then((t) => Number(t.getChildAt(0)?.get(0)));
      const count = await n(`SELECT count(*) FROM generated."${name}"`);
      expect(count, name).toBeGreaterThan(0);
      expect(await n(`SELECT count(*) FROM from_file."${name}"`), name).toBe(count);
      expect(await n(`SELECT count(*) FROM (SELECT * FROM generated."${name}" EXCEPT ALL SELECT * FROM from_file."${name}")`), name).toBe(0);
      expect(await n(`SELECT count(*) FROM (SELECT * FROM from_file."${name}" EXCEPT ALL SELECT * FROM generated."${name}")`), name).toBe(0);
    }
  });

  it('leaves no attached database behind', async () => {
    const dbs = (await engine.query('SELECT database_name FROM duckdb_databases() WHERE NOT internal')).toArray().map((r) => String(r.database_name));
    expect(dbs).toEqual(['memory']);
  });
});
