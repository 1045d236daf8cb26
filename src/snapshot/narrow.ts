/**
 * Narrowing a snapshot by sector, region, tier and period, in the viewer, over the frozen rows: nothing
 * is computed again. A row is narrowed by a partner attribute through the partner it names (its
 * `partner_id`, else a column that only holds known partner names), joined to the snapshot's frozen
 * partners, or by a column of that name it has itself (a total per sector); by period through its
 * quarter, read from a `quarter` column or the date an event happened (`closed_at`, `registered_at`…).
 *
 * What cannot be narrowed says so, with the reason: totals over partners, results of which only the
 * first rows are in the file, charts whose data has neither. Narrowing such a result would be wrong
 * without anyone seeing it, so it is shown whole and marked.
 */
import type { Column } from '../engine/values';
import { i18nFor, type I18n } from '../i18n/i18n';
import type { MessageKey, Params } from '../i18n/catalogue';
import { PAIRED_NAME_COLUMN, PARTNER_ID_COLUMN, PARTNER_NAME_COLUMN } from '../model/partner-columns';
import type { FrozenPartners, JsonValue, SnapshotPayload } from './payload';

export type PartnerDimension = 'sector' | 'region' | 'tier';
export type Dimension = PartnerDimension | 'period';
export const PARTNER_DIMENSIONS: readonly PartnerDimension[] = ['sector', 'region', 'tier'];

/** What the reader chose; null: not narrowed by it. `from` and `to` are quarters (`2025-Q3`), both ends kept. */
export interface SnapshotFilters {
  sector: string | null;
  region: string | null;
  tier: string | null;
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: SnapshotFilters = { sector: null, region: null, tier: null, from: null, to: null };

export function activeDimensions(f: SnapshotFilters): Dimension[] {
  const out: Dimension[] = PARTNER_DIMENSIONS.filter((d) => f[d] !== null);
  if (f.from !== null || f.to !== null) out.push('period');
  return out;
}

/** The columns a snapshot freezes for each partner, in this order. */
export const PARTNER_FIELDS = ['partner_id', 'name', 'sector', 'region', 'tier', 'country', 'since'] as const;

export interface FrozenPartner {
  id: string;
  name: string | null;
  sector: string | null;
  region: string | null;
  tier: string | null;
  country: string | null;
  /** When the partner joined (ISO date), when known and not pseudonymised. */
  since: string | null;
}

export interface PartnerIndex {
  /** Every frozen partner, by name then id. */
  list: FrozenPartner[];
  byId: Map<string, FrozenPartner>;
  /** Names that belong to one partner only (a name two partners share names neither). */
  byName: Map<string, FrozenPartner>;
}

const text = (v: JsonValue | undefined): string | null => (v === null || v === undefined || typeof v === 'object' ? null : String(v));

export function partnerIndex(frozen: FrozenPartners | null): PartnerIndex {
  const byId = new Map<string, FrozenPartner>();
  const names = new Map<string, FrozenPartner | null>();
  if (frozen) {
    const at = (f: string) => frozen.columns.findIndex((c) => c.name === f);
    const k = Object.fromEntries(PARTNER_FIELDS.map((f) => [f, at(f)])) as Record<(typeof PARTNER_FIELDS)[number], number>;
    for (const r of frozen.rows) {
      const id = text(r[k.partner_id]);
      if (id === null || byId.has(id)) continue;
      const get = (f: (typeof PARTNER_FIELDS)[number]) => (k[f] < 0 ? null : text(r[k[f]]));
      const p: FrozenPartner = { id, name: get('name'), sector: get('sector'), region: get('region'), tier: get('tier'), country: get('country'), since: get('since') };
      byId.set(id, p);
      if (p.name !== null) names.set(p.name, names.has(p.name) ? null : p);
    }
  }
  const byName = new Map([...names].filter((e): e is [string, FrozenPartner] => e[1] !== null));
  const list = [...byId.values()].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id) || a.id.localeCompare(b.id));
  return { list, byId, byName };
}

/** The values a filter offers: each attribute's distinct values among the frozen partners, sorted. */
export function partnerOptions(index: PartnerIndex): Record<PartnerDimension, string[]> {
  const of = (d: PartnerDimension) => [...new Set(index.list.map((p) => p[d]).filter((v): v is string => v !== null && v !== ''))].sort((a, b) => a.localeCompare(b));
  return { sector: of('sector'), region: of('region'), tier: of('tier') };
}

/** Partners that pass the partner filters (the period says nothing about who a partner is). */
export function partnersMatching(index: PartnerIndex, f: SnapshotFilters): FrozenPartner[] {
  return index.list.filter((p) => PARTNER_DIMENSIONS.every((d) => f[d] === null || p[d] === f[d]));
}

// ---- Periods

const QUARTER = /^(\d{4})-Q([1-4])$/;
const ISO_DAY = /^(\d{4})-(\d{2})(?:-\d{2})?(?:[T ].*)?$/;

/** `2025-Q3` for a quarter label, an ISO date or month (`2025-08-14`, `2025-08`), or epoch milliseconds. */
export function quarterOf(v: JsonValue | undefined): string | null {
  if (typeof v === 'string') {
    if (QUARTER.test(v)) return v;
    const m = v.match(ISO_DAY);
    if (!m) return null;
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-Q${Math.ceil(month / 3)}` : null;
  }
  // Charts carry dates as epoch milliseconds; smaller numbers are month or week numbers, not dates.
  if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) >= 1e11) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  }
  return null;
}

/**
 * Columns a row's period is read from: a quarter, else the date something happened. Not the as-of date
 * or a window's bounds (the same for every row), nor an expiry or a programme's start (not when the
 * row's event happened).
 */
const PERIOD_FIRST = /^quarter$/i;
const PERIOD_DATES = /^(.+_at|date|day|week|month|period|enrolled_on)$/i;

/** Index of the period column among these names, or -1. */
export function periodColumn(names: readonly string[]): number {
  const q = names.findIndex((n) => PERIOD_FIRST.test(n));
  return q >= 0 ? q : names.findIndex((n) => PERIOD_DATES.test(n));
}

function inPeriod(quarter: string | null, f: SnapshotFilters): boolean {
  if (quarter === null) return false;
  return (f.from === null || quarter >= f.from) && (f.to === null || quarter <= f.to);
}

// ---- What a set of rows can be narrowed by

const EN = i18nFor('en').t;

/**
 * How each reason was said, by its English text: a reason is its English words (what the rows say and
 * the tests read, and what reasons are grouped by), said again in the reader's language by narrowingText.
 */
const SAID = new Map<string, { key: MessageKey; params?: Params; nested?: string }>();

/** A reason in English, remembered so that it can be said in another language. `nested`: an inner reason. */
function reason(key: MessageKey, params?: Params, nested?: string): string {
  const text = EN(key, nested === undefined ? params : { ...params, reason: nested });
  SAID.set(text, { key, ...(params ? { params } : {}), ...(nested !== undefined ? { nested } : {}) });
  return text;
}

/** A reason in the language of `t`; a reason not made by reason() stays as it is. */
function reasonIn(text: string, t: I18n['t']): string {
  const said = SAID.get(text);
  if (!said || t === EN) return text;
  return t(said.key, said.nested === undefined ? said.params : { ...said.params, reason: reasonIn(said.nested, t) });
}

/** Why a chart kept only as a drawing cannot be narrowed. */
export const DRAWING_REASON = reason('core.narrow.reason.drawing');

export interface Narrowing {
  /** Dimensions the rows were narrowed by. */
  applied: Dimension[];
  /** Dimensions asked for that these rows cannot be narrowed by, with the reason in words. */
  skipped: { dimension: Dimension; reason: string }[];
}

/** How one row is read for each dimension: its partner, or its own value. */
type Reader = (row: (k: number) => JsonValue | undefined) => string | null;

interface Readers {
  sector: Reader | string;
  region: Reader | string;
  tier: Reader | string;
  period: Reader | string;
}

/**
 * How rows with these field names (`get(row, k)` reads field k) are read for each dimension, or why
 * they cannot be. `names` of the columns; `values(k)` the values of column k (to tell whether a name
 * column holds partners' names).
 */
function readers(names: readonly string[], values: (k: number) => Iterable<JsonValue | undefined>, index: PartnerIndex): Readers {
  let partner: ((row: (k: number) => JsonValue | undefined) => FrozenPartner | undefined) | null = null;
  const id = names.findIndex((n) => PARTNER_ID_COLUMN.test(n));
  if (id >= 0 && index.byId.size) partner = (row) => index.byId.get(text(row(id)) ?? '');
  else if (id < 0 && index.byName.size) {
    // A name column is a partner key only when every name in it is one partner's.
    const name = names.findIndex((n) => PAIRED_NAME_COLUMN.test(n) || PARTNER_NAME_COLUMN.test(n));
    if (name >= 0) {
      let seen = 0;
      let all = true;
      for (const v of values(name)) {
        const t = text(v);
        if (t === null) continue;
        seen++;
        if (!index.byName.has(t)) {
          all = false;
          break;
        }
      }
      if (all && seen > 0) partner = (row) => index.byName.get(text(row(name)) ?? '');
    }
  }
  const attribute = (d: PartnerDimension): Reader | string => {
    if (partner) {
      const p = partner;
      return (row) => p(row)?.[d] ?? null;
    }
    const own = names.findIndex((n) => n.toLowerCase() === d);
    if (own >= 0) return (row) => text(row(own));
    if (id >= 0) return reason('core.narrow.reason.unknown_partners');
    return reason('core.narrow.reason.no_partner');
  };
  const p = periodColumn(names);
  // A column of that name whose values are not dates (a week number, a label) gives no period.
  const dated = p >= 0 && [...values(p)].some((v) => quarterOf(v) !== null);
  return {
    sector: attribute('sector'),
    region: attribute('region'),
    tier: attribute('tier'),
    period: dated ? (row) => quarterOf(row(p)) : reason('core.narrow.reason.no_date'),
  };
}

function keep(rs: Readers, applied: readonly Dimension[], f: SnapshotFilters): (row: (k: number) => JsonValue | undefined) => boolean {
  const tests = applied.map((d) => {
    const r = rs[d] as Reader;
    if (d === 'period') return (row: (k: number) => JsonValue | undefined) => inPeriod(r(row), f);
    const want = f[d];
    return (row: (k: number) => JsonValue | undefined) => r(row) === want;
  });
  return (row) => tests.every((t) => t(row));
}

function plan(rs: Readers, f: SnapshotFilters): Narrowing {
  const out: Narrowing = { applied: [], skipped: [] };
  for (const d of activeDimensions(f)) {
    const r = rs[d];
    if (typeof r === 'string') out.skipped.push({ dimension: d, reason: r });
    else out.applied.push(d);
  }
  return out;
}

export interface NarrowedRows extends Narrowing {
  rows: JsonValue[][];
}

/**
 * A result's rows narrowed by the filters. `total` is the result's full row count: when the snapshot
 * holds fewer rows, narrowing them would pass a part for the whole, so nothing is narrowed.
 */
export function narrowRows(columns: readonly Column[], rows: JsonValue[][], total: number, index: PartnerIndex, f: SnapshotFilters): NarrowedRows {
  const dims = activeDimensions(f);
  if (dims.length === 0) return { rows, applied: [], skipped: [] };
  if (rows.length < total) {
    const why = reason('core.narrow.reason.capped', { rows: rows.length, total });
    return { rows, applied: [], skipped: dims.map((dimension) => ({ dimension, reason: why })) };
  }
  const rs = readers(
    columns.map((c) => c.name),
    (k) => rows.map((r) => r[k]),
    index,
  );
  const n = plan(rs, f);
  if (n.applied.length === 0) return { rows, ...n };
  const test = keep(rs, n.applied, f);
  return { rows: rows.filter((r) => test((k) => r[k])), ...n };
}

// ---- Charts

type Json = { [k: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isRows = (v: JsonValue | undefined): v is Json[] => Array.isArray(v) && v.every(isObj);

/** The fields narrowed rows carry (joined in the viewer) and the parameters the filter reads. */
const FIELD: Record<Dimension, string> = { sector: '__lt_sector', region: '__lt_region', tier: '__lt_tier', period: '__lt_quarter' };
const PARAM = { sector: 'lt_sector', region: 'lt_region', tier: 'lt_tier', from: 'lt_from', to: 'lt_to' } as const;

export interface NarrowedSpec extends Narrowing {
  spec: Json;
}

/** Views holding data of their own: `{data: {values}}` or `{data: {name}}` naming one of `datasets`. */
function dataViews(spec: Json): Json[] {
  const out: Json[] = [];
  const walk = (v: JsonValue | undefined, key: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, ''));
    else if (isObj(v)) {
      // Inside datasets and data values there are rows, not views.
      if (key === 'datasets' || key === 'values') return;
      if (isObj(v.data) && (isRows(v.data.values) || typeof v.data.name === 'string')) out.push(v);
      for (const [k, x] of Object.entries(v)) if (k !== 'data') walk(x, k);
    }
  };
  walk(spec, '');
  return out;
}

/**
 * A chart narrowed by the filters: its rows carry each partner's attributes and quarter (joined here,
 * from the frozen data), top-level parameters hold the reader's choices, and every view with data of its
 * own filters by them — Vega-Lite narrows and re-aggregates, nothing is recomputed from the notebook.
 * A dimension is applied only when every dataset the chart draws can be narrowed by it: a chart half
 * narrowed would be wrong without showing it.
 */
export function narrowSpec(spec: Json, index: PartnerIndex, f: SnapshotFilters): NarrowedSpec {
  const dims = activeDimensions(f);
  if (dims.length === 0) return { spec, applied: [], skipped: [] };
  const out = structuredClone(spec) as Json;
  const views = dataViews(out);
  const datasets = isObj(out.datasets) ? out.datasets : {};
  // Each dataset drawn, once: named ones by name, inline ones by their view.
  const drawn = new Map<string | Json, Json[]>();
  for (const v of views) {
    const data = v.data as Json;
    if (isRows(data.values)) drawn.set(v, data.values);
    else if (typeof data.name === 'string' && isRows(datasets[data.name])) drawn.set(data.name, datasets[data.name] as Json[]);
  }
  if (drawn.size === 0) return { spec, applied: [], skipped: dims.map((dimension) => ({ dimension, reason: reason('core.narrow.reason.no_data') })) };

  const planned = [...drawn.entries()].map(([key, rows]) => {
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return { key, rows, rs: readers(names, (k) => rows.map((r) => r[names[k]!]), index), names };
  });
  const result: Narrowing = { applied: [], skipped: [] };
  for (const d of dims) {
    const why = planned.map((p) => p.rs[d]).find((r): r is string => typeof r === 'string');
    if (why === undefined) result.applied.push(d);
    else result.skipped.push({ dimension: d, reason: planned.length > 1 ? reason('core.narrow.reason.some', undefined, why) : why });
  }
  if (result.applied.length === 0) return { spec, ...result };

  for (const p of planned) {
    const annotated = p.rows.map((row) => {
      const get = (k: number) => row[p.names[k]!];
      const extra: Json = {};
      for (const d of result.applied) extra[FIELD[d]] = (p.rs[d] as Reader)(get);
      return { ...row, ...extra };
    });
    if (typeof p.key === 'string') datasets[p.key] = annotated;
    else (p.key.data as Json).values = annotated;
  }
  const params: Json[] = [];
  const tests: string[] = [];
  for (const d of result.applied) {
    if (d === 'period') {
      params.push({ name: PARAM.from, value: f.from }, { name: PARAM.to, value: f.to });
      tests.push(`(${PARAM.from} === null || datum.${FIELD.period} >= ${PARAM.from})`, `(${PARAM.to} === null || datum.${FIELD.period} <= ${PARAM.to})`);
      // A row without a quarter is in no period.
      tests.push(`isValid(datum.${FIELD.period})`);
    } else {
      params.push({ name: PARAM[d], value: f[d] });
      tests.push(`(${PARAM[d]} === null || datum.${FIELD[d]} === ${PARAM[d]})`);
    }
  }
  const filter = { filter: tests.join(' && ') };
  for (const v of views) v.transform = [filter, ...(Array.isArray(v.transform) ? v.transform : [])];
  out.params = [...(Array.isArray(out.params) ? out.params : []), ...params];
  return { spec: out, ...result };
}

// ---- Words

const DIMENSION_WORDS: Record<Dimension, MessageKey> = { sector: 'core.narrow.sector', region: 'core.narrow.region', tier: 'core.narrow.tier', period: 'core.narrow.period' };

/**
 * "Narrowed by sector and period: 12 of 240 rows." / "Not narrowed by region: its rows name no partner.",
 * in the language of `t`. Lines that say what was narrowed come first.
 */
export function narrowingText(n: Narrowing, shown?: { rows: number; of: number }, t: I18n['t'] = EN): string[] {
  const word = (d: Dimension) => t(DIMENSION_WORDS[d]);
  const list = (ds: Dimension[]) => (ds.length === 1 ? word(ds[0]!) : t('core.narrow.and', { list: ds.slice(0, -1).map(word).join(', '), last: word(ds.at(-1)!) }));
  const lines: string[] = [];
  if (n.applied.length) {
    const dimensions = list(n.applied);
    lines.push(shown ? t('core.narrow.applied_rows', { dimensions, rows: shown.rows, count: shown.of }) : t('core.narrow.applied', { dimensions }));
  }
  // One line per reason: "Not narrowed by sector, region and tier: its rows name no partner…".
  const byReason = new Map<string, Dimension[]>();
  for (const s of n.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.dimension]);
  for (const [why, ds] of byReason) lines.push(t('core.narrow.skipped', { dimensions: list(ds), reason: reasonIn(why, t) }));
  return lines;
}

/** Every quarter the snapshot's rows fall in, oldest first: what the period filter offers. */
export function quartersIn(tables: Iterable<{ names: readonly string[]; rows: Iterable<(k: number) => JsonValue | undefined> }>): string[] {
  const seen = new Set<string>();
  for (const t of tables) {
    const p = periodColumn(t.names);
    if (p < 0) continue;
    for (const row of t.rows) {
      const q = quarterOf(row(p));
      if (q) seen.add(q);
    }
  }
  return [...seen].sort();
}

/** Every quarter the snapshot's results, tables shown and charts fall in: what the period filter offers. */
export function snapshotQuarters(payload: SnapshotPayload): string[] {
  const tables: { names: readonly string[]; rows: Iterable<(k: number) => JsonValue | undefined> }[] = [];
  const table = (columns: readonly Column[], rows: readonly JsonValue[][]) =>
    tables.push({ names: columns.map((c) => c.name), rows: rows.map((r) => (k: number) => r[k]) });
  const objects = (rows: Json[]) => {
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    tables.push({ names, rows: rows.map((r) => (k: number) => r[names[k]!]) });
  };
  for (const cell of payload.cells) {
    if (cell.kind === 'markdown' || !cell.result) continue;
    table(cell.result.columns, cell.result.rows);
    for (const d of cell.result.displays) {
      if (d.kind === 'table') table(d.columns, d.rows);
      if (d.kind !== 'vega-lite' || !d.spec) continue;
      if (isObj(d.spec.datasets)) for (const rows of Object.values(d.spec.datasets)) if (isRows(rows)) objects(rows);
      for (const v of dataViews(d.spec)) if (isObj(v.data) && isRows(v.data.values)) objects(v.data.values);
    }
  }
  return quartersIn(tables);
}
