/**
 * Native DuckDB's results as the Arrow tables DuckDB-WASM hands back, so that everything above the engine
 * sees the same values whichever back end ran the query: BIGINT, HUGEINT, UBIGINT and DECIMAL as doubles
 * (QUERY_CONFIG), DATE as days, TIMESTAMP in its own unit, ENUM as a dictionary, lists, structs and maps
 * nested. And the other way: an Arrow table's rows appended to a native table (Engine.insertArrow).
 *
 * Where the two back ends cannot agree, native gives the readable value and the difference is stated:
 * INTERVAL, UNION, BIGNUM and TIME_NS become DuckDB's own text; UHUGEINT a double (WASM: 16 opaque bytes);
 * BIGINT and DECIMAL inside a LIST or STRUCT are doubles of the right value (WASM 1.32 gives the raw bits
 * read as doubles, a bug of its cast).
 */
import {
  Binary,
  Bool,
  DateDay,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  List,
  Map_,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Time,
  TimeUnit,
  Timestamp,
  Type,
  Uint8,
  Uint16,
  Uint32,
  Utf8,
  makeData,
  makeVector,
  type Data,
  type DataType,
} from 'apache-arrow';
import {
  DuckDBTypeId,
  type DuckDBAppender,
  type DuckDBArrayType,
  type DuckDBDecimalValue,
  type DuckDBEnumType,
  type DuckDBListType,
  type DuckDBMapType,
  type DuckDBMapValue,
  type DuckDBStructType,
  type DuckDBStructValue,
  type DuckDBType,
  type DuckDBValue,
  dateValue,
  timeValue,
  timestampMillisValue,
  timestampNanosValue,
  timestampSecondsValue,
  timestampTZValue,
  timestampValue,
} from '@duckdb/node-api';

type Values = readonly DuckDBValue[];

interface Validity {
  nullBitmap: Uint8Array;
  nullCount: number;
}

function validity(values: Values): Validity {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

/** makeData without its per-type overloads: the props are built per type below. */
function make(props: { type: DataType } & Record<string, unknown>): Data {
  return makeData(props as never) as unknown as Data;
}

function data(type: DataType, values: Values, props: Record<string, unknown>): Data {
  return make({ type, length: values.length, ...validity(values), ...props });
}

/** A column of fixed-width numbers read by `read` (never called on null). */
function fixed<A extends ArrayLike<unknown>>(type: DataType, Array_: new (n: number) => A, values: Values, read: (v: NonNullable<DuckDBValue>) => unknown): Data {
  const out = new Array_(values.length) as unknown as Record<number, unknown>;
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) out[i] = read(v);
  });
  return data(type, values, { data: out });
}

const encoder = new TextEncoder();

function variableWidth(type: DataType, values: Values, bytesOf: (v: NonNullable<DuckDBValue>) => Uint8Array): Data {
  const parts: (Uint8Array | null)[] = values.map((v) => (v === null || v === undefined ? null : bytesOf(v)));
  const valueOffsets = new Int32Array(values.length + 1);
  let total = 0;
  parts.forEach((p, i) => {
    total += p?.length ?? 0;
    valueOffsets[i + 1] = total;
  });
  const bytes = new Uint8Array(total);
  parts.forEach((p, i) => p && bytes.set(p, valueOffsets[i]!));
  return data(type, values, { data: bytes, valueOffsets });
}

function bools(values: Values): Data {
  const bits = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v === true) bits[i >> 3]! |= 1 << (i & 7);
  });
  return data(new Bool(), values, { data: bits });
}

/** DECIMAL as DuckDB-WASM casts it: the unscaled integer times 10^-scale (not divided by 10^scale). */
function decimalToDouble(v: DuckDBDecimalValue): number {
  return Number(v.value) * 10 ** -v.scale;
}

const text = (v: NonNullable<DuckDBValue>) => encoder.encode(String(v));

function utf8(values: Values): Data {
  return variableWidth(new Utf8(), values, text);
}

function dictionary(type: DuckDBEnumType, values: Values): Data {
  const n = type.values.length;
  const [index, indices] = n <= 0xff ? [new Uint8(), new Uint8Array(values.length)] : n <= 0xffff ? [new Uint16(), new Uint16Array(values.length)] : [new Uint32(), new Uint32Array(values.length)];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) indices[i] = type.indexForValue(v as string);
  });
  return data(new Dictionary(new Utf8(), index), values, { data: indices, dictionary: makeVector(utf8(type.values)) });
}

/** Builds Arrow data for one column of DuckDB values of `type`. */
export function columnData(type: DuckDBType, values: Values): Data {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return bools(values);
    case DuckDBTypeId.TINYINT:
      return fixed(new Int8(), Int8Array, values, Number);
    case DuckDBTypeId.SMALLINT:
      return fixed(new Int16(), Int16Array, values, Number);
    case DuckDBTypeId.INTEGER:
      return fixed(new Int32(), Int32Array, values, Number);
    case DuckDBTypeId.UTINYINT:
      return fixed(new Uint8(), Uint8Array, values, Number);
    case DuckDBTypeId.USMALLINT:
      return fixed(new Uint16(), Uint16Array, values, Number);
    case DuckDBTypeId.UINTEGER:
      return fixed(new Uint32(), Uint32Array, values, Number);
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DOUBLE:
      return fixed(new Float64(), Float64Array, values, Number);
    case DuckDBTypeId.FLOAT:
      return fixed(new Float32(), Float32Array, values, Number);
    case DuckDBTypeId.DECIMAL:
      return fixed(new Float64(), Float64Array, values, (v) => decimalToDouble(v as DuckDBDecimalValue));
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
      return utf8(values);
    case DuckDBTypeId.ENUM:
      return dictionary(type as DuckDBEnumType, values);
    case DuckDBTypeId.DATE:
      return fixed(new DateDay(), Int32Array, values, (v) => (v as { days: number }).days);
    case DuckDBTypeId.TIMESTAMP:
      return fixed(new Timestamp(TimeUnit.MICROSECOND), BigInt64Array, values, (v) => (v as { micros: bigint }).micros);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return fixed(new Timestamp(TimeUnit.MICROSECOND, 'UTC'), BigInt64Array, values, (v) => (v as { micros: bigint }).micros);
    case DuckDBTypeId.TIMESTAMP_S:
      return fixed(new Timestamp(TimeUnit.SECOND), BigInt64Array, values, (v) => (v as { seconds: bigint }).seconds);
    case DuckDBTypeId.TIMESTAMP_MS:
      return fixed(new Timestamp(TimeUnit.MILLISECOND), BigInt64Array, values, (v) => (v as { millis: bigint }).millis);
    case DuckDBTypeId.TIMESTAMP_NS:
      return fixed(new Timestamp(TimeUnit.NANOSECOND), BigInt64Array, values, (v) => (v as { nanos: bigint }).nanos);
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_TZ:
      // WASM gives TIMETZ as its local time of day, dropping the offset: the same here.
      return fixed(new Time(TimeUnit.MICROSECOND, 64), BigInt64Array, values, (v) => (v as { micros: bigint }).micros);
    case DuckDBTypeId.BLOB:
      return variableWidth(new Binary(), values, (v) => (v as { bytes: Uint8Array }).bytes);
    case DuckDBTypeId.BIT:
      return variableWidth(new Binary(), values, (v) => (v as { data: Uint8Array }).data);
    case DuckDBTypeId.SQLNULL:
      return fixed(new Int32(), Int32Array, values, () => 0);
    case DuckDBTypeId.LIST:
      return list(type as DuckDBListType, values);
    case DuckDBTypeId.ARRAY:
      return array(type as DuckDBArrayType, values);
    case DuckDBTypeId.STRUCT:
      return struct(type as DuckDBStructType, values);
    case DuckDBTypeId.MAP:
      return map(type as DuckDBMapType, values);
    default:
      // INTERVAL, UNION, BIGNUM, TIME_NS: DuckDB's own text of the value.
      return utf8(values);
  }
}

function itemsOf(v: DuckDBValue): readonly DuckDBValue[] {
  return v === null || v === undefined ? [] : (v as { items: readonly DuckDBValue[] }).items;
}

function list(type: DuckDBListType, values: Values): Data {
  const valueOffsets = new Int32Array(values.length + 1);
  const flat: DuckDBValue[] = [];
  values.forEach((v, i) => {
    flat.push(...itemsOf(v));
    valueOffsets[i + 1] = flat.length;
  });
  const child = columnData(type.valueType, flat);
  return data(new List(new Field('l', child.type, true)), values, { valueOffsets, child });
}

function array(type: DuckDBArrayType, values: Values): Data {
  const flat: DuckDBValue[] = [];
  for (const v of values) flat.push(...(v === null || v === undefined ? new Array<null>(type.length).fill(null) : itemsOf(v)));
  const child = columnData(type.valueType, flat);
  return data(new FixedSizeList(type.length, new Field('l', child.type, true)), values, { child });
}

function structChildren(names: readonly string[], types: readonly DuckDBType[], rows: readonly (Readonly<Record<string, DuckDBValue>> | null)[]): { fields: Field[]; children: Data[] } {
  const children = names.map((n, k) => columnData(types[k]!, rows.map((r) => (r ? (r[n] ?? null) : null))));
  return { fields: names.map((n, k) => new Field(n, children[k]!.type, true)), children };
}

function struct(type: DuckDBStructType, values: Values): Data {
  const rows = values.map((v) => (v === null || v === undefined ? null : (v as DuckDBStructValue).entries));
  const { fields, children } = structChildren(type.entryNames, type.entryTypes, rows);
  return data(new Struct(fields), values, { children });
}

function map(type: DuckDBMapType, values: Values): Data {
  const valueOffsets = new Int32Array(values.length + 1);
  const entries: Record<string, DuckDBValue>[] = [];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) for (const e of (v as DuckDBMapValue).entries) entries.push({ key: e.key, value: e.value });
    valueOffsets[i + 1] = entries.length;
  });
  const { fields, children } = structChildren(['key', 'value'], [type.keyType, type.valueType], entries);
  const child = make({ type: new Struct(fields), length: entries.length, nullCount: 0, children }) as Data<Struct>;
  return data(new Map_(new Field('entries', child.type, false)), values, { valueOffsets, child });
}

/** A whole result as one Arrow table; `names` may repeat (SELECT 1 AS a, 2 AS a), as in DuckDB-WASM. */
export function arrowTable(names: readonly string[], types: readonly DuckDBType[], columns: readonly Values[]): Table {
  const children = names.map((_, k) => columnData(types[k]!, columns[k] ?? []));
  const schema = new Schema(names.map((n, k) => new Field(n, children[k]!.type, true)));
  const length = columns[0]?.length ?? 0;
  const batch = new RecordBatch(schema, make({ type: new Struct(schema.fields), length, nullCount: 0, children }) as Data<Struct>);
  return new Table(schema, [batch]);
}

// ---------------------------------------------------------------------------------------------------
// Arrow → native rows (insertArrow)

/** The DuckDB column type for an Arrow type, as DuckDB's own Arrow scan would choose it. */
export function sqlTypeOf(type: DataType): string {
  switch (type.typeId) {
    case Type.Int: {
      const t = type as unknown as { bitWidth: number; isSigned: boolean };
      const names: Record<number, [string, string]> = { 8: ['TINYINT', 'UTINYINT'], 16: ['SMALLINT', 'USMALLINT'], 32: ['INTEGER', 'UINTEGER'], 64: ['BIGINT', 'UBIGINT'] };
      return names[t.bitWidth]![t.isSigned ? 0 : 1];
    }
    case Type.Float:
      return (type as unknown as { precision: number }).precision === 2 ? 'DOUBLE' : 'FLOAT';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp: {
      const t = type as unknown as { unit: TimeUnit; timezone: string | null };
      if (t.timezone) return 'TIMESTAMPTZ';
      return { [TimeUnit.SECOND]: 'TIMESTAMP_S', [TimeUnit.MILLISECOND]: 'TIMESTAMP_MS', [TimeUnit.MICROSECOND]: 'TIMESTAMP', [TimeUnit.NANOSECOND]: 'TIMESTAMP_NS' }[t.unit];
    }
    case Type.Time:
      return 'TIME';
    case Type.Binary:
    case Type.LargeBinary:
      return 'BLOB';
    default:
      // Text, dictionaries, decimals and nested values are kept as text (JSON for nested ones).
      return 'VARCHAR';
  }
}

const DAY_MS = 86_400_000;

/** Arrow's JS value (dates and timestamps as epoch ms, times in their unit) → the appender call for `type`. */
function appendOne(appender: DuckDBAppender, type: DuckDBType, arrowType: DataType, v: unknown): void {
  if (v === null || v === undefined) return appender.appendNull();
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return appender.appendBoolean(Boolean(v));
    case DuckDBTypeId.TINYINT:
      return appender.appendTinyInt(Number(v));
    case DuckDBTypeId.SMALLINT:
      return appender.appendSmallInt(Number(v));
    case DuckDBTypeId.INTEGER:
      return appender.appendInteger(Number(v));
    case DuckDBTypeId.UTINYINT:
      return appender.appendUTinyInt(Number(v));
    case DuckDBTypeId.USMALLINT:
      return appender.appendUSmallInt(Number(v));
    case DuckDBTypeId.UINTEGER:
      return appender.appendUInteger(Number(v));
    case DuckDBTypeId.BIGINT:
      return appender.appendBigInt(BigInt(typeof v === 'bigint' ? v : Math.trunc(Number(v))));
    case DuckDBTypeId.UBIGINT:
      return appender.appendUBigInt(BigInt(typeof v === 'bigint' ? v : Math.trunc(Number(v))));
    case DuckDBTypeId.FLOAT:
      return appender.appendFloat(Number(v));
    case DuckDBTypeId.DOUBLE:
      return appender.appendDouble(Number(v));
    case DuckDBTypeId.DATE:
      return appender.appendDate(dateValue(Math.floor(Number(v) / DAY_MS)));
    case DuckDBTypeId.TIMESTAMP:
      return appender.appendTimestamp(timestampValue(BigInt(Math.round(Number(v) * 1000))));
    case DuckDBTypeId.TIMESTAMP_TZ:
      return appender.appendTimestampTZ(timestampTZValue(BigInt(Math.round(Number(v) * 1000))));
    case DuckDBTypeId.TIMESTAMP_S:
      return appender.appendTimestampSeconds(timestampSecondsValue(BigInt(Math.floor(Number(v) / 1000))));
    case DuckDBTypeId.TIMESTAMP_MS:
      return appender.appendTimestampMilliseconds(timestampMillisValue(BigInt(Math.round(Number(v)))));
    case DuckDBTypeId.TIMESTAMP_NS:
      return appender.appendTimestampNanoseconds(timestampNanosValue(BigInt(Math.round(Number(v) * 1e6))));
    case DuckDBTypeId.TIME: {
      const unit = (arrowType as unknown as { unit?: TimeUnit }).unit ?? TimeUnit.MICROSECOND;
      const perMicro = { [TimeUnit.SECOND]: 1e-6, [TimeUnit.MILLISECOND]: 1e-3, [TimeUnit.MICROSECOND]: 1, [TimeUnit.NANOSECOND]: 1e3 }[unit];
      return appender.appendTime(timeValue(BigInt(Math.round(Number(v) / perMicro))));
    }
    case DuckDBTypeId.BLOB:
      return appender.appendBlob(v instanceof Uint8Array ? v : encoder.encode(String(v)));
    default:
      return appender.appendVarchar(asText(v));
  }
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'toJSON' in v) return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}

/** Appends every row of `table` through `appender`, whose columns are in the table's order. */
export function appendTable(appender: DuckDBAppender, table: Table): void {
  const columns = table.schema.fields.map((f, k) => ({ vector: table.getChildAt(k)!, arrowType: f.type, type: appender.columnType(k) }));
  for (let r = 0; r < table.numRows; r++) {
    for (const c of columns) appendOne(appender, c.type, c.arrowType, c.vector.get(r));
    appender.endRow();
  }
}
