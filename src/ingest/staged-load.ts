/**
 * Loads rows that were parsed in JS (Excel, JSON, Parquet) into DuckDB: each batch becomes an Arrow
 * table appended to a staging table, then one statement gives the columns their names and final types.
 * Values that do not fit their column's type are reported by data row, like unreadable CSV lines.
 */
import { Bool, DateDay, Float64, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { aborted } from './errors';
import { BadValue, coerce, displayValue } from './js-values';
import { ident, internalName } from './sql';
import type { ColumnSpec, ColumnType, RejectSummary } from './types';
import { typeWords } from './rejects';

const EXAMPLES = 5;

function arrowType(type: ColumnType): DataType {
  switch (type) {
    case 'VARCHAR':
      return new Utf8();
    case 'BIGINT':
      return new Int64();
    case 'DOUBLE':
      return new Float64();
    case 'BOOLEAN':
      return new Bool();
    case 'DATE':
      return new DateDay();
    case 'TIMESTAMP':
      return new TimestampMillisecond();
  }
}

export interface RowBatch {
  rows: unknown[][];
  /** 1-based data row number of rows[0], for messages. */
  firstRow: number;
  /** Fraction of the source read after this batch. */
  progress?: number;
}

/** Positional stage names keep Arrow away from arbitrary header text; the final SELECT restores names. */
const stageName = (k: number) => `c${k}`;

export function batchToArrow(columns: readonly ColumnSpec[], batch: RowBatch, rejected: RejectSummary): Table | null {
  const keep: unknown[][] = [];
  batch.rows.forEach((row, r) => {
    const out: unknown[] = [];
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      const v = coerce(row[k], c.type);
      if (v instanceof BadValue) {
        rejected.count++;
        if (rejected.examples.length < EXAMPLES) {
          const text = displayValue(v.value);
          const words = typeWords(c.type, { dateFormat: '%Y-%m-%d', timeFormat: '%H:%M:%S' });
          rejected.examples.push({ line: null, row: batch.firstRow + r, text, kind: 'value', reason: `in column "${c.name}", "${text}" is not ${words}` });
        }
        return;
      }
      out.push(v);
    }
    keep.push(out);
  });
  if (keep.length === 0) return null;
  const vectors = Object.fromEntries(
    columns.map((c, k) => [stageName(k), vectorFromArray(keep.map((row) => row[k]), arrowType(c.type))]),
  );
  return new Table(vectors);
}

export interface StagedLoadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  fileName: string;
}

export async function loadBatches(
  engine: Engine,
  columns: readonly ColumnSpec[],
  batches: AsyncIterable<RowBatch> | Iterable<RowBatch>,
  target: string,
  options: StagedLoadOptions,
): Promise<RejectSummary> {
  const stage = internalName('stage');
  const rejected: RejectSummary = { count: 0, examples: [] };
  let created = false;
  try {
    for await (const batch of batches) {
      if (options.signal?.aborted) throw aborted(options.fileName);
      const table = batchToArrow(columns, batch, rejected);
      if (table) {
        await engine.insertArrow(table, stage, { create: !created });
        created = true;
      }
      if (batch.progress !== undefined) options.onProgress?.(batch.progress);
    }
    // A file whose every row was refused, or that had none, still yields a table with the right columns.
    const select = columns.map((c, k) => `CAST(${created ? ident(stageName(k)) : 'NULL'} AS ${c.type}) AS ${ident(c.name)}`).join(', ');
    const from = created ? ` FROM ${ident(stage)}` : ' WHERE false';
    await engine.query(`CREATE TABLE ${ident(target)} AS SELECT ${select}${from}`);
    return rejected;
  } finally {
    if (created) await engine.query(`DROP TABLE IF EXISTS ${ident(stage)}`);
  }
}
