/**
 * The Node back end: DuckDB-WASM's blocking bundle, the same engine build the browser runs.
 * Used by unit tests, benchmarks and scripts. Its calls are synchronous underneath; we wrap them in
 * promises so callers are written once for both back ends.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { rmSync } from 'node:fs';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableToIPC, type Table } from 'apache-arrow';
import { queryError, USER_TABLES_SQL } from './errors';
import { EngineClosedError, QUERY_CONFIG, startupStatements, type Engine, type EngineOptions } from './types';

const require = createRequire(import.meta.url);

function distDir(): string {
  return path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
}

export async function createNodeEngine(options: EngineOptions = {}): Promise<Engine> {
  const dist = distDir();
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: QUERY_CONFIG });
  const conn = db.connect();
  for (const s of startupStatements(options)) conn.query(s);

  let closed = false;
  const open = () => {
    if (closed) throw new EngineClosedError();
  };

  return {
    async query(sql: string, params: readonly unknown[] = []): Promise<Table> {
      open();
      try {
        if (params.length === 0) return conn.query(sql);
        const stmt = conn.prepare(sql);
        try {
          return stmt.query(...params);
        } finally {
          stmt.close();
        }
      } catch (err) {
        throw await queryError(err, sql, async () => conn.query(USER_TABLES_SQL));
      }
    },
    async cancel() {
      return closed ? false : conn.cancelSent();
    },
    async tableNames(sql: string) {
      open();
      return conn.getTableNames(sql);
    },
    async registerFile(name: string, bytes: Uint8Array) {
      open();
      db.registerFileBuffer(name, bytes);
    },
    async registerBlob(name: string, blob: Blob) {
      open();
      db.registerFileBuffer(name, new Uint8Array(await blob.arrayBuffer()));
    },
    async dropFile(name: string) {
      db.dropFile(name);
      // In Node, the exports DuckDB writes (COPY … TO 'longtail-export-…') land on the real disk.
      if (/^longtail-export-[\w.-]+$/.test(name)) rmSync(path.resolve(name), { force: true });
    },
    async copyFileToBuffer(name: string) {
      open();
      return db.copyFileToBuffer(name);
    },
    async insertArrow(table, name, options = {}) {
      open();
      // Serialise with our own copy of apache-arrow: the Node bundle loads the CommonJS copy, for which
      // our ESM-built tables are not `instanceof Table`, and its own tableToIPC silently yields 0 bytes.
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, schema: options.schema, create: options.create ?? true });
    },
    async close() {
      if (closed) return;
      closed = true;
      conn.close();
    },
  };
}
