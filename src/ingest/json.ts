/**
 * JSON files, parsed in JS (DuckDB's JSON reader is an extension we never download): a JSON array of
 * objects, or NDJSON — one object per line — which is read line by line so that large files stream.
 * Columns are the objects' keys in order of first appearance; nested values are kept as JSON text.
 */
import type { Engine } from '../engine/types';
import { emptyFile, invalidJson } from './errors';
import { inferJsType } from './js-values';
import { jsonErrorOffset } from './json-error';
import type { InspectionBase, LoadContext, LoadOutcome } from './load-context';
import { PREVIEW_READ_ROWS } from './load-context';
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
  /** A JSON array is parsed whole at inspection; its records are kept for the load. */
  records: unknown[] | null;
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

function parseArray(fileName: string, text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) throw invalidJson(fileName, null, 'the top level is not an array');
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
    try {
      sample.push(JSON.parse(l.text));
    } catch {
      // Reported with its line number when loading.
    }
  }
  const { keys, columns } = columnsFrom(sample);
  const notes =
    head.length < file.size
      ? [{ setting: 'columns' as const, message: `Columns come from the first ${sample.length.toLocaleString('en')} lines; keys that only appear later are not imported.` }]
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

export async function loadJsonInspection(engine: Engine, insp: JsonInspection, settings: JsonSettings, target: string, ctx: LoadContext): Promise<LoadOutcome> {
  const parseRejects: RejectSummary = { count: 0, examples: [] };
  const limit = ctx.mode === 'preview' ? PREVIEW_READ_ROWS : Infinity;
  let whole = true;

  async function* fromArray(records: unknown[]): AsyncGenerator<RowBatch> {
    const end = Math.min(records.length, limit);
    whole = end === records.length;
    for (let r = 0; r < end; r += BATCH_ROWS) {
      const rows: unknown[][] = [];
      const stop = Math.min(end, r + BATCH_ROWS);
      for (let k = r; k < stop; k++) {
        const rec = records[k];
        if (isRecord(rec)) rows.push(rowOf(rec, insp.keys));
        else reject(parseRejects, { line: null, row: k + 1, text: JSON.stringify(rec) ?? '', kind: 'other', reason: 'it is not an object' });
      }
      yield { rows, firstRow: r + 1, progress: stop / Math.max(1, end) };
    }
  }

  async function* fromLines(): AsyncGenerator<RowBatch> {
    const decoder = new TextDecoder();
    let carry = '';
    let line = 1;
    let rows: unknown[][] = [];
    let count = 0;
    let progress = 0;
    const flush = () => {
      const batch = { rows, firstRow: count - rows.length + 1, progress };
      rows = [];
      return batch;
    };
    for await (const chunk of readChunks(insp.file, { signal: ctx.signal, onChunk: (f) => (progress = f) })) {
      const text = carry + decoder.decode(chunk, { stream: true });
      const cut = text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      for (const l of ndjsonLines(text.slice(0, cut), line)) {
        if (count >= limit) {
          whole = false;
          break;
        }
        try {
          const v: unknown = JSON.parse(l.text);
          if (!isRecord(v)) throw new Error('not an object');
          rows.push(rowOf(v, insp.keys));
          count++;
        } catch {
          reject(parseRejects, { line: l.line, row: null, text: l.text.slice(0, 200), kind: 'other', reason: 'it is not a valid JSON object' });
        }
      }
      line += text.slice(0, cut).split('\n').length - 1;
      if (rows.length >= BATCH_ROWS) yield flush();
      if (!whole) break;
    }
    const tail = (carry + decoder.decode()).trim();
    if (whole && tail !== '') {
      try {
        const v: unknown = JSON.parse(tail);
        if (!isRecord(v)) throw new Error('not an object');
        rows.push(rowOf(v, insp.keys));
        count++;
      } catch {
        reject(parseRejects, { line, row: null, text: tail.slice(0, 200), kind: 'other', reason: 'it is not a valid JSON object' });
      }
    }
    yield flush();
  }

  const batches = insp.records ? fromArray(insp.records) : fromLines();
  const valueRejects = await loadBatches(engine, settings.columns, batches, target, {
    fileName: insp.file.name,
    signal: ctx.signal,
    onProgress: (f) => ctx.onProgress?.(0.1 + 0.8 * f, 'loading'),
  });
  const examples = [...parseRejects.examples, ...valueRejects.examples].slice(0, 5);
  return { rejected: { count: parseRejects.count + valueRejects.count, examples }, whole };
}
