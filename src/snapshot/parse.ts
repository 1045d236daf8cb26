/**
 * Reading a snapshot back: from the HTML file to a checked payload. A snapshot may come from anyone,
 * so nothing in it is trusted: every field is checked for its type, unknown fields are dropped, and
 * chart specs lose anything that points outside the file. What passes is only ever rendered as text,
 * sanitised HTML or Vega data — never run.
 */
import { isLang } from '../i18n/languages';
import type { MessageKey } from '../i18n/catalogue';
import { english, said, type Said, type SaidError } from '../i18n/said';
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

/**
 * A snapshot that cannot be read. `said` is for the reader (`message`, its English); one made from
 * English text has none. Kept off the error's own fields, so that two errors of the same message are equal.
 */
export class SnapshotFormatError extends Error implements SaidError {
  readonly #said: Said | null;
  constructor(message: string | Said) {
    super(typeof message === 'string' ? message : english(message));
    this.name = 'SnapshotFormatError';
    this.#said = typeof message === 'string' ? null : message;
  }

  get said(): Said | null {
    return this.#said;
  }
}

const VALUE_KINDS: readonly ValueKind[] = ['integer', 'number', 'string', 'boolean', 'date', 'timestamp', 'time', 'list', 'struct', 'other'];
const STATUSES: readonly SnapshotStatus[] = ['idle', 'done', 'error', 'blocked', 'stale'];

type Obj = Record<string, unknown>;

/**
 * Where in the data a problem is: a place (`the title`, `cell 3`) and the parts within it
 * (`cell 3 result row 2`), said part by part so that each language joins them its own way.
 */
type Where = Said;
const place = (key: MessageKey, n?: number): Where => (n === undefined ? said(key) : said(key, { n: String(n) }));
const within = (where: Where, key: MessageKey, n?: number): Where => said('core.snapshot.where.within', { where, part: place(key, n) });

function fail(where: Where, what: Said): never {
  throw new SnapshotFormatError(said('core.snapshot.format.unreadable', { where, what }));
}

function obj(v: unknown, where: Where): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, said('core.snapshot.what.not_object'));
  return v as Obj;
}

function arr(v: unknown, where: Where): unknown[] {
  if (!Array.isArray(v)) fail(where, said('core.snapshot.what.not_list'));
  return v;
}

function str(v: unknown, where: Where): string {
  if (typeof v !== 'string') fail(where, said('core.snapshot.what.not_text'));
  return v;
}

function strOrNull(v: unknown, where: Where): string | null {
  return v === null || v === undefined ? null : str(v, where);
}

function num(v: unknown, where: Where): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, said('core.snapshot.what.not_number'));
  return v;
}

function json(v: unknown, where: Where, depth = 0): JsonValue {
  if (depth > 64) fail(where, said('core.snapshot.what.too_deep'));
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return num(v, where);
  if (Array.isArray(v)) return v.map((x) => json(x, where, depth + 1));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, json(x, where, depth + 1)]));
  fail(where, said('core.snapshot.what.not_json'));
}

function columns(v: unknown, where: Where): Column[] {
  return arr(v, where).map((c, k) => {
    const column = within(where, 'core.snapshot.part.column', k + 1);
    const o = obj(c, column);
    const kind = str(o.kind, within(column, 'core.snapshot.part.kind')) as ValueKind;
    if (!VALUE_KINDS.includes(kind)) fail(column, said('core.snapshot.what.unknown_kind_named', { kind }));
    return { name: str(o.name, within(column, 'core.snapshot.part.name')), kind, sqlType: str(o.sqlType, within(column, 'core.snapshot.part.type')) };
  });
}

function rows(v: unknown, width: number, where: Where): JsonValue[][] {
  return arr(v, where).map((r, k) => {
    const at = within(where, 'core.snapshot.part.row', k + 1);
    const row = arr(r, at);
    if (row.length !== width) fail(at, said('core.snapshot.what.row_width', { count: String(row.length), width: String(width) }));
    return row.map((x) => json(x, at));
  });
}

function display(v: unknown, where: Where): SnapshotDisplay {
  const o = obj(v, where);
  switch (o.kind) {
    case 'markdown':
    case 'text':
      return { kind: o.kind, text: str(o.text, within(where, 'core.snapshot.part.text')) };
    case 'table': {
      const cols = columns(o.columns, where);
      return { kind: 'table', columns: cols, rows: rows(o.rows, cols.length, where), rowCount: num(o.rowCount, within(where, 'core.snapshot.part.row_count')) };
    }
    case 'vega-lite':
      return {
        kind: 'vega-lite',
        spec: o.spec === null || o.spec === undefined ? null : inwardSpec(json(o.spec, within(where, 'core.snapshot.part.spec'))),
        svg: inwardOrNull(strOrNull(o.svg, within(where, 'core.snapshot.part.drawing'))),
        note: strOrNull(o.note, within(where, 'core.snapshot.part.note')),
      };
    default:
      fail(where, said('core.snapshot.what.unknown_kind'));
  }
}

/** Which data a result read: a yes/no for the demo, files with their rows and SHA-256, table names. */
function provenance(v: unknown, where: Where): DataProvenance | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, where);
  return {
    demo: o.demo === true,
    files: arr(o.files ?? [], within(where, 'core.snapshot.part.files')).map((f, k) => {
      const at = within(where, 'core.snapshot.part.file_n', k + 1);
      const file = obj(f, at);
      const sha256 = str(file.sha256, within(at, 'core.snapshot.part.sha256'));
      if (!/^[0-9a-f]{64}$/.test(sha256)) fail(within(at, 'core.snapshot.part.sha256'), said('core.snapshot.what.not_sha256'));
      const rows = num(file.rows, within(at, 'core.snapshot.part.rows'));
      if (!Number.isInteger(rows) || rows < 0) fail(within(at, 'core.snapshot.part.rows'), said('core.snapshot.what.not_row_count'));
      return { name: str(file.name, within(at, 'core.snapshot.part.name')), rows, sha256 };
    }),
    tables: arr(o.tables ?? [], within(where, 'core.snapshot.part.tables')).map((t) => str(t, within(where, 'core.snapshot.part.tables'))),
  };
}

/** The frozen partners: a table like a result's, with a `partner_id` column. */
function partners(v: unknown): FrozenPartners | null {
  if (v === null || v === undefined) return null;
  const where = place('core.snapshot.where.partners');
  const o = obj(v, where);
  const cols = columns(o.columns, where);
  if (!cols.some((c) => c.name === 'partner_id')) fail(where, said('core.snapshot.what.no_partner_id'));
  return { columns: cols, rows: rows(o.rows, cols.length, where) };
}

/** An ISO 4217 code, or null: anything else is dropped, since it only chooses how amounts are written. */
function currency(v: unknown): string | null {
  return typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? v : null;
}

function result(v: unknown, where: Where): SnapshotResult | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, where);
  const cols = columns(o.columns, where);
  const totalsAt = within(where, 'core.snapshot.part.totals');
  const totals = o.totals === null || o.totals === undefined ? null : arr(o.totals, totalsAt).map((t) => (t === null ? null : num(t, totalsAt)));
  if (totals && totals.length !== cols.length) fail(totalsAt, said('core.snapshot.what.totals_columns'));
  return {
    columns: cols,
    rowCount: num(o.rowCount, within(where, 'core.snapshot.part.row_count')),
    rows: rows(o.rows, cols.length, where),
    totals,
    note: strOrNull(o.note, within(where, 'core.snapshot.part.note')),
    displays: arr(o.displays ?? [], within(where, 'core.snapshot.part.displays')).map((d, k) => display(d, within(where, 'core.snapshot.part.display', k + 1))),
    elapsedMs: num(o.elapsedMs ?? 0, within(where, 'core.snapshot.part.run_time')),
    finishedAt: num(o.finishedAt ?? 0, within(where, 'core.snapshot.part.finish_time')),
    generatedSql: strOrNull(o.generatedSql, within(where, 'core.snapshot.part.sql')),
    provenance: provenance(o.provenance, within(where, 'core.snapshot.part.data_source')),
  };
}

function attrs(v: unknown, where: Where): Attr[] {
  return arr(v ?? [], where).map((a) => {
    const o = obj(a, where);
    return { key: str(o.key, within(where, 'core.snapshot.part.key')), value: strOrNull(o.value, within(where, 'core.snapshot.part.value')) };
  });
}

function cell(v: unknown, k: number): SnapshotCell {
  const where = place('core.snapshot.where.cell', k + 1);
  const o = obj(v, where);
  if (o.kind === 'markdown') return { kind: 'markdown', text: str(o.text, within(where, 'core.snapshot.part.text')) };
  const kind = str(o.kind, within(where, 'core.snapshot.part.kind')) as CodeKind;
  if (!CODE_KINDS.includes(kind)) fail(where, said('core.snapshot.what.unknown_kind_named', { kind }));
  const name = str(o.name ?? '', within(where, 'core.snapshot.part.name'));
  if (name !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(within(where, 'core.snapshot.part.name'), said('core.snapshot.what.not_cell_name'));
  const status = str(o.status ?? 'idle', within(where, 'core.snapshot.part.status')) as SnapshotStatus;
  if (!STATUSES.includes(status)) fail(where, said('core.snapshot.what.unknown_status', { status }));
  const errorAt = within(where, 'core.snapshot.part.error');
  const err = o.error === null || o.error === undefined ? null : obj(o.error, errorAt);
  return {
    kind,
    name,
    attrs: attrs(o.attrs, within(where, 'core.snapshot.part.attributes')),
    source: strOrNull(o.source, within(where, 'core.snapshot.part.code')),
    reads: arr(o.reads ?? [], within(where, 'core.snapshot.part.reads')).map((r) => str(r, within(where, 'core.snapshot.part.reads'))),
    status,
    error: err ? { message: str(err.message, errorAt), hint: str(err.hint ?? '', within(where, 'core.snapshot.part.error_hint')) } : null,
    result: result(o.result, within(where, 'core.snapshot.part.result')),
  };
}

function fingerprint(v: unknown, k: number): Fingerprint {
  const where = place('core.snapshot.where.fingerprint', k + 1);
  const o = obj(v, where);
  const method = o.method === 'file-sha256' || o.method === 'content' ? o.method : fail(where, said('core.snapshot.what.unknown_method'));
  return {
    table: str(o.table, within(where, 'core.snapshot.part.table')),
    rows: num(o.rows, within(where, 'core.snapshot.part.rows')),
    method,
    value: str(o.value, within(where, 'core.snapshot.part.value')),
    file: strOrNull(o.file, within(where, 'core.snapshot.part.file')),
    importedAt: strOrNull(o.importedAt, within(where, 'core.snapshot.part.date')),
  };
}

function hidden(v: unknown): HiddenSummary {
  const o = obj(v, place('core.snapshot.where.hidden'));
  return {
    code: o.code === true,
    cells: arr(o.cells ?? [], place('core.snapshot.where.hidden_cells')).map((c) => str(c, place('core.snapshot.where.hidden_cell'))),
    pseudonymised: o.pseudonymised === null || o.pseudonymised === undefined ? null : num(o.pseudonymised, place('core.snapshot.where.alias_count')),
    capped: arr(o.capped ?? [], place('core.snapshot.where.capped_results')).map((c) => str(c, place('core.snapshot.where.capped_result'))),
  };
}

/** Checks a parsed JSON value and returns it as a payload, or throws SnapshotFormatError. */
export function parsePayload(value: unknown): SnapshotPayload {
  const data = place('core.snapshot.where.data');
  const o = obj(value, data);
  if (o.format !== SNAPSHOT_FORMAT) fail(data, said('core.snapshot.what.not_marked'));
  if (o.version !== SNAPSHOT_VERSION) {
    throw new SnapshotFormatError(said('core.snapshot.format.other_version', { version: String(o.version), reads: String(SNAPSHOT_VERSION) }));
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    title: str(o.title, place('core.snapshot.where.title')),
    fileName: str(o.fileName ?? 'snapshot.md', place('core.snapshot.where.file_name')),
    createdAt: str(o.createdAt, place('core.snapshot.where.date')),
    frontMatter: strOrNull(o.frontMatter, place('core.snapshot.where.front_matter')),
    cells: arr(o.cells, place('core.snapshot.where.cells')).map(cell),
    fingerprints: arr(o.fingerprints ?? [], place('core.snapshot.where.fingerprints')).map(fingerprint),
    hidden: hidden(o.hidden ?? {}),
    provenance: provenance(o.provenance, place('core.snapshot.where.data_source')),
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
  if (!m) throw new SnapshotFormatError(said('core.snapshot.format.no_data'));
  let data: unknown;
  try {
    data = JSON.parse(m[1]!);
  } catch (e) {
    throw new SnapshotFormatError(said('core.snapshot.format.damaged', { message: (e as Error).message }));
  }
  return parsePayload(data);
}

/** True when the text looks like a snapshot file (cheap test to route an opened .html file). */
export function isSnapshotHtml(html: string): boolean {
  return PAYLOAD_RE.test(html);
}
