/**
 * The bin: the previous versions of tables and views that a statement dropped or rewrote, or that the
 * Workspace panel deleted, kept until the user empties the bin.
 *
 * A kept relation stays in its own schema under a hidden name (the `__longtail_deleted_` prefix, which
 * every listing leaves out), and says what it was in its DuckDB comment (JSON): its schema and name,
 * what happened to it, when, and by which statement. The bin therefore needs no bookkeeping table of its
 * own that could disagree with what is really there: a rename keeps the comment, a rollback takes back
 * both, and a workspace archive (which never exports hidden names) carries no bin.
 *
 * Two ways in: a drop *moves* the relation (a rename: nothing is copied, so it works with a full disk);
 * a rewrite (DELETE, UPDATE, ALTER, INSERT, a CREATE OR REPLACE that reads the table itself…) *copies*
 * it first, since the statement needs the table where it is. Restoring swaps: the kept version takes its
 * name back, and whatever holds that name now goes to the bin in its place, so a restore loses nothing
 * either.
 */
import type { Engine } from '../engine/types';
import { INTERNAL_PREFIX } from '../catalog/schemas';
import { ident, lit, qualified, rowsOf } from '../sql/quote';
import { StoreError } from './store-error';
import { said } from '../i18n/said';

export const BIN_PREFIX = `${INTERNAL_PREFIX}deleted_`;

export interface BinTarget {
  schema: string;
  name: string;
  kind: 'table' | 'view';
}

/** What put a relation in the bin. */
export type BinReason = 'drop' | 'delete' | 'truncate' | 'update' | 'merge' | 'insert' | 'copy-from' | 'alter' | 'replace' | 'deleted' | 'restored-over';

export interface BinEntry extends BinTarget {
  /** Its hidden name, in the same schema. */
  hiddenAs: string;
  reason: BinReason;
  /** The statement that changed it (cut to 500 characters); '' for the panel's Delete and restores. */
  statement: string;
  /** Rows it held when kept; null for a view. */
  rows: number | null;
  /** ISO 8601. */
  binnedAt: string;
}

/** The JSON kept in the relation's comment. `comment` is the relation's own comment, given back on restore. */
interface Label {
  longtailBin: 1;
  schema: string;
  name: string;
  kind: 'table' | 'view';
  reason: BinReason;
  statement: string;
  rows: number | null;
  at: string;
  comment: string | null;
}

let made = 0;

function hiddenName(): string {
  made += 1;
  return `${BIN_PREFIX}${Date.now().toString(36)}_${made}_${Math.random().toString(36).slice(2, 6)}`;
}

const keyword = (kind: 'table' | 'view') => (kind === 'view' ? 'VIEW' : 'TABLE');

async function ownComment(engine: Engine, t: BinTarget): Promise<string | null> {
  const source = t.kind === 'view' ? 'duckdb_views() WHERE view_name = $2' : 'duckdb_tables() WHERE table_name = $2';
  const r = rowsOf(await engine.query(`SELECT comment FROM ${source} AND schema_name = $1 AND database_name = current_database()`, [t.schema, t.name]));
  const c = r[0]?.comment;
  return typeof c === 'string' && c !== '' ? c : null;
}

async function rowCount(engine: Engine, t: BinTarget): Promise<number | null> {
  if (t.kind === 'view') return null;
  return Number(rowsOf(await engine.query(`SELECT count(*) AS n FROM ${qualified(t.schema, t.name)}`))[0]!.n);
}

async function label(engine: Engine, t: BinTarget, hidden: string, l: Label): Promise<void> {
  await engine.query(`COMMENT ON ${keyword(t.kind)} ${qualified(t.schema, hidden)} IS ${lit(JSON.stringify(l))}`);
}

function entryOf(l: Label, hiddenAs: string): BinEntry {
  return { schema: l.schema, name: l.name, kind: l.kind, hiddenAs, reason: l.reason, statement: l.statement, rows: l.rows, binnedAt: l.at };
}

async function newLabel(engine: Engine, t: BinTarget, why: { reason: BinReason; statement?: string }): Promise<Label> {
  return {
    longtailBin: 1,
    schema: t.schema,
    name: t.name,
    kind: t.kind,
    reason: why.reason,
    statement: (why.statement ?? '').slice(0, 500),
    rows: await rowCount(engine, t),
    at: new Date().toISOString(),
    comment: await ownComment(engine, t),
  };
}

/** Moves a table or view to the bin by renaming it: nothing is copied. */
export async function moveToBin(engine: Engine, t: BinTarget, why: { reason: BinReason; statement?: string }): Promise<BinEntry> {
  const l = await newLabel(engine, t, why);
  const hidden = hiddenName();
  await engine.query(`ALTER ${keyword(t.kind)} ${qualified(t.schema, t.name)} RENAME TO ${ident(hidden)}`);
  await label(engine, t, hidden, l);
  return entryOf(l, hidden);
}

/** Keeps a copy of a table in the bin; the table itself stays as it is, for the statement about to change it. */
export async function copyToBin(engine: Engine, t: BinTarget, why: { reason: BinReason; statement?: string }): Promise<BinEntry> {
  if (t.kind === 'view') return moveToBin(engine, t, why);
  const l = await newLabel(engine, t, why);
  const hidden = hiddenName();
  await engine.query(`CREATE TABLE ${qualified(t.schema, hidden)} AS SELECT * FROM ${qualified(t.schema, t.name)}`);
  await label(engine, t, hidden, l);
  return entryOf(l, hidden);
}

function parseLabel(comment: unknown): Label | null {
  if (typeof comment !== 'string' || !comment.startsWith('{')) return null;
  try {
    const l = JSON.parse(comment) as Partial<Label>;
    if (l.longtailBin !== 1 || typeof l.schema !== 'string' || typeof l.name !== 'string' || (l.kind !== 'table' && l.kind !== 'view')) return null;
    return { comment: null, statement: '', rows: null, at: '', reason: 'deleted', ...l } as Label;
  } catch {
    return null;
  }
}

/** Every hidden relation with its label, the unlabelled ones (from before the bin) with `label: null`. */
async function hiddenRelations(engine: Engine): Promise<{ schema: string; hiddenAs: string; kind: 'table' | 'view'; label: Label | null }[]> {
  const rows = rowsOf(
    await engine.query(
      `SELECT schema_name AS s, table_name AS n, 'table' AS k, comment AS c FROM duckdb_tables()
         WHERE database_name = current_database() AND NOT temporary AND starts_with(table_name, $1)
       UNION ALL
       SELECT schema_name, view_name, 'view', comment FROM duckdb_views()
         WHERE database_name = current_database() AND NOT temporary AND NOT internal AND starts_with(view_name, $1)`,
      [BIN_PREFIX],
    ),
  );
  return rows.map((r) => ({ schema: String(r.s), hiddenAs: String(r.n), kind: r.k === 'view' ? 'view' : 'table', label: parseLabel(r.c) }));
}

/** What the bin holds, the latest first. */
export async function listBin(engine: Engine): Promise<BinEntry[]> {
  const out: BinEntry[] = [];
  for (const h of await hiddenRelations(engine)) if (h.label) out.push(entryOf(h.label, h.hiddenAs));
  return out.sort((a, b) => (a.binnedAt < b.binnedAt ? 1 : a.binnedAt > b.binnedAt ? -1 : 0));
}

async function inTransaction<T>(engine: Engine, fn: () => Promise<T>): Promise<T> {
  await engine.query('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await engine.query('COMMIT');
    return out;
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function find(engine: Engine, entry: Pick<BinEntry, 'schema' | 'hiddenAs'>): Promise<BinEntry> {
  const found = (await listBin(engine)).find((e) => e.schema === entry.schema && e.hiddenAs === entry.hiddenAs);
  if (!found) throw new StoreError(said('core.store.bin.gone'));
  return found;
}

async function holder(engine: Engine, schema: string, name: string): Promise<BinTarget | null> {
  const r = rowsOf(
    await engine.query(
      `SELECT table_name AS n, 'table' AS k FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND schema_name = $1 AND lower(table_name) = lower($2)
       UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND NOT temporary AND NOT internal AND schema_name = $1 AND lower(view_name) = lower($2)`,
      [schema, name],
    ),
  );
  return r[0] ? { schema, name: String(r[0].n), kind: r[0].k === 'view' ? 'view' : 'table' } : null;
}

/**
 * Puts a kept version back under its name, in one transaction. Whatever holds that name now (the table
 * a DELETE left, the one a CREATE OR REPLACE made) goes to the bin in exchange and is returned.
 */
export async function restoreFromBin(engine: Engine, entry: Pick<BinEntry, 'schema' | 'hiddenAs'>): Promise<{ restored: BinEntry; displaced: BinEntry | null }> {
  const kept = await find(engine, entry);
  const own = (await labelOf(engine, kept))?.comment ?? null;
  return inTransaction(engine, async () => {
    const current = await holder(engine, kept.schema, kept.name);
    const displaced = current ? await moveToBin(engine, current, { reason: 'restored-over' }) : null;
    await engine.query(`ALTER ${keyword(kept.kind)} ${qualified(kept.schema, kept.hiddenAs)} RENAME TO ${ident(kept.name)}`);
    await engine.query(`COMMENT ON ${keyword(kept.kind)} ${qualified(kept.schema, kept.name)} IS ${own ? lit(own) : 'NULL'}`);
    return { restored: kept, displaced };
  });
}

async function labelOf(engine: Engine, e: BinEntry): Promise<Label | null> {
  return (await hiddenRelations(engine)).find((h) => h.schema === e.schema && h.hiddenAs === e.hiddenAs)?.label ?? null;
}

/** Drops kept versions for good: the ones given, or all. Returns how many were dropped. */
export async function emptyBin(engine: Engine, only?: readonly Pick<BinEntry, 'schema' | 'hiddenAs'>[]): Promise<number> {
  const all = (await hiddenRelations(engine)).filter((h) => h.label);
  const chosen = only ? all.filter((h) => only.some((o) => o.schema === h.schema && o.hiddenAs === h.hiddenAs)) : all;
  if (chosen.length === 0) return 0;
  await inTransaction(engine, async () => {
    for (const h of chosen) await engine.query(`DROP ${keyword(h.kind)} IF EXISTS ${qualified(h.schema, h.hiddenAs)}`);
  });
  return chosen.length;
}

/**
 * Drops hidden relations that are in no bin: tables the Workspace panel hid before the bin existed
 * (they were dropped at the next start then), which nothing can restore.
 */
export async function dropUnlabelled(engine: Engine): Promise<void> {
  for (const h of await hiddenRelations(engine)) {
    if (!h.label) await engine.query(`DROP ${keyword(h.kind)} IF EXISTS ${qualified(h.schema, h.hiddenAs)}`);
  }
}
