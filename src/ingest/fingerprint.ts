/**
 * Fingerprints: the SHA-256 of the file's bytes, and what changed since the previous import of a file
 * of the same name — same bytes, or how many rows were added and removed.
 *
 * Rows are compared as multisets of row hashes between the previous table and the new one, while both
 * still exist (the new table is compared before it replaces the old), when both have the same columns.
 * Two identical rows count twice.
 */
import type { Engine } from '../engine/types';
import { columnsOf } from './catalog';
import { userRelations, type Relation } from '../catalog/relations';
import { sha256Hex, streamingSha256 } from '../crypto/sha256';
import { readChunks } from './source';
import { ident, rowsOf } from '../sql/quote';
import { INTERNAL_PREFIX } from '../catalog/schemas';
import type { ImportDiff, ImportRecord, ImportSettings, SourceFile } from './types';

/** Up to this size the platform's digest hashes the whole file at once (fast, native); beyond, chunk by chunk. */
export const WHOLE_HASH_LIMIT = 128 * 1024 * 1024;

export interface HashOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  wholeLimit?: number;
}

export async function sha256OfFile(file: SourceFile, options: HashOptions = {}): Promise<string> {
  if (file.size <= (options.wholeLimit ?? WHOLE_HASH_LIMIT)) {
    const digest = await sha256Hex(await file.arrayBuffer());
    options.onProgress?.(1);
    return digest;
  }
  const hash = streamingSha256();
  for await (const chunk of readChunks(file, { signal: options.signal, onChunk: options.onProgress })) hash.update(chunk);
  return hash.hex();
}

/**
 * Hashes started as soon as a file is inspected, by file. The hash then runs while the user reviews the
 * import dialog, and an import that follows at once still finds it well under way: reading the file for
 * the hash no longer competes with DuckDB's own read of it. One runs at a time, so a drop of several
 * files holds one whole file in memory for hashing, not all of them. Files above WHOLE_HASH_LIMIT are
 * hashed chunk by chunk in JS on the calling thread: those are hashed by their import, as before.
 */
const ahead = new WeakMap<Blob, Promise<string>>();
let lastAhead: Promise<unknown> = Promise.resolve();

export function hashAhead(file: SourceFile): void {
  if (file.size > WHOLE_HASH_LIMIT || ahead.has(file)) return;
  const hashing = lastAhead.then(() => sha256OfFile(file));
  lastAhead = hashing.catch(() => undefined);
  // A failed read is not remembered: the import hashes again and reports its own error.
  hashing.catch(() => ahead.delete(file));
  ahead.set(file, hashing);
}

/** The file's SHA-256: the one `hashAhead` started, else a new one. */
export function fileSha256(file: SourceFile, options: HashOptions = {}): Promise<string> {
  return ahead.get(file) ?? sha256OfFile(file, options);
}

/**
 * Rows added and removed, as multisets. The two tables are stacked BY NAME, which casts each column to
 * a type both sides fit (a re-export can turn 4500.0 into 4500, DOUBLE into BIGINT), then rows are
 * hashed and counted per side.
 */
async function rowDifference(engine: Engine, before: string, after: string, columns: readonly string[]): Promise<{ added: number; removed: number }> {
  const side = ident(`${INTERNAL_PREFIX}side`);
  const r = rowsOf(
    await engine.query(`
      WITH u AS (SELECT 0 AS ${side}, * FROM ${ident(before)} UNION ALL BY NAME SELECT 1 AS ${side}, * FROM ${ident(after)}),
           n AS (SELECT hash(${columns.map(ident).join(', ')}) AS h,
                        count(*) FILTER (WHERE ${side} = 1) AS a, count(*) FILTER (WHERE ${side} = 0) AS b
                 FROM u GROUP BY 1)
      SELECT coalesce(sum(greatest(a - b, 0)), 0) AS added, coalesce(sum(greatest(b - a, 0)), 0) AS removed FROM n`),
  )[0]!;
  return { added: r.added as number, removed: r.removed as number };
}

/**
 * Compares the freshly loaded table `loaded` with the previous import of the same file name.
 * `sha256`, `rowCount` and `settings` are the new import's.
 */
export async function diffWithPrevious(
  engine: Engine,
  previous: ImportRecord | null,
  loaded: string,
  current: { sha256: string; rowCount: number; settings: ImportSettings },
  relations?: readonly Relation[],
): Promise<ImportDiff | null> {
  const { sha256, rowCount, settings } = current;
  if (!previous) return null;
  const after = await columnsOf(engine, loaded);
  const stillThere = (relations ?? (await userRelations(engine))).some((r) => r.kind === 'table' && r.name.toLowerCase() === previous.tableName.toLowerCase());
  const before = stillThere
    ? await columnsOf(engine, previous.tableName)
    : previous.settings.columns.map((c) => ({ name: c.name, type: c.type as string }));
  const names = (cols: { name: string }[]) => new Set(cols.map((c) => c.name));
  const beforeNames = names(before);
  const afterNames = names(after);
  const columnsAdded = [...afterNames].filter((n) => !beforeNames.has(n));
  const columnsRemoved = [...beforeNames].filter((n) => !afterNames.has(n));
  const base = { previous, rowsBefore: previous.rowCount, rowsAfter: rowCount, columnsAdded, columnsRemoved };
  const identical = previous.sha256 === sha256;
  // Same bytes read with the same settings give the same rows; no need to compare them.
  if (identical && JSON.stringify(previous.settings) === JSON.stringify(settings)) return { ...base, identical, rowsAdded: 0, rowsRemoved: 0 };
  const sameColumns = stillThere && columnsAdded.length === 0 && columnsRemoved.length === 0;
  if (!sameColumns) return { ...base, identical, rowsAdded: null, rowsRemoved: null };
  const { added, removed } = await rowDifference(engine, previous.tableName, loaded, after.map((c) => c.name));
  return { ...base, identical, rowsAdded: added, rowsRemoved: removed };
}
