/**
 * Native DuckDB in Node (@duckdb/node-api, at the engine version inside duckdb-wasm): the same
 * read_csv and the same analytics SQL as the page, on all cores. Imported lazily by bench/main.ts,
 * so a missing package is reported rather than fatal.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { CsvLocale } from '../../src/demo';
import { bareCsvOptions } from '../bare-csv';
import { defaultParams, definition, type BenchAnalysis } from '../analyses';
import { packageVersion } from '../machine';
import type { Peer } from './peer';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;


export async function openNative(): Promise<Peer> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  // The same settings as the app's engine (src/engine/types.ts STARTUP_SQL): never fetch an extension.
  await conn.run('SET autoload_known_extensions = false');
  await conn.run('SET autoinstall_known_extensions = false');
  const info = (await conn.runAndReadAll("SELECT version() AS v, current_setting('threads') AS t")).getRowObjectsJS()[0]!;

  const count = async (table: string) => Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJS()[0]!.n);

  return {
    name: 'DuckDB (Node)',
    version: `${String(info.v)} (@duckdb/node-api ${packageVersion('@duckdb/node-api') ?? '?'})`,
    threads: Number(info.t),
    async importDeals(path: string, locale: CsvLocale) {
      // The page's bare read_csv: the sniffer decides, except what its sample cannot show.
      await conn.run(`CREATE OR REPLACE TABLE deals AS SELECT * FROM read_csv(${sqlString(path)}${bareCsvOptions(locale)})`);
      return count('deals');
    },
    async loadPartners(path: string) {
      await conn.run(`CREATE OR REPLACE TABLE partners AS SELECT * FROM read_csv(${sqlString(path)}${bareCsvOptions('en')})`);
    },
    async analysis(id: BenchAnalysis) {
      const def = definition(id);
      const params = defaultParams(id);
      if (def.sql) return (await conn.runAndReadAll(def.sql(params))).currentRowCount;
      const rows = await def.compute!(params, { rows: async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() });
      return rows.length;
    },
    async reset() {
      await conn.run('DROP TABLE IF EXISTS deals');
      await conn.run('DROP TABLE IF EXISTS partners');
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
