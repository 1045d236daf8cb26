/**
 * The demo workspace as a DuckDB database file, written at build time so that a first visit loads it
 * (a few MB, already typed and compressed) instead of generating 250,000 rows in the page and parsing
 * them back from CSV. The same generator (src/demo) and the same load statements as the page's own
 * loadDemo, run by native DuckDB at the engine version inside duckdb-wasm (@duckdb/node-api, whose
 * files DuckDB-WASM reads). Kept in node_modules/.longtail, keyed by the generator's sources and
 * DuckDB's version, so a build writes it only when the demo changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_SCHEMA, DEMO_TABLE_NAMES, generateDemo } from '../src/demo';
import { demoTableSql } from '../src/demo/load';
import { tableCsv } from '../src/demo/table-csv';

function sourcesHash(repo: string): string {
  const h = createHash('sha256');
  for (const dir of ['src/demo', 'build']) {
    for (const f of readdirSync(path.join(repo, dir)).sort()) h.update(f).update(readFileSync(path.join(repo, dir, f)));
  }
  h.update(JSON.parse(readFileSync(path.join(repo, 'node_modules/@duckdb/node-api/package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 12);
}

/** Writes the demo database to `file`: the demo's tables in schema main. */
export async function writeDemoDatabase(file: string): Promise<void> {
  // Loaded here, not with the module: vite.config.ts imports this file for every build, preview and test run.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const demo = generateDemo();
  const work = mkdtempSync(path.join(tmpdir(), 'longtail-demo-'));
  try {
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    try {
      for (const name of DEMO_TABLE_NAMES) {
        const csv = path.join(work, `${name}.csv`);
        writeFileSync(csv, tableCsv(demo[name], Object.keys(DEMO_SCHEMA[name])));
        await conn.run(demoTableSql(name, csv, 'main'));
      }
      await conn.run('CHECKPOINT');
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The bytes of the demo database for this checkout's generator, written on first need. */
export async function demoDatabase(repo: string): Promise<Uint8Array> {
  const dir = path.join(repo, 'node_modules/.longtail');
  const file = path.join(dir, `demo-${sourcesHash(repo)}.duckdb`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written under a name of its own, then renamed: parallel builds never read a half-written file.
    const tmp = `${file}.${process.pid}.partial`;
    await writeDemoDatabase(tmp);
    rmSync(`${tmp}.wal`, { force: true });
    renameSync(tmp, file);
  }
  return new Uint8Array(readFileSync(file));
}
