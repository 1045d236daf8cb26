/**
 * The whole workspace as one file, `*.longtail.zip`, and back:
 *
 *   manifest.json              what is inside, with a fingerprint for everything
 *   notebooks/<file>.md        each notebook's text, as it is saved
 *   tables/<n>-<name>.parquet  each table (and Longtail's import records and mappings)
 *
 * Views (what import mappings make) travel as their definitions, with the fingerprint of what they show.
 * A notebook's fingerprint is the SHA-256 of its text; a table's, the SHA-256 of its canonical content
 * (fingerprint.ts). Import first checks what of the manifest becomes SQL (archive-check.ts: view
 * definitions, column types), then every fingerprint before anything changes, then replaces the workspace in two
 * phases that a crash cannot leave half done: tables are staged under hidden names and the switch is
 * recorded in the workspace store; one DuckDB transaction swaps the tables in; the store then switches to
 * the new notebooks. `recoverImport` at start finishes or undoes a switch a crash interrupted.
 */
import type { Zippable } from 'fflate';
import type { Engine } from '../engine/types';
import { ident } from '../sql/quote';
import { INTERNAL_PREFIX } from '../catalog/schemas';
import { columnsOf, fingerprintTable, qualified, type ColumnDef, type Relation } from './fingerprint';
import { fromUtf8, sha256Hex, utf8 } from '../crypto/sha256';

// The zip and Parquet codecs load with the first export or import, not with the page (recoverImport,
// which every start runs, needs neither).
const zip = () => import('fflate');
const parquet = () => import('./parquet');
import { tableNames, viewDefinitions } from './tables';
import { manifestProblem } from './archive-check';
import type { Json, WorkspaceStore } from './workspace-store';
import { i18nFor, type I18n } from '../i18n';
import { english, said, type Said, type SaidError } from '../i18n/said';

export const ARCHIVE_FORMAT = 'longtail-workspace-export';
export const ARCHIVE_EXTENSION = '.longtail.zip';

/** Longtail's own tables that belong to the workspace (import records and saved mappings). */
const BOOKKEEPING_SCHEMA = 'longtail';

export interface ArchivedNotebook {
  file: string;
  title: string;
  sha256: string;
  size: number;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number;
}

export interface ArchivedTable {
  schema: string;
  name: string;
  /** Path of its Parquet file in the archive. */
  path: string;
  rows: number;
  columns: ColumnDef[];
  fingerprint: string;
}

export interface ArchivedView {
  name: string;
  /** `CREATE VIEW … AS …`, as DuckDB keeps it. */
  sql: string;
  fingerprint: string;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: 1;
  exportedAt: string;
  notebooks: ArchivedNotebook[];
  tables: ArchivedTable[];
  views: ArchivedView[];
  /** File name of the notebook that was open. */
  current: string | null;
  settings: Record<string, Json>;
  tableUse: Record<string, number>;
}

/** How far a long operation is, and the step it is on (in the language of the `say` given to it: English by default). */
export type Progress = (fraction: number, step: string) => void;

/** A problem with an archive or its import; nothing was changed. `said` is for the user (`message`, its English). */
export class ArchiveError extends Error implements SaidError {
  readonly said: Said;
  constructor(message: Said) {
    super(english(message));
    this.name = 'ArchiveError';
    this.said = message;
  }
}

async function bookkeepingTables(engine: Engine): Promise<Relation[]> {
  const r = await engine.query(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $1 AND NOT temporary ORDER BY table_name`,
    [BOOKKEEPING_SCHEMA],
  );
  return r.toArray().map((row) => ({ schema: BOOKKEEPING_SCHEMA, name: String(row.table_name) }));
}

const safe = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(0, 60);

export async function exportWorkspace(engine: Engine, store: WorkspaceStore, progress: Progress = () => {}, say: I18n['t'] = i18nFor('en').t): Promise<{ bytes: Uint8Array; manifest: ArchiveManifest }> {
  await store.idle();
  const files: Zippable = {};
  const notebooks: ArchivedNotebook[] = [];
  for (const n of store.notebooks) {
    const text = await store.read(n.id);
    files[`notebooks/${n.file}`] = utf8(text);
    notebooks.push({ file: n.file, title: n.title, sha256: n.sha256, size: n.size, createdAt: n.createdAt, updatedAt: n.updatedAt, lastUsedAt: n.lastUsedAt });
  }
  const relations = [...(await tableNames(engine)).map((name) => ({ schema: 'main', name })), ...(await bookkeepingTables(engine))];
  const tables: ArchivedTable[] = [];
  for (const [k, r] of relations.entries()) {
    progress(k / relations.length, say('core.app.progress.exporting_table', { name: r.name }));
    const columns = await columnsOf(engine, r);
    const fp = await fingerprintTable(engine, r);
    const path = `tables/${String(k + 1).padStart(2, '0')}-${r.schema === 'main' ? '' : `${r.schema}.`}${safe(r.name)}.parquet`;
    // Parquet is compressed already: stored, not deflated again.
    files[path] = [await (await parquet()).tableToParquet(engine, r, columns), { level: 0 }];
    tables.push({ ...r, path, rows: fp.rows, columns, fingerprint: fp.sha256 });
  }
  const views: ArchivedView[] = [];
  for (const v of await viewDefinitions(engine)) {
    views.push({ ...v, fingerprint: (await fingerprintTable(engine, { schema: 'main', name: v.name })).sha256 });
  }
  const { currentNotebook, ...settings } = store.settings;
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    notebooks,
    tables,
    views,
    current: store.notebooks.find((n) => n.id === currentNotebook)?.file ?? null,
    settings,
    tableUse: store.tableUse,
  };
  files['manifest.json'] = utf8(JSON.stringify(manifest, null, 2));
  progress(1, say('core.app.progress.compressing'));
  return { bytes: (await zip()).zipSync(files, { level: 6 }), manifest };
}

export interface ParsedArchive {
  manifest: ArchiveManifest;
  notebooks: { meta: ArchivedNotebook; text: string }[];
  parquet: Map<string, Uint8Array>;
}

/** Unpacks an archive and checks that it is one and that every notebook matches its fingerprint. */
export async function readArchive(bytes: Uint8Array): Promise<ParsedArchive> {
  let files: Record<string, Uint8Array>;
  const { unzipSync } = await zip();
  try {
    files = unzipSync(bytes);
  } catch {
    throw new ArchiveError(said('core.store.archive.not_zip'));
  }
  const raw = files['manifest.json'];
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(fromUtf8(raw ?? new Uint8Array())) as ArchiveManifest;
  } catch {
    throw new ArchiveError(said('core.store.archive.no_manifest'));
  }
  if (manifest.format !== ARCHIVE_FORMAT) throw new ArchiveError(said('core.store.archive.not_export'));
  if (manifest.version !== 1) throw new ArchiveError(said('core.store.archive.newer', { version: String(manifest.version) }));
  manifest.views ??= [];
  const notebooks: ParsedArchive['notebooks'] = [];
  for (const meta of manifest.notebooks) {
    const body = files[`notebooks/${meta.file}`];
    if (!body) throw new ArchiveError(said('core.store.archive.missing_file', { path: `notebooks/${meta.file}` }));
    if ((await sha256Hex(body)) !== meta.sha256) throw new ArchiveError(said('core.store.archive.notebook_damaged', { path: `notebooks/${meta.file}` }));
    notebooks.push({ meta, text: fromUtf8(body) });
  }
  const parquet = new Map<string, Uint8Array>();
  for (const t of manifest.tables) {
    const body = files[t.path];
    if (!body) throw new ArchiveError(said('core.store.archive.missing_file', { path: t.path }));
    parquet.set(t.path, body);
  }
  return { manifest, notebooks, parquet };
}

export interface ImportReport {
  notebooks: number;
  tables: { name: string; rows: number; fingerprint: string }[];
}

const STAGED_PREFIX = `${INTERNAL_PREFIX}import_`;

/**
 * Replaces the workspace with the archive's. Every table is loaded under a hidden name and its
 * fingerprint compared with the manifest's before anything of the current workspace is touched.
 * Call only while no cell runs: it uses the engine's one connection for a transaction of its own.
 */
export async function importWorkspace(engine: Engine, store: WorkspaceStore, bytes: Uint8Array, progress: Progress = () => {}, say: I18n['t'] = i18nFor('en').t): Promise<ImportReport> {
  const archive = await readArchive(bytes);
  const { manifest } = archive;
  // Someone else's file: what becomes SQL is checked before anything of it runs.
  const problem = await manifestProblem(engine, manifest);
  if (problem) throw new ArchiveError(said('core.store.archive.refused', { problem }));
  const staged: { staged: string; schema: string; name: string }[] = [];
  try {
    for (const [k, t] of manifest.tables.entries()) {
      progress(k / (manifest.tables.length + 1), say('core.app.progress.loading_table', { name: t.name }));
      const target = { schema: 'main', name: `${STAGED_PREFIX}${Date.now().toString(36)}_${k}` };
      staged.push({ staged: target.name, schema: t.schema, name: t.name });
      await (await parquet()).parquetToTable(engine, archive.parquet.get(t.path)!, target, t.columns);
      const fp = await fingerprintTable(engine, target);
      if (fp.sha256 !== t.fingerprint) {
        throw new ArchiveError(said('core.store.archive.table_damaged', { name: t.name }));
      }
    }
  } catch (err) {
    await dropStaged(engine, staged.map((s) => s.staged));
    throw err;
  }
  progress(manifest.tables.length / (manifest.tables.length + 1), say('core.app.progress.replacing'));
  await store.beginImport(
    { staged, settings: manifest.settings, tableUse: manifest.tableUse, current: manifest.current ?? undefined },
    archive.notebooks.map(({ meta, text }) => ({ file: meta.file, text, createdAt: meta.createdAt, updatedAt: meta.updatedAt, lastUsedAt: meta.lastUsedAt })),
  );
  try {
    await swapIn(engine, staged, manifest.views);
  } catch (err) {
    // Forget the switch before dropping the staged tables: recovery reads "staged tables gone" as
    // "swap committed". If the store cannot be written, the staged tables stay and recovery undoes.
    await store.abandonImport().then(() => dropStaged(engine, staged.map((s) => s.staged)), () => undefined);
    throw err;
  }
  await store.finishImport();
  progress(1, say('core.app.progress.done'));
  return { notebooks: archive.notebooks.length, tables: manifest.tables.map((t) => ({ name: t.name, rows: t.rows, fingerprint: t.fingerprint })) };
}

async function dropStaged(engine: Engine, names: readonly string[]): Promise<void> {
  for (const n of names) await engine.query(`DROP TABLE IF EXISTS main.${ident(n)}`).catch(() => undefined);
}

/**
 * One transaction: the current tables and views go, the staged tables take their names, the views are
 * made again and must show what they showed on export. A bookkeeping table that exists with the same
 * columns keeps its definition (its keys) and only has its rows replaced. Statements are sent one by
 * one so that the views can be checked before COMMIT.
 */
async function swapIn(engine: Engine, staged: readonly { staged: string; schema: string; name: string }[], views: readonly ArchivedView[]): Promise<void> {
  const sameColumns = async (a: Relation, b: Relation) => JSON.stringify(await columnsOf(engine, a)) === JSON.stringify(await columnsOf(engine, b));
  const bookkeeping = await bookkeepingTables(engine);
  const kept = new Set<string>();
  const moves: string[] = [`CREATE SCHEMA IF NOT EXISTS ${ident(BOOKKEEPING_SCHEMA)}`];
  for (const s of staged) {
    const from = `main.${ident(s.staged)}`;
    if (s.schema === 'main') {
      moves.push(`ALTER TABLE ${from} RENAME TO ${ident(s.name)}`);
      continue;
    }
    // Tables cannot be renamed into another schema: rows are copied, then the staged table dropped.
    if (bookkeeping.some((r) => r.name === s.name) && (await sameColumns(s, { schema: 'main', name: s.staged }))) {
      kept.add(s.name);
      moves.push(`DELETE FROM ${qualified(s)}`, `INSERT INTO ${qualified(s)} SELECT * FROM ${from}`);
    } else {
      moves.push(`CREATE TABLE ${qualified(s)} AS SELECT * FROM ${from}`);
    }
    moves.push(`DROP TABLE ${from}`);
  }
  const drops = [
    ...(await viewDefinitions(engine)).map((v) => `DROP VIEW main.${ident(v.name)}`),
    ...(await tableNames(engine)).map((name) => `DROP TABLE main.${ident(name)}`),
    ...bookkeeping.filter((r) => !kept.has(r.name)).map((r) => `DROP TABLE ${qualified(r)}`),
  ];
  await engine.query('BEGIN TRANSACTION');
  try {
    for (const sql of [...drops, ...moves, ...views.map((v) => v.sql)]) await engine.query(sql);
    for (const v of views) {
      if ((await fingerprintTable(engine, { schema: 'main', name: v.name })).sha256 !== v.fingerprint) {
        throw new ArchiveError(said('core.store.archive.view_differs', { name: v.name }));
      }
    }
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * At start: completes or undoes a workspace import a crash interrupted. If the staged tables are gone
 * the swap committed, so the store switches to the imported notebooks; if they are still there it did
 * not, so they are dropped and the workspace stays as it was. Staged tables of an import that had not
 * reached the switch are dropped too.
 */
export async function recoverImport(engine: Engine, store: WorkspaceStore): Promise<'none' | 'completed' | 'undone'> {
  const leftovers = async () => {
    const r = await engine.query(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND starts_with(table_name, $1)`,
      [STAGED_PREFIX],
    );
    return r.toArray().map((row) => String(row.table_name));
  };
  const pending = store.pendingImport;
  let outcome: 'none' | 'completed' | 'undone' = 'none';
  if (pending) {
    const present = new Set(await leftovers());
    if (pending.staged.some((s) => present.has(s.staged))) {
      await store.abandonImport();
      outcome = 'undone';
    } else {
      await store.finishImport();
      outcome = 'completed';
    }
  }
  await dropStaged(engine, await leftovers());
  return outcome;
}
