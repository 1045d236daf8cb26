/** Shared by the ingest tests: the engine, fixture files as Files, and query results as plain rows. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { tableToIPC, type Table } from 'apache-arrow';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(name: string, as = name): File {
  return new File([readFileSync(FIXTURES + name)], as);
}

export async function rows(engine: Engine, sql: string): Promise<Record<string, unknown>[]> {
  return (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** DATE and TIMESTAMP values come back as epoch milliseconds. */
export const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
export const at = (y: number, m: number, d: number, h: number, min: number, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

/**
 * The Node engine, with one repair: its insertArrow hands the Table to duckdb-wasm's CommonJS bundle,
 * which uses the CommonJS copy of apache-arrow, while our code builds Tables with the ESM copy; the
 * two copies do not recognise each other's Tables and nothing is inserted (see src/demo/load.ts).
 * Round-tripping through Arrow IPC bytes gives the engine a Table of its own copy. In the browser there
 * is one copy and no repair is needed; the proper fix belongs in src/engine/node.ts.
 */
export async function createTestEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  const require = createRequire(import.meta.url);
  const cjsArrow = require('apache-arrow') as typeof import('apache-arrow');
  return {
    ...engine,
    insertArrow: (table, name, options) => engine.insertArrow(cjsArrow.tableFromIPC(tableToIPC(table, 'stream')) as unknown as Table, name, options),
  };
}
