/**
 * The native back end: DuckDB itself (`@duckdb/node-api`, the engine version inside DuckDB-WASM), for
 * the command line, where data outgrows a browser tab. Same interface, same Arrow results (see
 * native-arrow.ts), and the same promise that nothing reaches the network or the rest of the disk.
 *
 * Confinement. Native DuckDB can read and write any file the user can, and fetch URLs through
 * extensions. Right after start it is confined, then its configuration is locked so no SQL can undo it:
 * no extension is installed or loaded, external access is off, and the only folder it may touch is its
 * own temporary folder (registered files, spilled data). A notebook's SQL therefore cannot read
 * `/etc/passwd`, write over a file, or fetch `https://…`: DuckDB refuses, and the error says so in
 * Longtail's words (a URL gets the browser's refusal). Errors otherwise come as the other back ends give
 * them (errors.ts: DuckDB's JSON errors, with the position in the SQL and the tables that exist).
 * The one exception is a MotherDuck database (`md:…`), which needs its extension and the network: it is
 * opened as DuckDB opens it, unconfined (documented in the README; not tested here).
 *
 * What is WASM-shaped in the interface, and what native does with it:
 * - registerFile / registerBlob: DuckDB-WASM has a virtual file system; here the bytes are written to the
 *   temporary folder (a file already on disk is linked, not copied) and the quoted name, in SQL, is
 *   pointed at that copy. Only names registered here (and `longtail-export-…` files, which results.ts
 *   writes with COPY and reads back) are rewritten.
 * - cancel: interrupts the connection's running query (DuckDB checks between vectors; a long single
 *   operator may take a moment to notice).
 */
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BOOLEAN, DOUBLE, DuckDBInstance, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import { errorParts, queryError, remoteRefusal, USER_TABLES_SQL } from './errors';
import { EngineClosedError, startupStatements, type Engine } from './types';
import { appendTable, arrowTable, sqlTypeOf } from './native-arrow';

export interface NativeEngineOptions {
  /**
   * A DuckDB database file to open (created when missing), or `md:…` for MotherDuck; in memory when
   * absent. A MotherDuck database is opened unconfined (it needs the network).
   */
  database?: string;
  /** Worker threads; DuckDB's default (one per core) when absent. */
  threads?: number;
  /** DuckDB's memory limit (e.g. `8GB`); beyond it, DuckDB spills to its folder. Default: 80 % of RAM. */
  memoryLimit?: string;
  /**
   * Where a Blob handed to registerBlob already lives on disk (the command line's --data files): such a
   * file is linked into the temporary folder rather than copied.
   */
  pathOf?: (blob: Blob) => string | undefined;
}

export interface NativeEngine extends Engine {
  /** DuckDB's version, e.g. v1.4.3. */
  readonly version: string;
  /** The only folder the engine may read or write (registered files, spilled data); removed on close. */
  readonly folder: string;
  /** False for a MotherDuck database: file access and extensions are then as DuckDB has them. */
  readonly confined: boolean;
}

/** Serialises async calls: the next starts when the previous settles (one connection, one caller). */
function queue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Files results.ts writes with COPY … TO and reads back (see notebook/results.ts). */
const EXPORT_NAME = /^longtail-export-[\w.-]+$/;

/**
 * Parameters typed as DuckDB-WASM types them (it sends them as JSON): every number a DOUBLE, text
 * VARCHAR. Left to itself, node-api would bind 5 as INTEGER and 2^40 as a truncated 0. A null stays
 * untyped (node-api has no typed NULL; WASM binds a VARCHAR NULL).
 */
function bindings(params: readonly unknown[]): { values: DuckDBValue[]; types: DuckDBType[] } {
  const values: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  for (const p of params) {
    if (typeof p === 'number' || typeof p === 'bigint') {
      values.push(Number(p));
      types.push(DOUBLE);
    } else if (typeof p === 'boolean') {
      values.push(p);
      types.push(BOOLEAN);
    } else if (p === null || p === undefined) {
      values.push(null);
      types.push(VARCHAR);
    } else {
      values.push(p instanceof Date ? p.toISOString() : String(p));
      types.push(VARCHAR);
    }
  }
  return { values, types };
}

/** True when a json_serialize_sql tree reads a table that is not one of its own CTEs. */
function readsTables(tree: unknown): boolean {
  const ctes = new Set<string>();
  const bases: { schema: string; name: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'BASE_TABLE' && typeof o.table_name === 'string') bases.push({ schema: String(o.schema_name ?? ''), name: o.table_name });
    const map = (o.cte_map as { map?: { key: string }[] } | undefined)?.map;
    if (Array.isArray(map)) for (const e of map) ctes.add(e.key.toLowerCase());
    Object.values(o).forEach(walk);
  };
  walk(tree);
  return bases.some((b) => b.schema !== '' || !ctes.has(b.name.toLowerCase()));
}

/** What the confinement allows, said where DuckDB refuses a file. */
export const CONFINED =
  "Longtail's command line lets SQL read only the notebook's data (the demo, or the files given with --data): no other file or folder, and no extension. Pass the file with --data instead.";

/**
 * DuckDB's refusal of a path, in Longtail's words: a URL gets the same refusal as in the browser
 * (errors.ts), a local path says what the command line lets SQL read.
 */
function confinementError(err: unknown, sql: string): unknown {
  const parts = errorParts(err instanceof Error ? err.message : String(err), sql);
  if (parts.type !== 'Permission' || !/disabled by configuration/.test(parts.text)) return err;
  const path = parts.text.match(/"([^"]+)"/)?.[1] ?? '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return new Error(remoteRefusal(path));
  return new Error(`Permission Error: Cannot access ${path ? `"${path}"` : 'that file'}. ${CONFINED}`);
}

export async function createNativeEngine(options: NativeEngineOptions = {}): Promise<NativeEngine> {
  // The real path: DuckDB compares allowed folders as text, and /tmp may be a link (macOS).
  const folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'longtail-')));
  const confined = !options.database?.startsWith('md:');
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  try {
    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    instance = await DuckDBInstance.create(options.database ?? ':memory:', config);
    conn = await instance.connect();
    // Ours, then the confinement, then the lock (types.ts): after it no statement changes any of this.
    const settings = [
      `SET temp_directory = ${sqlString(path.join(folder, 'spill'))}`,
      ...(confined ? [`SET allowed_directories = [${sqlString(folder + path.sep)}]`, 'SET enable_external_access = false'] : []),
    ];
    for (const s of startupStatements({ settings })) await conn.run(s);
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  const version = String((await conn.runAndReadAll('SELECT version() AS v')).getRowObjects()[0]!.v);
  // A process that ends without close() (an uncaught error, process.exit) still removes the folder and
  // what DuckDB spilled there. (A killed process cannot: its folder is longtail-* in the temp folder.)
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', removeFolder);

  const files = new Map<string, string>();
  const fileFor = (name: string) => {
    if (name.includes('/') || name.includes('\\') || name === '.' || name === '..') throw new Error(`Not a plain file name: ${name}`);
    return path.join(folder, name);
  };
  /** Points quoted registered names (and export names) in SQL at their files in the folder. */
  const localise = (sql: string): string =>
    sql.replace(/'([^'/\\]+)'/g, (literal, name: string) => {
      if (!files.has(name) && EXPORT_NAME.test(name)) files.set(name, fileFor(name));
      const file = files.get(name);
      return file ? sqlString(file) : literal;
    });

  const queued = queue();
  let closed = false;
  /** The query now running, if any (what cancel interrupts). */
  let running: Promise<unknown> | null = null;
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => queued(() => (closed ? Promise.reject(new EngineClosedError()) : fn()));

  async function read(sql: string, params: readonly unknown[]): Promise<Table> {
    const b = params.length ? bindings(params) : null;
    const reading = conn.runAndReadAll(localise(sql), b?.values, b?.types);
    running = reading;
    try {
      const reader = await reading;
      return arrowTable(reader.columnNames(), reader.columnTypes(), reader.getColumns());
    } finally {
      running = null;
    }
  }

  /** A query; its error as an EngineError (errors.ts), as the other back ends give it. */
  async function run(sql: string, params: readonly unknown[]): Promise<Table> {
    try {
      return await read(sql, params);
    } catch (err) {
      throw await queryError(confinementError(err, sql), sql, () => read(USER_TABLES_SQL, []));
    }
  }

  async function link(name: string, blob: Blob): Promise<void> {
    const file = fileFor(name);
    await rm(file, { force: true });
    const onDisk = options.pathOf?.(blob);
    if (onDisk) symlinkSync(path.resolve(onDisk), file);
    else await writeFile(file, Readable.fromWeb(blob.stream() as Parameters<typeof Readable.fromWeb>[0]));
    files.set(name, file);
  }

  return {
    version,
    folder,
    confined,
    query: (sql, params = []) => exclusive(() => run(sql, params)),
    // Not queued: it must reach the connection while a query holds the queue.
    async cancel() {
      if (closed || !running) return false;
      // DuckDB clears the interrupt flag when a query starts, so one sent while the query is still being
      // handed to its thread is lost: interrupt again until the query has ended, one way or the other.
      const query = running;
      conn.interrupt();
      const again = setInterval(() => conn.interrupt(), 20);
      void query.then(
        () => clearInterval(again),
        () => clearInterval(again),
      );
      return true;
    },
    tableNames: (sql) =>
      exclusive(async () => {
        const names = conn.getTableNames(sql, false);
        if (names.length > 0) return [...names];
        // The C API answers [] both for a query that reads no table and for one it could not bind (DuckDB-WASM
        // throws then). Tell them apart with the parser, and throw like WASM so the runner falls back on
        // its own reading of the names.
        // json_serialize_sql takes a constant, not a parameter.
        const reader = await conn.runAndReadAll(`SELECT json_serialize_sql(${sqlString(sql)}) AS tree`);
        const tree = JSON.parse(String(reader.getRowObjects()[0]!.tree)) as { error?: boolean; error_message?: string; statements?: unknown };
        if (tree.error) throw new Error(tree.error_message ?? 'The query could not be parsed.');
        if (readsTables(tree.statements)) throw new Error('The relations this query reads could not be bound (some may not exist yet).');
        return [];
      }),
    registerFile: (name, bytes) =>
      exclusive(async () => {
        await writeFile(fileFor(name), bytes);
        files.set(name, fileFor(name));
      }),
    registerBlob: (name, blob) => exclusive(() => link(name, blob)),
    dropFile: (name) =>
      exclusive(async () => {
        const file = files.get(name) ?? fileFor(name);
        files.delete(name);
        await rm(file, { force: true });
      }),
    copyFileToBuffer: (name) => exclusive(async () => new Uint8Array(await readFile(files.get(name) ?? fileFor(name)))),
    insertArrow: (table, name, opts = {}) =>
      exclusive(async () => {
        const schema = opts.schema ?? 'main';
        const target = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
        if (opts.create ?? true) {
          const columns = table.schema.fields.map((f) => `"${f.name.replace(/"/g, '""')}" ${sqlTypeOf(f.type)}`);
          await conn.run(`CREATE TABLE ${target} (${columns.join(', ')})`);
        }
        const appender = await conn.createAppender(name, schema);
        try {
          appendTable(appender, table);
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      }),
    close: () =>
      queued(async () => {
        if (closed) return;
        closed = true;
        conn.closeSync();
        instance.closeSync();
        process.off('exit', removeFolder);
        removeFolder();
      }),
  };
}
