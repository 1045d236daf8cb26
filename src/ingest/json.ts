/**
 * JSON files, parsed in JS (DuckDB's JSON reader is an extension we never download): a JSON array of
 * objects, or NDJSON — one object per line — which is read line by line so that large files stream.
 * Columns are the objects' keys in order of first appearance; nested values are kept as JSON text.
 */
import type { Engine } from '../engine/types';
import { said } from '../i18n/said';
import { emptyFile, invalidJson, tooDeep } from './errors';
import { note, reasons } from './words';
import { inferJsType } from './js-values';
import { jsonErrorOffset } from './json-error';
import type { InspectionBase, LoadContext, LoadOutcome, RowSource } from './load-context';
import { previewReadRows } from './load-context';
import { columnNamesFromHeader } from './names';
import { readChunks, readHead } from './source';
import { loadBatches, type RowBatch } from './staged-load';
import type { ColumnSpec, JsonSettings, RejectedRow, RejectSummary } from './types';

export type JsonLayout = 'array' | 'ndjson';

export interface JsonInspection extends InspectionBase {
  format: 'json';
  settings: JsonSettings;
  /** Key of each column, in `settings.columns` order. */
  keys: string[];
  /**
   * A JSON array is parsed whole at inspection; its records are kept for the load (null for NDJSON, read
   * line by line). Where the file was inspected in the ingest worker, the worker keeps them and `source`
   * reads rows from there.
   */
  records: unknown[] | null;
  source?: RowSource;
}

const NDJSON_SAMPLE_BYTES = 8 * 1024 * 1024;
const BATCH_ROWS = 10_000;

export function jsonLayoutOf(head: Uint8Array): JsonLayout {
  const text = new TextDecoder().decode(head.subarray(0, 1024)).trimStart();
  return text.startsWith('[') ? 'array' : 'ndjson';
}

/** Line of a character offset, for parse errors. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

/** Deeper than this, a record is not a row of fields: refused with a message that says so. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep the brackets of a JSON text nest (strings skipped), stopping once past `limit`: a cheap scan
 * before the parse, whose recursion elsewhere (copying values as text) a hostile file could exhaust.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): { depth: number; offset: number } {
  let depth = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92) k++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { depth, offset: k };
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth: 0, offset: -1 };
}

function refuseDeep(fileName: string, text: string): void {
  const { depth, offset } = jsonDepth(text);
  if (offset >= 0) throw tooDeep(fileName, lineAt(text, offset), depth);
}

function parseArray(fileName: string, text: string): unknown[] {
  refuseDeep(fileName, text);
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) throw invalidJson(fileName, null, said('core.ingest.detail.not_array'));
    return value;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const at = jsonErrorOffset(text);
    throw invalidJson(fileName, at === null ? null : lineAt(text, at), err.message.split('\n')[0]!.replace(/, \.\.\.".*$/s, ''));
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function columnsFrom(records: Iterable<unknown>): { keys: string[]; columns: ColumnSpec[] } {
  const keys: string[] = [];
  const seen = new Set<string>();
  const list = [...records].filter(isRecord);
  for (const r of list) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const names = columnNamesFromHeader(keys);
  const columns = keys.map((key, k) => ({ source: key, name: names[k]!, type: inferJsType(list.map((r) => r[key])) }));
  return { keys, columns };
}

/** Complete lines of NDJSON text, each with its 1-based line number; blank lines skipped. */
function* ndjsonLines(text: string, firstLine: number): Generator<{ line: number; text: string }> {
  let line = firstLine;
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t !== '') yield { line, text: t };
    line++;
  }
}

export async function inspectJson(file: InspectionBase['file'], layout: JsonLayout): Promise<JsonInspection> {
  if (file.size === 0) throw emptyFile(file.name);
  if (layout === 'array') {
    const records = parseArray(file.name, await file.text());
    const { keys, columns } = columnsFrom(records);
    return { format: 'json', file, keys, records, settings: { format: 'json', layout, columns, skipBadRows: false }, notes: [] };
  }
  const head = await readHead(file, NDJSON_SAMPLE_BYTES);
  let text = new TextDecoder().decode(head);
  if (head.length < file.size) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const sample: unknown[] = [];
  for (const l of ndjsonLines(text, 1)) {
    if (jsonDepth(l.text).offset >= 0) continue;
    try {
      sample.push(JSON.parse(l.text));
    } catch {
      // Reported with its line number when loading.
    }
  }
  const { keys, columns } = columnsFrom(sample);
  const notes =
    head.length < file.size
      ? [note('columns', said('core.ingest.note.ndjson_columns', { lines: sample.length }))]
      : [];
  return { format: 'json', file, keys, records: null, settings: { format: 'json', layout, columns, skipBadRows: false }, notes };
}

function rowOf(record: Record<string, unknown>, keys: readonly string[]): unknown[] {
  return keys.map((k) => record[k]);
}

function reject(rejected: RejectSummary, r: RejectedRow): void {
  rejected.count++;
  if (rejected.examples.length < 5) rejected.examples.push(r);
}

const noneRefused = (): RejectSummary => ({ count: 0, examples: [] });

/** The first `limit` records of a JSON array (parsed at inspection), in batches; values that are not objects are refused. */
async function* arrayBatches(insp: JsonInspection, records: unknown[], limit: number): AsyncGenerator<RowBatch> {
  const end = Math.min(records.length, limit);
  const whole = end === records.length;
  if (end === 0) yield { rows: [], firstRow: 1, progress: 1, whole };
  for (let r = 0; r < end; r += BATCH_ROWS) {
    const rows: unknown[][] = [];
    const refused = noneRefused();
    const stop = Math.min(end, r + BATCH_ROWS);
    for (let k = r; k < stop; k++) {
      const rec = records[k];
      if (isRecord(rec)) rows.push(rowOf(rec, insp.keys));
      else reject(refused, { line: null, row: k + 1, text: JSON.stringify(rec) ?? '', kind: 'other', reason: reasons.notObject() });
    }
    yield { rows, firstRow: r + 1, progress: stop / Math.max(1, end), refused, whole };
  }
}

/** The first `limit` objects of an NDJSON file, read line by line from the file; lines that are not objects are refused. */
async function* lineBatches(insp: JsonInspection, limit: number, signal?: AbortSignal): AsyncGenerator<RowBatch> {
  const decoder = new TextDecoder();
  let carry = '';
  let line = 1;
  let rows: unknown[][] = [];
  let refused = noneRefused();
  let count = 0;
  let progress = 0;
  let whole = true;
  const flush = (): RowBatch => {
    const batch = { rows, firstRow: count - rows.length + 1, progress, refused, whole };
    rows = [];
    refused = noneRefused();
    return batch;
  };
  const take = (text: string, at: number) => {
    if (jsonDepth(text).offset >= 0) {
      reject(refused, { line: at, row: null, text: text.slice(0, 200), kind: 'other', reason: reasons.tooDeep(MAX_JSON_DEPTH) });
      return;
    }
    try {
      const v: unknown = JSON.parse(text);
      if (!isRecord(v)) throw new Error('not an object');
      rows.push(rowOf(v, insp.keys));
      count++;
    } catch {
      reject(refused, { line: at, row: null, text: text.slice(0, 200), kind: 'other', reason: reasons.notJsonObject() });
    }
  };
  for await (const chunk of readChunks(insp.file, { signal, onChunk: (f) => (progress = f) })) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    for (const l of ndjsonLines(text.slice(0, cut), line)) {
      if (count >= limit) {
        whole = false;
        break;
      }
      take(l.text, l.line);
    }
    line += text.slice(0, cut).split('\n').length - 1;
    if (rows.length >= BATCH_ROWS) yield flush();
    if (!whole) break;
  }
  const tail = (carry + decoder.decode()).trim();
  if (whole && tail !== '') take(tail, line);
  yield flush();
}

/** The first `limit` rows of the file (all when Infinity), in batches, from the data parsed in this thread. */
export function jsonBatches(insp: JsonInspection, limit: number, signal?: AbortSignal): AsyncGenerator<RowBatch> {
  return insp.records ? arrayBatches(insp, insp.records, limit) : lineBatches(insp, limit, signal);
}

export async function loadJsonInspection(engine: Engine, insp: JsonInspection, settings: JsonSettings, target: string, ctx: LoadContext): Promise<LoadOutcome> {
  const limit = ctx.mode === 'preview' ? previewReadRows(settings.columns.length) : Infinity;
  const batches = insp.source ? insp.source.batches(settings, limit) : jsonBatches(insp, limit, ctx.signal);
  return loadBatches(engine, settings.columns, batches, target, {
    fileName: insp.file.name,
    signal: ctx.signal,
    onProgress: (f) => ctx.onProgress?.(0.1 + 0.8 * f, 'loading'),
    ...(ctx.keep ? { keep: ctx.keep } : {}),
  });
}
