/**
 * Reading a snapshot back: from the HTML file to a checked payload. A snapshot may come from anyone,
 * so nothing in it is trusted: every field is checked for its type, unknown fields are dropped, and
 * chart specs lose anything that points outside the file. What passes is only ever rendered as text,
 * sanitised HTML or Vega data — never run.
 */
import { isLang } from '../i18n/languages';
import type { Column, ValueKind } from '../engine/values';
import { CODE_KINDS, type Attr, type CodeKind } from '../notebook/model';
import type { DataProvenance } from '../notebook/state';
import { inwardSpec } from './spec';
import { inwardSvg } from './outward';
import { PAYLOAD_ELEMENT_ID } from './html';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Fingerprint,
  type FrozenPartners,
  type HiddenSummary,
  type JsonValue,
  type SnapshotCell,
  type SnapshotDisplay,
  type SnapshotPayload,
  type SnapshotResult,
  type SnapshotStatus,
} from './payload';

const inwardOrNull = (svg: string | null) => (svg === null ? null : inwardSvg(svg));

export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

const VALUE_KINDS: readonly ValueKind[] = ['integer', 'number', 'string', 'boolean', 'date', 'timestamp', 'time', 'list', 'struct', 'other'];
const STATUSES: readonly SnapshotStatus[] = ['idle', 'done', 'error', 'blocked', 'stale'];

type Obj = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new SnapshotFormatError(`This file is not a readable Longtail snapshot: ${where} ${what}.`);
}

function obj(v: unknown, where: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, 'is not an object');
  return v as Obj;
}

function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) fail(where, 'is not a list');
  return v;
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string') fail(where, 'is not text');
  return v;
}

function strOrNull(v: unknown, where: string): string | null {
  return v === null || v === undefined ? null : str(v, where);
}

function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, 'is not a number');
  return v;
}

function json(v: unknown, where: string, depth = 0): JsonValue {
  if (depth > 64) fail(where, 'is nested too deeply');
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return num(v, where);
  if (Array.isArray(v)) return v.map((x) => json(x, where, depth + 1));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, json(x, where, depth + 1)]));
  fail(where, 'holds a value JSON cannot hold');
}

function columns(v: unknown, where: string): Column[] {
  return arr(v, where).map((c, k) => {
    const o = obj(c, `${where} column ${k + 1}`);
    const kind = str(o.kind, `${where} column ${k + 1} kind`) as ValueKind;
    if (!VALUE_KINDS.includes(kind)) fail(`${where} column ${k + 1}`, `has an unknown kind "${kind}"`);
    return { name: str(o.name, `${where} column ${k + 1} name`), kind, sqlType: str(o.sqlType, `${where} column ${k + 1} type`) };
  });
}

function rows(v: unknown, width: number, where: string): JsonValue[][] {
  return arr(v, where).map((r, k) => {
    const row = arr(r, `${where} row ${k + 1}`);
    if (row.length !== width) fail(`${where} row ${k + 1}`, `has ${row.length} values for ${width} columns`);
    return row.map((x) => json(x, `${where} row ${k + 1}`));
  });
}

function display(v: unknown, where: string): SnapshotDisplay {
  const o = obj(v, where);
  switch (o.kind) {
    case 'markdown':
    case 'text':
      return { kind: o.kind, text: str(o.text, `${where} text`) };
    case 'table': {
      const cols = columns(o.columns, where);
      return { kind: 'table', columns: cols, rows: rows(o.rows, cols.length, where), rowCount: num(o.rowCount, `${where} row count`) };
    }
    case 'vega-lite':
      return {
        kind: 'vega-lite',
        spec: o.spec === null || o.spec === undefined ? null : inwardSpec(json(o.spec, `${where} spec`)),
        svg: inwardOrNull(strOrNull(o.svg, `${where} drawing`)),
        note: strOrNull(o.note, `${where} note`),
      };
    default:
      fail(where, 'is of an unknown kind');
  }
}

/** Which data a result read: a yes/no for the demo, files with their rows and SHA-256, table names. */
function provenance(v: unknown, where: string): DataProvenance | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, where);
  return {
    demo: o.demo === true,
    files: arr(o.files ?? [], `${where} files`).map((f, k) => {
      const file = obj(f, `${where} file ${k + 1}`);
      const sha256 = str(file.sha256, `${where} file ${k + 1} SHA-256`);
      if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${where} file ${k + 1} SHA-256`, 'is not a SHA-256 in hexadecimal');
      const rows = num(file.rows, `${where} file ${k + 1} rows`);
      if (!Number.isInteger(rows) || rows < 0) fail(`${where} file ${k + 1} rows`, 'is not a row count');
      return { name: str(file.name, `${where} file ${k + 1} name`), rows, sha256 };
    }),
    tables: arr(o.tables ?? [], `${where} tables`).map((t) => str(t, `${where} tables`)),
  };
}

/** The frozen partners: a table like a result's, with a `partner_id` column. */
function partners(v: unknown): FrozenPartners | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, 'the partners');
  const cols = columns(o.columns, 'the partners');
  if (!cols.some((c) => c.name === 'partner_id')) fail('the partners', 'have no partner_id column');
  return { columns: cols, rows: rows(o.rows, cols.length, 'the partners') };
}

/** An ISO 4217 code, or null: anything else is dropped, since it only chooses how amounts are written. */
function currency(v: unknown): string | null {
  return typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? v : null;
}

function result(v: unknown, where: string): SnapshotResult | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, where);
  const cols = columns(o.columns, where);
  const totals = o.totals === null || o.totals === undefined ? null : arr(o.totals, `${where} totals`).map((t) => (t === null ? null : num(t, `${where} totals`)));
  if (totals && totals.length !== cols.length) fail(`${where} totals`, 'do not match its columns');
  return {
    columns: cols,
    rowCount: num(o.rowCount, `${where} row count`),
    rows: rows(o.rows, cols.length, where),
    totals,
    note: strOrNull(o.note, `${where} note`),
    displays: arr(o.displays ?? [], `${where} displays`).map((d, k) => display(d, `${where} display ${k + 1}`)),
    elapsedMs: num(o.elapsedMs ?? 0, `${where} run time`),
    finishedAt: num(o.finishedAt ?? 0, `${where} finish time`),
    generatedSql: strOrNull(o.generatedSql, `${where} SQL`),
    provenance: provenance(o.provenance, `${where} data source`),
  };
}

function attrs(v: unknown, where: string): Attr[] {
  return arr(v ?? [], where).map((a) => {
    const o = obj(a, where);
    return { key: str(o.key, `${where} key`), value: strOrNull(o.value, `${where} value`) };
  });
}

function cell(v: unknown, k: number): SnapshotCell {
  const where = `cell ${k + 1}`;
  const o = obj(v, where);
  if (o.kind === 'markdown') return { kind: 'markdown', text: str(o.text, `${where} text`) };
  const kind = str(o.kind, `${where} kind`) as CodeKind;
  if (!CODE_KINDS.includes(kind)) fail(where, `has an unknown kind "${kind}"`);
  const name = str(o.name ?? '', `${where} name`);
  if (name !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`${where} name`, 'is not a cell name');
  const status = str(o.status ?? 'idle', `${where} status`) as SnapshotStatus;
  if (!STATUSES.includes(status)) fail(where, `has an unknown status "${status}"`);
  const err = o.error === null || o.error === undefined ? null : obj(o.error, `${where} error`);
  return {
    kind,
    name,
    attrs: attrs(o.attrs, `${where} attributes`),
    source: strOrNull(o.source, `${where} code`),
    reads: arr(o.reads ?? [], `${where} reads`).map((r) => str(r, `${where} reads`)),
    status,
    error: err ? { message: str(err.message, `${where} error`), hint: str(err.hint ?? '', `${where} error hint`) } : null,
    result: result(o.result, `${where} result`),
  };
}

function fingerprint(v: unknown, k: number): Fingerprint {
  const where = `fingerprint ${k + 1}`;
  const o = obj(v, where);
  const method = o.method === 'file-sha256' || o.method === 'content' ? o.method : fail(where, 'has an unknown method');
  return {
    table: str(o.table, `${where} table`),
    rows: num(o.rows, `${where} rows`),
    method,
    value: str(o.value, `${where} value`),
    file: strOrNull(o.file, `${where} file`),
    importedAt: strOrNull(o.importedAt, `${where} date`),
  };
}

function hidden(v: unknown): HiddenSummary {
  const o = obj(v, 'the list of what was hidden');
  return {
    code: o.code === true,
    cells: arr(o.cells ?? [], 'hidden cells').map((c) => str(c, 'a hidden cell')),
    pseudonymised: o.pseudonymised === null || o.pseudonymised === undefined ? null : num(o.pseudonymised, 'the alias count'),
    capped: arr(o.capped ?? [], 'capped results').map((c) => str(c, 'a capped result')),
  };
}

/** Checks a parsed JSON value and returns it as a payload, or throws SnapshotFormatError. */
export function parsePayload(value: unknown): SnapshotPayload {
  const o = obj(value, 'its data');
  if (o.format !== SNAPSHOT_FORMAT) fail('its data', 'is not marked as a Longtail snapshot');
  if (o.version !== SNAPSHOT_VERSION) {
    throw new SnapshotFormatError(`This snapshot was written by another version of Longtail (format ${String(o.version)}; this one reads ${SNAPSHOT_VERSION}).`);
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    title: str(o.title, 'the title'),
    fileName: str(o.fileName ?? 'snapshot.md', 'the file name'),
    createdAt: str(o.createdAt, 'the date'),
    frontMatter: strOrNull(o.frontMatter, 'the front matter'),
    cells: arr(o.cells, 'the cells').map(cell),
    fingerprints: arr(o.fingerprints ?? [], 'the fingerprints').map(fingerprint),
    hidden: hidden(o.hidden ?? {}),
    provenance: provenance(o.provenance, 'the data source'),
    currency: currency(o.currency),
    partners: partners(o.partners),
    // A snapshot without a language (older ones) reads as English: see snapshotHtml and the viewer.
    ...(isLang(o.lang) ? { lang: o.lang } : {}),
  };
}

const PAYLOAD_RE = new RegExp(`<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">([^<]*)</script>`);

/** The payload of a snapshot file's text. */
export function readSnapshotHtml(html: string): SnapshotPayload {
  const m = html.match(PAYLOAD_RE);
  if (!m) throw new SnapshotFormatError('This HTML file is not a Longtail snapshot: it holds no snapshot data.');
  let data: unknown;
  try {
    data = JSON.parse(m[1]!);
  } catch (e) {
    throw new SnapshotFormatError(`This snapshot's data is damaged: ${(e as Error).message}.`);
  }
  return parsePayload(data);
}

/** True when the text looks like a snapshot file (cheap test to route an opened .html file). */
export function isSnapshotHtml(html: string): boolean {
  return PAYLOAD_RE.test(html);
}
