/**
 * Each cell's key: what its result depends on — its kind, name, code and attributes (an input cell's
 * value is an attribute), the keys of the cells it reads, and the content of the tables it reads. Two
 * runs with the same key compute the same thing, so a result kept from the last session under the same
 * key can be shown as current instead of running the cell again (issue 16.1).
 *
 * A table's content is summarised by DuckDB itself (`dataKeySql`): its row type, row count and the sum
 * of its rows' hashes — order-free, and one scan (about 70 ms for a million rows natively), far cheaper
 * than running the notebook again.
 */
import { sha256HexSync, utf8 } from '../crypto/sha256';
import type { Engine } from '../engine/types';
import { plainRows } from '../engine/values';
import type { Graph } from './graph';
import type { Cell } from './model';

/** The key of a table's content, or null when it cannot be read (absent, a view that fails to bind). */
export type DataKey = (table: string) => Promise<string | null>;

/** The query that summarises a relation's content; `relation` is already quoted. */
export function dataKeySql(relation: string): string {
  return `SELECT count(*)::VARCHAR AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h, coalesce(any_value(typeof(t)), '') AS ty FROM ${relation} AS t`;
}

/** A DataKey over an engine; bare names resolve through the search path as the cells' own queries do. */
export function engineDataKey(engine: Engine, quote: (name: string) => string): DataKey {
  return async (table) => {
    try {
      const [row] = plainRows(await engine.query(dataKeySql(quote(table))));
      return row ? row.map(String).join('|') : null;
    } catch {
      return null;
    }
  };
}

const lower = (s: string) => s.toLowerCase();

/**
 * Keys of the cells of `graph` (dependencies first), each given as soon as it is known, so that a
 * start can show a cell as current before the tables only later cells read are summarised. A cell with
 * a wiring problem, one that reads a table that cannot be summarised, or one that reads such a cell,
 * gets `undefined`: it always runs.
 */
export async function* cellKeysInOrder(
  cells: readonly Cell[],
  graph: Graph,
  reads: (id: string) => readonly string[],
  dataKey: DataKey,
): AsyncGenerator<[id: string, key: string | undefined]> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const cellByName = new Map(cells.filter((c) => c.name).map((c) => [lower(c.name), c.id]));
  const tableKeys = new Map<string, string | null>();
  const keys = new Map<string, string>();
  for (const id of graph.order) {
    const cell = byId.get(id);
    if (!cell || graph.problems.has(id)) {
      yield [id, undefined];
      continue;
    }
    const parts: string[] = [cell.kind, cell.name, cell.source, JSON.stringify(cell.attrs.map((a) => [a.key, a.value]))];
    let ok = true;
    for (const r of [...reads(id)].map(lower).sort()) {
      const dep = cellByName.get(r);
      if (dep !== undefined) {
        const k = keys.get(dep);
        if (k === undefined) ok = false;
        parts.push(`cell:${r}:${k}`);
        continue;
      }
      if (!tableKeys.has(r)) tableKeys.set(r, await dataKey(r));
      const t = tableKeys.get(r);
      if (t === null) ok = false;
      parts.push(`table:${r}:${t}`);
    }
    const key = ok ? sha256HexSync(utf8(parts.join('\u0000'))) : undefined;
    if (key !== undefined) keys.set(id, key);
    yield [id, key];
  }
}

/** Keys of the cells of `graph`, all at once (see cellKeysInOrder). */
export async function cellKeys(cells: readonly Cell[], graph: Graph, reads: (id: string) => readonly string[], dataKey: DataKey): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for await (const [id, key] of cellKeysInOrder(cells, graph, reads, dataKey)) if (key !== undefined) keys.set(id, key);
  return keys;
}
