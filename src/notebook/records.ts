/**
 * Records (what a TypeScript cell returns: `[{ partner: 'A', revenue: 10 }, …]`) → an Arrow table, so
 * the result becomes a table SQL cells can query. Column types follow the values: integers → BIGINT,
 * other numbers → DOUBLE, text, booleans, dates at midnight UTC → DATE, other dates → TIMESTAMP.
 * The columns are built directly from typed arrays: apache-arrow's own builders compile code with
 * `new Function`, which the page's Content Security Policy forbids.
 */
import {
  Bool,
  DateDay,
  Float64,
  Int64,
  makeData,
  makeVector,
  Schema,
  Table,
  TimestampMicrosecond,
  Utf8,
  type Vector,
} from 'apache-arrow';
import { said, type Said } from '../i18n/said';
import { inputError } from '../i18n/said-error';

type Kind = 'integer' | 'float' | 'text' | 'boolean' | 'date' | 'timestamp' | 'empty';

const DAY_MS = 86_400_000;

function kindOfValue(v: unknown): Kind | 'bad' {
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? 'integer' : 'float';
  if (typeof v === 'bigint') return 'integer';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime() % DAY_MS === 0 ? 'date' : 'timestamp';
  return 'bad';
}

/** Two kinds that can share a column: integers widen to floats, dates to timestamps. */
function merge(a: Kind, b: Kind): Kind | null {
  if (a === b || b === 'empty') return a;
  if (a === 'empty') return b;
  const pair = new Set([a, b]);
  if (pair.has('integer') && pair.has('float')) return 'float';
  if (pair.has('date') && pair.has('timestamp')) return 'timestamp';
  return null;
}

const describe: Record<Kind, Said> = {
  integer: said('core.notebook.records.numbers'),
  float: said('core.notebook.records.numbers'),
  text: said('core.notebook.records.text'),
  boolean: said('core.notebook.records.booleans'),
  date: said('core.notebook.records.dates'),
  timestamp: said('core.notebook.records.dates'),
  empty: said('core.notebook.records.nothing'),
};

function validity(values: readonly unknown[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, k) => {
    if (v === null || v === undefined) nulls++;
    else bitmap[k >> 3]! |= 1 << (k & 7);
  });
  return { bitmap, nulls };
}

function column(kind: Kind, values: readonly unknown[]): Vector {
  const length = values.length;
  const { bitmap, nulls } = validity(values);
  const base = { length, nullCount: nulls, nullBitmap: bitmap };
  const present = (v: unknown) => v !== null && v !== undefined;
  switch (kind) {
    case 'integer':
      return makeVector(makeData({ ...base, type: new Int64(), data: BigInt64Array.from(values, (v) => (present(v) ? BigInt(v as number | bigint) : 0n)) }));
    case 'float':
      return makeVector(makeData({ ...base, type: new Float64(), data: Float64Array.from(values, (v) => (present(v) ? Number(v) : 0)) }));
    case 'boolean': {
      const bits = new Uint8Array(Math.ceil(length / 8));
      values.forEach((v, k) => {
        if (v === true) bits[k >> 3]! |= 1 << (k & 7);
      });
      return makeVector(makeData({ ...base, type: new Bool(), data: bits }));
    }
    case 'date':
      return makeVector(makeData({ ...base, type: new DateDay(), data: Int32Array.from(values, (v) => (present(v) ? Math.floor((v as Date).getTime() / DAY_MS) : 0)) }));
    case 'timestamp':
      return makeVector(
        // Microseconds, DuckDB's own TIMESTAMP unit (milliseconds would make a TIMESTAMP_MS column).
        makeData({ ...base, type: new TimestampMicrosecond(), data: BigInt64Array.from(values, (v) => (present(v) ? BigInt((v as Date).getTime()) * 1000n : 0n)) }),
      );
    case 'text':
    case 'empty': {
      const encoder = new TextEncoder();
      const encoded = values.map((v) => (present(v) ? encoder.encode(v as string) : new Uint8Array(0)));
      const offsets = new Int32Array(length + 1);
      encoded.forEach((b, k) => (offsets[k + 1] = offsets[k]! + b.length));
      const data = new Uint8Array(offsets[length]!);
      encoded.forEach((b, k) => data.set(b, offsets[k]!));
      return makeVector(makeData({ ...base, type: new Utf8(), data, valueOffsets: offsets }));
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * An array of records as a table; an array of plain values becomes one column, `value`.
 * `what` names the data in error messages ("the result of top_partners"), said or as it is.
 */
export function recordsToTable(items: readonly unknown[], what: string | Said): Table {
  const records = items.some(isRecord);
  if (records && !items.every((r) => isRecord(r))) {
    const k = items.findIndex((r) => !isRecord(r));
    throw inputError(said('core.notebook.records.not_record', { item: String(k + 1), what }), said('core.notebook.records.not_record_hint'));
  }
  const rows: Record<string, unknown>[] = records ? (items as Record<string, unknown>[]) : items.map((value) => ({ value }));
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const key of Object.keys(r)) if (!seen.has(key)) (seen.add(key), names.push(key));
  const vectors: Record<string, Vector> = {};
  for (const name of names) {
    const values = rows.map((r) => r[name]);
    let kind: Kind = 'empty';
    values.forEach((v, k) => {
      if (v === null || v === undefined) return;
      const vk = kindOfValue(v);
      if (vk === 'bad') {
        const holds = Array.isArray(v)
          ? said('core.notebook.records.an_array')
          : v instanceof Date
            ? said('core.notebook.records.an_invalid_date')
            : said('core.notebook.records.a_type', { type: typeof v });
        throw inputError(
          said('core.notebook.records.bad_value', { name, what, holds, row: String(k + 1) }),
          said('core.notebook.records.bad_value_hint'),
        );
      }
      const merged = merge(kind, vk);
      if (!merged) {
        throw inputError(
          said('core.notebook.records.mixed', { name, what, first: describe[kind], second: describe[vk], row: String(k + 1) }),
          said('core.notebook.records.mixed_hint'),
        );
      }
      kind = merged;
    });
    vectors[name] = column(kind, values);
  }
  if (names.length === 0) return new Table(new Schema([]));
  return new Table(vectors);
}
