/**
 * Tables to Parquet and back, in JavaScript: this DuckDB-WASM has no Parquet reader or writer (they are
 * extensions, and extensions are never loaded). Writing uses hyparquet-writer on values read through
 * Arrow; reading uses hyparquet, and the rows reach DuckDB as a CSV of text values with explicit casts
 * (parquet-codecs.ts), which every engine back end loads the same way.
 */
import { parquetMetadata, parquetRead, type SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { PARQUET_COMPRESSORS } from '../ingest/parquet-compressors';
import type { Engine } from '../engine/types';
import { ident, lit } from '../sql/quote';
import { internalName } from '../catalog/schemas';
import { codecFor, rawElement } from './parquet-codecs';
import { qualified, type ColumnDef, type Relation } from './fingerprint';
import { utf8 } from '../crypto/sha256';
import { StoreError } from './store-error';
import { said } from '../i18n/said';

/** The whole relation as a Parquet file (Snappy-compressed, one column chunk per column and row group). */
export async function tableToParquet(engine: Engine, r: Relation, columns: readonly ColumnDef[]): Promise<Uint8Array<ArrayBuffer>> {
  const codecs = columns.map((c) => codecFor(c.type));
  const t = await engine.query(`SELECT ${columns.map((c, k) => `${codecs[k]!.select(c.name)} AS ${ident(`c${k}`)}`).join(', ')} FROM ${qualified(r)}`);
  const columnData = columns.map((c, k) => {
    const vector = t.getChildAt(k)!;
    const codec = codecs[k]!;
    const data = new Array<unknown>(vector.length);
    for (let i = 0; i < vector.length; i++) {
      const v = vector.get(i);
      data[i] = v === null || v === undefined ? null : codec.toParquet(v);
    }
    return { name: c.name, data };
  });
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map((c, k): SchemaElement => ({ name: c.name, repetition_type: 'OPTIONAL', ...codecs[k]!.element })),
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, schema, rowGroupSize: 100_000 }));
}

/** Leaf column names of a Parquet file, in order. */
export function parquetColumns(bytes: Uint8Array): string[] {
  return parquetMetadata(bytes).schema.slice(1).map((e) => e.name);
}

/** Rows are loaded this many at a time, so the CSV text in memory stays bounded. */
const BATCH = 100_000;

function csvField(text: string | null): string {
  return text === null ? '' : `"${text.replace(/"/g, '""')}"`;
}

/**
 * Creates `target` with exactly `columns` (names and DuckDB types) and loads the Parquet file's rows into
 * it. The file must have those columns, in that order.
 */
export async function parquetToTable(engine: Engine, bytes: Uint8Array, target: Relation, columns: readonly ColumnDef[], onProgress?: (fraction: number) => void): Promise<void> {
  const metadata = parquetMetadata(bytes);
  const names = metadata.schema.slice(1).map((e) => e.name);
  if (names.join('\u0000') !== columns.map((c) => c.name).join('\u0000')) {
    throw new StoreError(said('core.store.parquet.columns', { name: target.name, found: names.join(', '), expected: columns.map((c) => c.name).join(', ') }));
  }
  const raw = { ...metadata, schema: metadata.schema.map(rawElement) };
  const codecs = columns.map((c) => codecFor(c.type));
  await engine.query(`CREATE TABLE ${qualified(target)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
  const total = Number(metadata.num_rows);
  const file = `${internalName('restore')}.csv`;
  // A last constant column keeps every line non-empty: a one-column row holding NULL would otherwise be
  // a blank line, which a CSV reader may skip.
  const varchar = [...columns.map((_, k) => `${lit(`c${k}`)}: 'VARCHAR'`), `'end': 'VARCHAR'`].join(', ');
  const restore = columns.map((c, k) => codecs[k]!.restore(`c${k}`, c.type)).join(', ');
  const buffer = bytes.slice().buffer;
  for (let start = 0; start < total; start += BATCH) {
    const rows = await new Promise<unknown[][]>((resolve, reject) => {
      parquetRead({ file: buffer, metadata: raw, rowStart: start, rowEnd: Math.min(total, start + BATCH), compressors: PARQUET_COMPRESSORS, onComplete: resolve }).catch(reject);
    });
    const lines = rows.map((row) => row.map((v, k) => csvField(v === null || v === undefined ? null : codecs[k]!.toText(v))).join(',') + ',1\n');
    await engine.registerFile(file, utf8(lines.join('')));
    try {
      await engine.query(
        `INSERT INTO ${qualified(target)} SELECT ${restore} FROM read_csv(${lit(file)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${varchar}})`,
      );
    } finally {
      await engine.dropFile(file).catch(() => undefined);
    }
    onProgress?.(Math.min(1, (start + BATCH) / total));
  }
}
