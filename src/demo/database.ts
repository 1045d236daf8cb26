/**
 * Loads the demo workspace from a DuckDB database file holding its tables (build/demo-database.ts
 * writes it at build time with the same generator and load statements as loadDemo): the file is
 * attached read-only and each table copied into `schema`, replacing tables of the same names. Measured
 * (bench/, README) against generating the demo in the page and loading it from CSV.
 */
import type { Engine } from '../engine/types';
import { DEMO_TABLE_NAMES } from './generate';

const FILE = '__longtail_demo.duckdb';
const ALIAS = '__longtail_demo_source';

export async function loadDemoDatabase(engine: Engine, bytes: Uint8Array, schema = 'main'): Promise<void> {
  await engine.registerFile(FILE, bytes);
  try {
    await engine.query(`ATTACH '${FILE}' AS ${ALIAS} (READ_ONLY)`);
    try {
      await engine.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      for (const name of DEMO_TABLE_NAMES) {
        await engine.query(`CREATE OR REPLACE TABLE "${schema}"."${name}" AS SELECT * FROM ${ALIAS}.main."${name}"`);
      }
    } finally {
      await engine.query(`DETACH ${ALIAS}`);
    }
  } finally {
    await engine.dropFile(FILE);
  }
}
