/**
 * Loads rows that were parsed in JS (Excel, JSON, Parquet) into DuckDB: each batch becomes an Arrow
 * table appended to a staging table, then one statement gives the columns their names and final types.
 * Values that do not fit their column's type are reported by data row, like unreadable CSV lines.
 */
import { Bool, DateDay, Float64, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { aborted } from './errors';
import { BadValue, coerce, displayValue } from './js-values';
import { ident } from '../sql/quote';
import { internalName } from '../catalog/schemas';
import type { ColumnSpec, ColumnType, RejectSummary } from './types';
import { reasons, typeSaid } from './words';

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
  /** Records of the file that are not rows (a JSON value that is not an object, a line that is not JSON). */
  refused?: RejectSummary;
  /** Set on a source's batches: every row of the file was read (false when a preview stopped early). */
  whole?: boolean;
}

/** Positional stage names keep Arrow away from arbitrary header text; the final SELECT restores names. */
const stageName = (k: number) => `c${k}`;

/**
 * The batch as an Arrow table, every value checked against its column's type (a row with a value that
 * does not fit is left out and reported). `keep` lists the columns (by position) the table holds: a
 * preview checks every column but loads only the ones it shows.
 */
export function batchToArrow(columns: readonly ColumnSpec[], batch: RowBatch, rejected: RejectSummary, keep: readonly number[] = columns.map((_c, k) => k)): Table | null {
  const kept: unknown[][] = [];
  batch.rows.forEach((row, r) => {
    const out: unknown[] = [];
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      const v = coerce(row[k], c.type);
      if (v instanceof BadValue) {
        rejected.count++;
        if (rejected.examples.length < EXAMPLES) {
          const text = displayValue(v.value);
          const type = typeSaid(c.type, { dateFormat: '%Y-%m-%d', timeFormat: '%H:%M:%S' });
          rejected.examples.push({ line: null, row: batch.firstRow + r, text, kind: 'value', reason: reasons.value(c.name, text, type) });
        }
        return;
      }
      out.push(v);
    }
    kept.push(out);
  });
  if (kept.length === 0) return null;
  const vectors = Object.fromEntries(keep.map((k, j) => [stageName(j), vectorFromArray(kept.map((row) => row[k]), arrowType(columns[k]!.type))]));
  return new Table(vectors);
}

export interface StagedLoadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  fileName: string;
  /** Columns (by position) the table holds; all when absent. Every column's values are checked all the same. */
  keep?: readonly number[];
}

export interface StagedLoadOutcome {
  rejected: RejectSummary;
  /** What the source said of its last batch (see RowBatch.whole); true when it said nothing. */
  whole: boolean;
}

function mergeInto(into: RejectSummary, more: RejectSummary | undefined): void {
  if (!more || more.count === 0) return;
  into.count += more.count;
  for (const e of more.examples) if (into.examples.length < EXAMPLES) into.examples.push(e);
}

export async function loadBatches(
  engine: Engine,
  columns: readonly ColumnSpec[],
  batches: AsyncIterable<RowBatch> | Iterable<RowBatch>,
  target: string,
  options: StagedLoadOptions,
): Promise<StagedLoadOutcome> {
  const stage = internalName('stage');
  const rejected: RejectSummary = { count: 0, examples: [] };
  const refused: RejectSummary = { count: 0, examples: [] };
  const keep = options.keep ?? columns.map((_c, k) => k);
  let created = false;
  let whole = true;
  try {
    for await (const batch of batches) {
      if (options.signal?.aborted) throw aborted(options.fileName);
      mergeInto(refused, batch.refused);
      if (batch.whole !== undefined) whole = batch.whole;
      const table = batchToArrow(columns, batch, rejected, keep);
      if (table) {
        await engine.insertArrow(table, stage, { create: !created });
        created = true;
      }
      if (batch.progress !== undefined) options.onProgress?.(batch.progress);
    }
    // A file whose every row was refused, or that had none, still yields a table with the right columns.
    const select = keep.map((k, j) => `CAST(${created ? ident(stageName(j)) : 'NULL'} AS ${columns[k]!.type}) AS ${ident(columns[k]!.name)}`).join(', ');
    const from = created ? ` FROM ${ident(stage)}` : ' WHERE false';
    await engine.query(`CREATE TABLE ${ident(target)} AS SELECT ${select}${from}`);
    // Records that are not rows come first in the file's order of reading: they were found while parsing.
    mergeInto(refused, rejected);
    return { rejected: refused, whole };
  } finally {
    if (created) await engine.query(`DROP TABLE IF EXISTS ${ident(stage)}`);
  }
}
