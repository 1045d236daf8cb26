/**
 * Opening the database file and what happens when it will not open: a file held by a worker letting go
 * is tried again; a log that cannot be replayed is set aside and the file opened as of its last
 * checkpoint; an unreadable file is set aside, a new one started and what can be read copied out; no
 * file storage at all means memory. The failures are the real engine's words: DuckDB-WASM (the Node
 * bundle) opening a file of garbage, and the messages Chromium and DuckDB give for a held file and a
 * log that does not replay (as reported in duckdb-wasm's and PondPilot's issues).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { isHandleContention, messageOf, openDatabase, type DbFiles } from '../../src/store/db-open';

const require = createRequire(import.meta.url);
let notADatabase: Error;

beforeAll(async () => {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') }, eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') } },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'longtail-db-open-')), 'workspace.duckdb');
  writeFileSync(file, new Uint8Array(16_384).fill(0x5a));
  try {
    db.open({ path: file, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
  } catch (err) {
    notADatabase = err as Error;
  }
});

const HELD = new DOMException("Failed to execute 'createSyncAccessHandle' on 'FileSystemFileHandle': Access Handles cannot be created if there is another open Access Handle or Writable stream associated with the same file.", 'NoModificationAllowedError');
const BAD_LOG = new Error('{"exception_type":"Serialization","exception_message":"Failure while replaying WAL file \\"opfs://workspace.duckdb.wal\\": Invalid WAL entry type!"}');

/** Files by name and size; `fail` makes every call throw (no file storage in this browser). */
function files(initial: Record<string, number>, fail = false): DbFiles & { names: Record<string, number> } {
  const names = { ...initial };
  return {
    names,
    async size(name) {
      if (fail) throw new DOMException('The request is not allowed.', 'SecurityError');
      return names[name] ?? null;
    },
    async rename(from, to) {
      names[to] = names[from]!;
      delete names[from];
    },
  };
}

/** An engine opener whose persistent open fails with each error of `failures` in turn, then succeeds. */
function opener(failures: unknown[], salvaged: string[] = []) {
  const calls: string[] = [];
  return {
    calls,
    persistent: async () => {
      calls.push('persistent');
      const f = failures.shift();
      if (f) throw f;
      return 'file-engine';
    },
    memory: async () => (calls.push('memory'), 'memory-engine'),
    salvage: async (_engine: string, file: string) => (calls.push(`salvage ${file}`), salvaged),
  };
}

const options = { file: 'workspace.duckdb', stamp: 'T', wait: async () => undefined };

describe('opening the database file', () => {
  it('reads DuckDB\'s own words out of its JSON errors', () => {
    expect(messageOf(notADatabase)).toMatch(/^The file ".*workspace\.duckdb" exists, but it is not a valid DuckDB database file!$/);
    expect(isHandleContention(HELD)).toBe(true);
    expect(isHandleContention(notADatabase)).toBe(false);
  });

  it('opens the file as it is when nothing is wrong', async () => {
    const o = opener([]);
    expect(await openDatabase(o, files({ 'workspace.duckdb': 100 }), options)).toEqual({ engine: 'file-engine', kept: true, recovery: { kind: 'none' } });
  });

  it('tries again while the file is held by a worker letting go, and sets nothing aside', async () => {
    const o = opener([HELD, HELD]);
    const f = files({ 'workspace.duckdb': 100, 'workspace.duckdb.wal': 10 });
    expect((await openDatabase(o, f, options)).recovery).toEqual({ kind: 'none' });
    expect(o.calls).toEqual(['persistent', 'persistent', 'persistent']);
    // Held for good (another tab's DuckDB): memory, and still nothing moved.
    const held = opener(Array(20).fill(HELD));
    const r = await openDatabase(held, f, { ...options, attempts: 3 });
    expect([r.engine, r.kept, r.recovery.kind]).toEqual(['memory-engine', false, 'memory']);
    expect(Object.keys(f.names).sort()).toEqual(['workspace.duckdb', 'workspace.duckdb.wal']);
  });

  it('sets a log that does not replay aside and opens the file as of its last checkpoint', async () => {
    const f = files({ 'workspace.duckdb': 100, 'workspace.duckdb.wal': 10 });
    const r = await openDatabase(opener([BAD_LOG]), f, options);
    expect(r).toEqual({
      engine: 'file-engine',
      kept: true,
      recovery: { kind: 'log-set-aside', kept: 'workspace.duckdb.wal.damaged-T', error: 'Failure while replaying WAL file "opfs://workspace.duckdb.wal": Invalid WAL entry type!' },
    });
    expect(f.names).toEqual({ 'workspace.duckdb': 100, 'workspace.duckdb.wal.damaged-T': 10 });
  });

  it('sets an unreadable file aside with its empty log', async () => {
    const f = files({ 'workspace.duckdb': 100, 'workspace.duckdb.wal': 0 });
    const r = await openDatabase(opener([notADatabase]), f, options);
    expect(r.recovery).toMatchObject({ kind: 'file-set-aside', kept: 'workspace.duckdb.damaged-T', also: ['workspace.duckdb.damaged-T.wal'] });
  });

  it('sets an unreadable file aside with its log, starts a new one, and copies out what it can', async () => {
    const f = files({ 'workspace.duckdb': 100, 'workspace.duckdb.wal': 10 });
    const o = opener([notADatabase, notADatabase], ['visits', 'longtail.imports']);
    const r = await openDatabase(o, f, options);
    expect(r.recovery).toEqual({
      kind: 'file-set-aside',
      kept: 'workspace.duckdb.damaged-T',
      error: messageOf(notADatabase),
      recovered: ['visits', 'longtail.imports'],
      also: ['workspace.duckdb.wal.damaged-T'],
    });
    // The log was tried aside first; then the file went too.
    expect(f.names).toEqual({ 'workspace.duckdb.damaged-T': 100, 'workspace.duckdb.wal.damaged-T': 10 });
    expect(o.calls).toEqual(['persistent', 'persistent', 'persistent', 'salvage workspace.duckdb.damaged-T']);
  });

  it('starts in memory when the browser gives no file storage, or no file opens at all', async () => {
    const none = await openDatabase(opener([]), files({}, true), options);
    expect([none.engine, none.kept, none.recovery]).toEqual(['memory-engine', false, { kind: 'memory', error: 'The request is not allowed.' }]);
    const broken = await openDatabase(opener(Array(5).fill(notADatabase)), files({ 'workspace.duckdb': 100 }), options);
    expect([broken.engine, broken.recovery.kind]).toEqual(['memory-engine', 'memory']);
  });
});
