/**
 * Parquet through hyparquet (DuckDB's Parquet reader is an extension we never download): the schema
 * gives the column types, and rows are read one row group at a time from the File — only the bytes of
 * that group are read — then appended to DuckDB as Arrow.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import type { Engine } from '../engine/types';
import { emptyFile, invalidParquet } from './errors';
import { PARQUET_COMPRESSORS } from './parquet-compressors';
import type { InspectionBase, LoadContext, LoadOutcome, RowSource } from './load-context';
import { previewReadRows } from './load-context';
import { columnNamesFromHeader } from './names';
import { loadBatches, type RowBatch } from './staged-load';
import type { ColumnType, ParquetSettings, SourceFile } from './types';

export interface ParquetInspection extends InspectionBase {
  format: 'parquet';
  settings: ParquetSettings;
  /** The file's footer; absent where it was read in the ingest worker, which keeps it (`source` reads rows from there). */
  metadata?: FileMetaData;
  rowCount: number;
  source?: RowSource;
}

function asyncBuffer(file: SourceFile): AsyncBuffer {
  return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

/** The column type for a top-level Parquet field; nested groups (lists, maps, structs) become JSON text. */
export function parquetColumnType(node: SchemaTree): ColumnType {
  if (node.children.length > 0) return 'VARCHAR';
  const e = node.element;
  const logical = e.logical_type?.type;
  if (e.converted_type === 'DECIMAL' || logical === 'DECIMAL' || logical === 'FLOAT16') return 'DOUBLE';
  if (e.converted_type === 'DATE' || logical === 'DATE') return 'DATE';
  if (e.converted_type === 'TIMESTAMP_MILLIS' || e.converted_type === 'TIMESTAMP_MICROS' || logical === 'TIMESTAMP' || e.type === 'INT96') return 'TIMESTAMP';
  switch (e.type) {
    case 'BOOLEAN':
      return 'BOOLEAN';
    case 'INT32':
    case 'INT64':
      return logical === 'TIME' || e.converted_type === 'TIME_MILLIS' || e.converted_type === 'TIME_MICROS' ? 'VARCHAR' : 'BIGINT';
    case 'FLOAT':
    case 'DOUBLE':
      return 'DOUBLE';
    default:
      return 'VARCHAR';
  }
}

export async function inspectParquet(file: SourceFile): Promise<ParquetInspection> {
  if (file.size === 0) throw emptyFile(file.name);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(asyncBuffer(file));
  } catch (err) {
    throw invalidParquet(file.name, err instanceof Error ? err.message : String(err));
  }
  const fields = parquetSchema(metadata).children;
  const names = columnNamesFromHeader(fields.map((f) => f.element.name));
  const columns = fields.map((f, k) => ({ source: f.element.name, name: names[k]!, type: parquetColumnType(f) }));
  return {
    format: 'parquet',
    file,
    metadata,
    rowCount: Number(metadata.num_rows),
    settings: { format: 'parquet', columns, skipBadRows: false },
    notes: [],
  };
}

function readRows(file: SourceFile, metadata: FileMetaData, rowStart: number, rowEnd: number): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    parquetRead({ file: asyncBuffer(file), metadata, rowStart, rowEnd, rowFormat: 'array', compressors: PARQUET_COMPRESSORS, onComplete: (rows) => resolve(rows) }).catch(reject);
  });
}

/** The first `limit` rows, a row group at a time (only that group's bytes are read from the file). */
export async function* parquetBatches(insp: ParquetInspection, limit: number): AsyncGenerator<RowBatch> {
  const metadata = insp.metadata;
  if (!metadata) throw new Error('This Parquet file was read in the ingest worker; its rows come through the inspection’s source.');
  const end = Math.min(insp.rowCount, limit);
  const whole = end === insp.rowCount;
  if (end === 0) yield { rows: [], firstRow: 1, progress: 1, whole };
  let start = 0;
  for (const group of metadata.row_groups) {
    if (start >= end) break;
    const stop = Math.min(end, start + Number(group.num_rows));
    let rows: unknown[][];
    try {
      rows = await readRows(insp.file, metadata, start, stop);
    } catch (err) {
      throw invalidParquet(insp.file.name, err instanceof Error ? err.message : String(err));
    }
    yield { rows, firstRow: start + 1, progress: stop / Math.max(1, end), whole };
    start = stop;
  }
}

export async function loadParquetInspection(engine: Engine, insp: ParquetInspection, settings: ParquetSettings, target: string, ctx: LoadContext): Promise<LoadOutcome> {
  const limit = ctx.mode === 'preview' ? previewReadRows(settings.columns.length) : Infinity;
  const batches = insp.source ? insp.source.batches(settings, limit) : parquetBatches(insp, limit);
  return loadBatches(engine, settings.columns, batches, target, {
    fileName: insp.file.name,
    signal: ctx.signal,
    onProgress: (f) => ctx.onProgress?.(0.05 + 0.85 * f, 'loading'),
    ...(ctx.keep ? { keep: ctx.keep } : {}),
  });
}
