/**
 * The Node engine for tests that keep Arrow tables (TypeScript cells, compute analyses). duckdb-wasm's
 * blocking bundle has been seen to load a different copy of apache-arrow (CommonJS) than the code under
 * test (ESM), and then it silently inserts nothing from our Tables (see src/demo/load.ts). Which copy
 * it gets depends on how the packages resolve, so this checks once with a probe table: if an ESM Table
 * does not arrive, Tables are handed over re-read from IPC bytes by the CommonJS copy.
 */
import { createRequire } from 'node:module';
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import { createNodeEngine } from '../../../src/engine/node';
import type { Engine } from '../../../src/engine/types';

export async function createTsTestEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  await engine.insertArrow(tableFromArrays({ probe: Int32Array.from([1]) }), '_arrow_probe', { create: true });
  const arrived = await engine.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '_arrow_probe'");
  await engine.query('DROP TABLE IF EXISTS _arrow_probe');
  if (Number(arrived.get(0)!.n) === 1) return engine;
  const cjsArrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
  return {
    ...engine,
    insertArrow: (table, name, options) => engine.insertArrow(cjsArrow.tableFromIPC(tableToIPC(table, 'stream')) as unknown as Table, name, options),
  };
}
