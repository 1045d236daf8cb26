/**
 * A table's fingerprint: the SHA-256 of its canonical content, so that two copies of a table (before an
 * export and after the import on another machine) can be shown to hold the same data.
 *
 * The canonical content is UTF-8 text, every line ending with a line feed:
 *   - the column names, separated by tabs;
 *   - the column types as DuckDB names them (`DECIMAL(18,2)`, `DATE`…), separated by tabs;
 *   - one line per row, the values as DuckDB casts them to VARCHAR, separated by tabs, with `\` written
 *     `\\`, tab `\t`, line feed `\n`, and NULL written `\N`; the row lines sorted by their bytes.
 * Sorting makes the fingerprint independent of row order, which SQL leaves undefined; duplicate rows
 * each keep their line.
 */
import type { Engine } from '../engine/types';
import { streamingSha256 } from '../crypto/sha256';
import { StoreError } from './store-error';
import { said } from '../i18n/said';
import { relationSql, type Relation as CatalogRelation } from '../catalog/relations';
import { ident } from '../sql/quote';
import { utf8 } from '../crypto/sha256';

export interface ColumnDef {
  name: string;
  /** DuckDB's name of the type, e.g. `DECIMAL(18,2)`. */
  type: string;
}

/** A relation by schema and name (src/catalog/relations.ts). */
export type Relation = Pick<CatalogRelation, 'schema' | 'name'>;

export interface TableFingerprint {
  sha256: string;
  rows: number;
  columns: ColumnDef[];
}

export const qualified = (r: Relation): string => relationSql(r);

/** The escaping of the canonical text, for names (values are escaped the same way in SQL). */
export function escapeCanonical(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

export async function columnsOf(engine: Engine, r: Relation): Promise<ColumnDef[]> {
  const t = await engine.query(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2 ORDER BY column_index`,
    [r.schema, r.name],
  );
  return t.toArray().map((row) => ({ name: String(row.column_name), type: String(row.data_type) }));
}

function canonicalValueSql(column: string): string {
  const text = `CAST(${ident(column)} AS VARCHAR)`;
  return `coalesce(replace(replace(replace(${text}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), '\\N')`;
}

/**
 * Distinct row lines read per query: at least 50,000, and a quarter of the table for large ones, so
 * that a table is read in at most about four passes.
 */
const MIN_PAGE = 50_000;

/**
 * Only reads (no temporary table): it may run while a cell holds a transaction on the engine's one
 * connection without changing what that transaction does.
 */
export async function fingerprintTable(engine: Engine, r: Relation): Promise<TableFingerprint> {
  const columns = await columnsOf(engine, r);
  if (columns.length === 0) throw new StoreError(said('core.store.not_a_table', { name: `${r.schema}.${r.name}` }));
  const hash = streamingSha256();
  hash.update(utf8(columns.map((c) => escapeCanonical(c.name)).join('\t') + '\n'));
  hash.update(utf8(columns.map((c) => escapeCanonical(c.type)).join('\t') + '\n'));
  const total = Number((await engine.query(`SELECT count(*) AS n FROM ${qualified(r)}`)).get(0)!.n);
  const page = Math.max(MIN_PAGE, Math.ceil(total / 4));
  const grouped = `SELECT line, count(*) AS n FROM (SELECT concat_ws(chr(9), ${columns.map((c) => canonicalValueSql(c.name)).join(', ')}) AS line FROM ${qualified(r)}) GROUP BY line`;
  let rows = 0;
  let last: string | null = null;
  for (;;) {
    // Each page: the next distinct lines after the last one seen, in byte order.
    const t = await (last === null
      ? engine.query(`${grouped} ORDER BY line LIMIT ${page}`)
      : engine.query(`${grouped} HAVING line > $1 ORDER BY line LIMIT ${page}`, [last]));
    const lines = t.getChild('line')!.toArray() as string[];
    const counts = t.getChild('n')!.toArray() as ArrayLike<number>;
    for (let k = 0; k < lines.length; k++) {
      const bytes = utf8(lines[k]! + '\n');
      for (let c = 0; c < Number(counts[k]); c++) hash.update(bytes);
      rows += Number(counts[k]);
    }
    if (lines.length < page) break;
    last = lines[lines.length - 1]!;
  }
  return { sha256: hash.hex(), rows, columns };
}
