/**
 * Fingerprints of the tables a notebook read, so a reader can tell whether two snapshots were taken on
 * the same data. An imported table carries the SHA-256 of its file (recorded by the import); any other
 * table — the demo workspace, a table made in SQL — gets a hash of its content instead.
 */
import type { Engine } from '../engine/types';
import { importsForTables } from '../ingest/catalog';
import { userRelations } from '../catalog/relations';
import { sha256HexSync, utf8 } from '../crypto/sha256';
import { ident, rowsOf } from '../sql/quote';
import type { ImportRecord } from '../ingest/types';
import type { Fingerprint } from './payload';

/**
 * A hash of the rows in any order: DuckDB hashes each row, and the sum and the xor of those hashes (plus
 * the row count and the column names and types) go through SHA-256. Summing makes it independent of row
 * order, and a duplicated row still counts (it would cancel out of a xor alone).
 */
export async function contentHash(engine: Engine, table: string): Promise<{ rows: number; hash: string }> {
  const t = ident(table);
  const [agg] = rowsOf(
    await engine.query(
      `SELECT count(*) AS n, CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS s, CAST(coalesce(bit_xor(hash(t)), 0) AS VARCHAR) AS x FROM ${t} AS t`,
    ),
  );
  const columns = rowsOf(await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${t})`))
    .map((r) => `${String(r.column_name)} ${String(r.column_type)}`)
    .join(', ');
  const text = `${columns}\n${Number(agg!.n)}\n${String(agg!.s)}\n${String(agg!.x)}`;
  return { rows: Number(agg!.n), hash: sha256HexSync(utf8(text)) };
}

/** Fingerprints of those of `names` that are the workspace's tables or views (others are ignored). */
export async function fingerprints(engine: Engine, names: readonly string[]): Promise<Fingerprint[]> {
  const relations = await userRelations(engine);
  const tables = [...new Set(names.map((n) => relations.find((r) => r.name.toLowerCase() === n.toLowerCase())?.name))]
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => a.localeCompare(b));
  // The import records only add the file's own hash: if they cannot be read, content hashes still say
  // which data the results came from, and the snapshot is not refused for it.
  const imports = await importsForTables(engine, tables).catch(() => new Map<string, ImportRecord>());
  const out: Fingerprint[] = [];
  for (const table of tables) {
    const rec = imports.get(table);
    if (rec) {
      out.push({ table, rows: rec.rowCount, method: 'file-sha256', value: rec.sha256, file: rec.fileName, importedAt: rec.importedAt });
    } else {
      const { rows, hash } = await contentHash(engine, table);
      out.push({ table, rows, method: 'content', value: hash, file: null, importedAt: null });
    }
  }
  return out;
}
