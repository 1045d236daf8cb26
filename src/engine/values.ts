/**
 * Arrow → plain JavaScript values. DuckDB-WASM hands back BigInt, epoch numbers for dates, typed arrays
 * for decimals and vectors for lists; everything above the engine works with these plain values instead,
 * so nothing leaks a BigInt into JSON or an epoch into a table cell.
 */
import { Type, type DataType, type Table, type Field } from 'apache-arrow';

export type ValueKind = 'integer' | 'number' | 'string' | 'boolean' | 'date' | 'timestamp' | 'time' | 'list' | 'struct' | 'other';

export interface Column {
  name: string;
  kind: ValueKind;
  /** DuckDB's own name for the type when known (e.g. DECIMAL(18,2)); else Arrow's. */
  sqlType: string;
}

/** A plain value: what tables display, CSV writes, charts and TypeScript cells receive. */
export type Plain = null | number | string | boolean | Date | Plain[] | { [k: string]: Plain };

export function kindOf(type: DataType): ValueKind {
  switch (type.typeId) {
    case Type.Int:
    case Type.Int8:
    case Type.Int16:
    case Type.Int32:
    case Type.Int64:
    case Type.Uint8:
    case Type.Uint16:
    case Type.Uint32:
    case Type.Uint64:
      return 'integer';
    case Type.Float:
    case Type.Float16:
    case Type.Float32:
    case Type.Float64:
    case Type.Decimal:
      return 'number';
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'string';
    case Type.Bool:
      return 'boolean';
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
      return 'date';
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return 'timestamp';
    case Type.Time:
    case Type.TimeSecond:
    case Type.TimeMillisecond:
    case Type.TimeMicrosecond:
    case Type.TimeNanosecond:
      return 'time';
    case Type.List:
    case Type.FixedSizeList:
      return 'list';
    case Type.Struct:
      return 'struct';
    default:
      return 'other';
  }
}

export function columnsOf(table: Table): Column[] {
  return table.schema.fields.map((f: Field) => ({ name: f.name, kind: kindOf(f.type), sqlType: String(f.type) }));
}

/** Decimal words (little-endian 32-bit, two's complement) → number, honouring the scale. */
function decimalToNumber(words: Uint32Array, scale: number): number {
  let big = 0n;
  for (let k = words.length - 1; k >= 0; k--) big = (big << 32n) | BigInt(words[k]!);
  const bits = BigInt(words.length * 32);
  if (big >> (bits - 1n)) big -= 1n << bits;
  return Number(big) / 10 ** scale;
}

export function plainValue(value: unknown, type: DataType): Plain {
  if (value === null || value === undefined) return null;
  switch (kindOf(type)) {
    case 'integer':
    case 'number':
      if (typeof value === 'bigint') return Number(value);
      if (value instanceof Uint32Array) return decimalToNumber(value, (type as unknown as { scale?: number }).scale ?? 0);
      return value as number;
    case 'date':
    case 'timestamp':
      if (value instanceof Date) return value;
      return new Date(typeof value === 'bigint' ? Number(value) : (value as number));
    case 'time': {
      // Arrow gives the time of day in the type's unit; show it as HH:MM:SS.
      const unit = (type as unknown as { unit?: number }).unit ?? 1;
      const ms = Number(value) / [1 / 1000, 1, 1000, 1_000_000][unit]!;
      return new Date(ms).toISOString().slice(11, 19);
    }
    case 'list': {
      const child = (type as unknown as { children: Field[] }).children[0]!.type;
      return Array.from(value as Iterable<unknown>, (v) => plainValue(v, child));
    }
    case 'struct': {
      const out: { [k: string]: Plain } = {};
      for (const f of (type as unknown as { children: Field[] }).children) {
        out[f.name] = plainValue((value as Record<string, unknown>)[f.name], f.type);
      }
      return out;
    }
    case 'string':
    case 'boolean':
      return value as string | boolean;
    default:
      if (typeof value === 'bigint') return Number(value);
      if (value instanceof Uint8Array) return `<${value.length} bytes>`;
      return String(value);
  }
}

/** Rows of a table as arrays of plain values, in column order. */
export function plainRows(table: Table): Plain[][] {
  const cols = table.schema.fields.map((f, k) => ({ vec: table.getChildAt(k)!, type: f.type }));
  const rows: Plain[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(cols.map((c) => plainValue(c.vec.get(r), c.type)));
  return rows;
}

/** Rows as objects keyed by column name (what TypeScript code wants). */
export function plainObjects(table: Table): Record<string, Plain>[] {
  const names = table.schema.fields.map((f) => f.name);
  return plainRows(table).map((row) => Object.fromEntries(names.map((n, k) => [n, row[k]!])));
}
