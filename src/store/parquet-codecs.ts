/**
 * How each DuckDB column type goes into Parquet and comes back exactly.
 *
 * Out: a SQL expression reads the column in a form JavaScript holds without loss (64-bit integers and
 * decimals as text, dates as day numbers, timestamps as microsecond text), and the value is written
 * with the Parquet type other tools understand (INT64 DECIMAL, INT32 DATE, INT64 TIMESTAMP_MICROS…).
 * Back: the Parquet file is read with those annotations removed, so decimals, dates and timestamps
 * arrive as their raw integers instead of lossy JS numbers and Dates; each value becomes text, and a SQL
 * expression casts it back to the exact type recorded in the export's manifest.
 * Types without a Parquet equivalent here (HUGEINT, INTERVAL, LIST…) travel as their VARCHAR form.
 */
import type { SchemaElement } from 'hyparquet';
import { ident } from '../sql/quote';

export interface Codec {
  /** Reads column `c` for export. */
  select(c: string): string;
  /** The Parquet schema element, without name and repetition. */
  element: Omit<SchemaElement, 'name'>;
  /** A value as the export query returned it → the value hyparquet-writer expects. */
  toParquet(v: unknown): unknown;
  /** A raw Parquet value → text for the CSV that loads it back. */
  toText(v: unknown): string;
  /** The loaded text column `c` → the column's type. */
  restore(c: string, type: string): string;
}

const asIs = (c: string) => ident(c);
const castBack = (c: string, type: string) => `CAST(${ident(c)} AS ${type})`;

function numberText(v: unknown): string {
  const n = Number(v);
  // String(-0) is "0": keep the sign, DuckDB keeps it too.
  return Object.is(n, -0) ? '-0' : String(n);
}

/** "-12.50" with scale 2 → -1250n. DuckDB writes a DECIMAL with exactly `scale` digits after the point. */
export function unscaled(text: string): bigint {
  return BigInt(text.replace('.', ''));
}

/** -1250n with scale 2 → "-12.50". */
export function decimalText(u: bigint, scale: number): string {
  if (scale === 0) return u.toString();
  const negative = u < 0n;
  const digits = (negative ? -u : u).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const INT32: Codec = {
  select: (c) => `CAST(${ident(c)} AS INTEGER)`,
  element: { type: 'INT32' },
  toParquet: (v) => v,
  toText: numberText,
  restore: castBack,
};

const INT64: Codec = {
  select: (c) => `CAST(${ident(c)} AS VARCHAR)`,
  element: { type: 'INT64' },
  toParquet: (v) => (v === null ? null : BigInt(v as string)),
  toText: (v) => String(v),
  restore: castBack,
};

const TEXT: Codec = {
  select: (c) => `CAST(${ident(c)} AS VARCHAR)`,
  element: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  toParquet: (v) => v,
  toText: (v) => String(v),
  restore: castBack,
};

const EXACT: Record<string, Codec> = {
  BOOLEAN: { select: asIs, element: { type: 'BOOLEAN' }, toParquet: (v) => v, toText: (v) => (v ? 'true' : 'false'), restore: castBack },
  TINYINT: INT32,
  SMALLINT: INT32,
  INTEGER: INT32,
  UTINYINT: INT32,
  USMALLINT: INT32,
  BIGINT: INT64,
  UINTEGER: INT64,
  FLOAT: { select: asIs, element: { type: 'FLOAT' }, toParquet: (v) => v, toText: numberText, restore: castBack },
  DOUBLE: { select: asIs, element: { type: 'DOUBLE' }, toParquet: (v) => v, toText: numberText, restore: castBack },
  VARCHAR: { ...TEXT, select: asIs, restore: (c) => ident(c) },
  DATE: {
    select: (c) => `CAST(${ident(c)} - DATE '1970-01-01' AS INTEGER)`,
    element: { type: 'INT32', converted_type: 'DATE' },
    toParquet: (v) => v,
    toText: numberText,
    restore: (c) => `CAST(DATE '1970-01-01' + CAST(${ident(c)} AS INTEGER) AS DATE)`,
  },
  TIMESTAMP: {
    select: (c) => `CAST(epoch_us(${ident(c)}) AS VARCHAR)`,
    element: { type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } },
    toParquet: (v) => (v === null ? null : BigInt(v as string)),
    toText: (v) => String(v),
    restore: (c) => `make_timestamp(CAST(${ident(c)} AS BIGINT))`,
  },
};

/** The codec for a DuckDB type name. */
export function codecFor(type: string): Codec {
  const exact = EXACT[type];
  if (exact) return exact;
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  if (dec && Number(dec[1]) <= 18) {
    const [precision, scale] = [Number(dec[1]), Number(dec[2])];
    return {
      select: (c) => `CAST(${ident(c)} AS VARCHAR)`,
      element: { type: 'INT64', converted_type: 'DECIMAL', precision, scale },
      toParquet: (v) => (v === null ? null : unscaled(v as string)),
      toText: (v) => decimalText(BigInt(v as bigint | number), scale),
      restore: castBack,
    };
  }
  return TEXT;
}

/**
 * A schema element as hyparquet should decode it on the way back: without the annotations that would
 * turn raw integers into JS numbers (decimals) or millisecond Dates (dates, timestamps).
 */
export function rawElement(e: SchemaElement): SchemaElement {
  const annotated = e.converted_type === 'DECIMAL' || e.converted_type === 'DATE' || e.converted_type?.startsWith('TIMESTAMP') || e.logical_type?.type === 'TIMESTAMP' || e.logical_type?.type === 'DATE' || e.logical_type?.type === 'DECIMAL';
  if (!annotated) return e;
  const { converted_type: _c, logical_type: _l, ...raw } = e;
  return raw;
}
