/**
 * A partner's page in a snapshot, made in the viewer from what the snapshot holds: who the partner is
 * (the frozen partners), then, result by result, that partner's rows — one row as a list of figures,
 * several as a table, a scorecard (figure × quarter) as the figures against the quarters with the
 * current quarter's target. Nothing is computed from the notebook again.
 */
import type { Column } from '../engine/values';
import { i18nFor, type I18n } from '../i18n/i18n';
import { partnerColumns } from '../model/partner-columns';
import { narrowRows, type FrozenPartner, type PartnerIndex, type SnapshotFilters } from './narrow';
import { isCodeCell, type JsonValue, type SnapshotPayload } from './payload';

export type PartnerSection =
  | { kind: 'record'; cell: string; fields: { column: Column; value: JsonValue }[]; note: string | null }
  | { kind: 'table'; cell: string; columns: Column[]; rows: JsonValue[][]; total: number; note: string | null }
  | { kind: 'missing'; cell: string; note: string };

export interface PartnerPageData {
  partner: FrozenPartner;
  sections: PartnerSection[];
}

const EN = i18nFor('en').t;

const text = (v: JsonValue | undefined) => (v === null || v === undefined || typeof v === 'object' ? null : String(v));
const col = (name: string, kind: Column['kind'], sqlType: string): Column => ({ name, kind, sqlType });

/** Scorecard rows (one per figure and quarter) as one row per figure, a column per quarter (headers in the language of `t`). */
function scorecard(columns: readonly Column[], rows: readonly JsonValue[][], t: I18n['t']): { columns: Column[]; rows: JsonValue[][] } | null {
  const at = (n: string) => columns.findIndex((c) => c.name === n);
  const label = at('metric_label') >= 0 ? at('metric_label') : at('metric');
  const quarter = at('quarter');
  const value = at('value');
  if (label < 0 || quarter < 0 || value < 0) return null;
  const order = at('metric_order');
  const back = at('quarters_back');
  const target = at('target');
  const status = at('target_status');
  const quarters = [...new Set(rows.map((r) => text(r[quarter])).filter((q): q is string => q !== null))].sort();
  const figures = new Map<string, { order: number; values: Map<string, JsonValue>; target: JsonValue; status: JsonValue }>();
  for (const r of rows) {
    const name = text(r[label]);
    const q = text(r[quarter]);
    if (name === null || q === null) continue;
    const f = figures.get(name) ?? { order: order >= 0 ? Number(r[order]) : figures.size, values: new Map(), target: null, status: null };
    f.values.set(q, r[value] ?? null);
    // The current quarter's target and standing (quarters_back 0, else the latest quarter).
    if ((back >= 0 && Number(r[back]) === 0) || (back < 0 && q === quarters.at(-1))) {
      f.target = target >= 0 ? (r[target] ?? null) : null;
      f.status = status >= 0 ? (r[status] ?? null) : null;
    }
    figures.set(name, f);
  }
  const valueCol = columns[value]!;
  const out: Column[] = [col(t('core.partner.figure'), 'string', 'VARCHAR'), ...quarters.map((q) => ({ ...valueCol, name: q }))];
  if (target >= 0) out.push({ ...columns[target]!, name: t('core.partner.target') });
  if (status >= 0) out.push(col(t('core.partner.against_target'), 'string', 'VARCHAR'));
  const sorted = [...figures].sort((a, b) => a[1].order - b[1].order);
  return {
    columns: out,
    rows: sorted.map(([name, f]) => [name, ...quarters.map((q) => f.values.get(q) ?? null), ...(target >= 0 ? [f.target] : []), ...(status >= 0 ? [f.status] : [])]),
  };
}

/**
 * The page of partner `id`: each result naming partners contributes that partner's rows, narrowed by
 * the period when one is chosen (the partner filters say who is listed, not what a page shows). Tables
 * keep their first `maxRows` rows, so that a page prints on one sheet. Notes and headers are in the
 * language of `t` (the snapshot's).
 */
export function partnerPage(payload: SnapshotPayload, index: PartnerIndex, id: string, filters: SnapshotFilters, maxRows = 8, t: I18n['t'] = EN): PartnerPageData | null {
  const partner = index.byId.get(id);
  if (!partner) return null;
  const period: SnapshotFilters = { sector: null, region: null, tier: null, from: filters.from, to: filters.to };
  const sections: PartnerSection[] = [];
  for (const cell of payload.cells.filter(isCodeCell)) {
    const r = cell.result;
    if (!r || r.rows.length === 0) continue;
    const keys = partnerColumns(r.columns.map((c) => c.name));
    if (keys.id < 0) continue;
    const name = cell.name || t('output.result');
    const mine = r.rows.filter((row) => text(row[keys.id]) === id);
    const partial = r.rows.length < r.rowCount;
    const partialNote = t('core.partner.partial', { name, rows: r.rows.length, total: r.rowCount });
    if (mine.length === 0) {
      if (partial) sections.push({ kind: 'missing', cell: name, note: t('core.partner.partial_missing', { name, rows: r.rows.length, total: r.rowCount }) });
      continue;
    }
    const narrowed = narrowRows(r.columns, mine, mine.length, index, period);
    const rows = narrowed.rows;
    if (rows.length === 0) continue;
    const periodNote = narrowed.applied.includes('period') ? t('core.narrow.applied', { dimensions: t('core.narrow.period') }) : null;
    const notes = (...n: (string | null)[]) => n.filter(Boolean).join(' ') || null;
    // Who the partner is shows at the top: its id and name columns would repeat it.
    const keep = r.columns.map((_, k) => k).filter((k) => k !== keys.id && k !== keys.name);
    const sc = scorecard(r.columns, rows, t);
    if (sc) {
      sections.push({ kind: 'table', cell: name, columns: sc.columns, rows: sc.rows.slice(0, maxRows * 2), total: sc.rows.length, note: notes(partial ? partialNote : null, periodNote) });
    } else if (rows.length === 1) {
      sections.push({ kind: 'record', cell: name, fields: keep.map((k) => ({ column: r.columns[k]!, value: rows[0]![k] ?? null })), note: notes(partial ? partialNote : null, periodNote) });
    } else {
      sections.push({
        kind: 'table',
        cell: name,
        columns: keep.map((k) => r.columns[k]!),
        rows: rows.slice(0, maxRows).map((row) => keep.map((k) => row[k] ?? null)),
        total: rows.length,
        // The counts as plain digits, as this note has always written them.
        note: notes(partial ? partialNote : null, periodNote, rows.length > maxRows ? t('core.partner.first_rows', { max: String(maxRows), rows: String(rows.length) }) : null),
      });
    }
  }
  return { partner, sections };
}
