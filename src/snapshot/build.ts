/**
 * Builds a snapshot payload from the open notebook, its cells' states and the engine: the rows of each
 * result (all of a small one, the first ones and totals of a large one), charts with their data inline
 * and a static drawing, the fingerprints of the tables read — after leaving out what the analyst chose
 * to hide and replacing partner names by aliases when asked. It never runs a cell: it reads results.
 */
import type { Engine } from '../engine/types';
import type { Lang } from '../i18n/languages';
import { i18nFor, type I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/catalogue';
import { plainObjects, type Column, type Plain } from '../engine/values';
import { relationSql, visibleRelations } from '../catalog/relations';
import { rowsOf } from '../sql/quote';
import { notebookTitle, type Cell, type Notebook } from '../notebook/model';
import { fetchPage } from '../notebook/results';
import { mergeProvenance } from '../notebook/runner';
import type { CellResult, CellState, DataProvenance, Display } from '../notebook/state';
import { partnerColumns } from '../model/partner-columns';
import { keyChartData, type ResultRelation } from './chart-keys';
import { inlineRowCount, inwardSpec } from './spec';
import { fingerprints } from './fingerprints';
import { DEFAULT_LIMITS, embedsWhole, type SnapshotLimits } from './limits';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type CodeSnapshotCell,
  type FrozenPartners,
  type JsonValue,
  type SnapshotCell,
  type SnapshotDisplay,
  type SnapshotPayload,
  type SnapshotResult,
  type SnapshotStatus,
} from './payload';
import { Pseudonymiser, type KnownPartner } from './pseudonym';
import { columnTotals } from './totals';
import { encodeRows } from './values';

export interface SnapshotSource {
  notebook: Notebook;
  fileName: string;
  states: Readonly<Record<string, CellState | undefined>>;
}

export interface SnapshotOptions {
  /** Leave out the code of every code cell (results stay). */
  hideCode: boolean;
  /** Ids of cells to leave out entirely. */
  hiddenCells: ReadonlySet<string>;
  /** Replace partner names and ids by aliases everywhere. */
  pseudonymise: boolean;
  /**
   * A page per partner: results that name partners are embedded whole (up to limits.partnerRows), so
   * every partner's page holds all its rows.
   */
  partnerPages?: boolean;
  /** ISO 4217 code of the workspace's amounts (the app's Session.model.currency). */
  currency?: string | null;
  limits?: Partial<SnapshotLimits>;
  /** The language the snapshot is written in (defaults to English). */
  lang?: Lang;
  /** The snapshot's date (defaults to now). */
  now?: Date;
}

const EN = i18nFor('en').t;

const KIND_LABEL: Record<Cell['kind'], MessageKey> = { markdown: 'kind.markdown', sql: 'kind.sql', analysis: 'kind.analysis', ts: 'kind.ts', chart: 'kind.chart', input: 'kind.input' };

/** A hidden cell, described for the reader without showing what it held, in the language of `t`. */
export function describeCell(cell: Cell, t: I18n['t'] = EN): string {
  if (cell.kind === 'markdown') return t('core.snapshot.text_cell');
  const kind = t(KIND_LABEL[cell.kind]);
  return cell.name ? t('core.snapshot.named_cell', { kind, name: cell.name }) : t('core.snapshot.unnamed_cell', { kind });
}

/**
 * Partners known to the workspace: the `partners` the notebooks read (the user's own table of that name,
 * else the partner model's), with `partner_id` and `name`.
 */
async function knownPartners(engine: Engine): Promise<KnownPartner[]> {
  const table = (await visibleRelations(engine, { results: false })).get('partners');
  if (!table) return [];
  const cols = (await engine.query(`SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2`, [table.schema, table.name]))
    .toArray()
    .map((r) => String(r.column_name).toLowerCase());
  if (!cols.includes('partner_id')) return [];
  const name = cols.includes('name') ? 'CAST(name AS VARCHAR)' : 'NULL';
  const rows = rowsOf(
    await engine.query(`SELECT DISTINCT CAST(partner_id AS VARCHAR) AS id, ${name} AS name FROM ${relationSql(table)} WHERE partner_id IS NOT NULL ORDER BY 1`),
  );
  return rows.map((r) => ({ id: String(r.id), name: r.name === null ? null : String(r.name) }));
}

/** What a snapshot freezes of each partner the results name, from the same `partners` (PARTNER_FIELDS). */
const FROZEN_COLUMNS: Column[] = [
  { name: 'partner_id', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'name', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'sector', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'region', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'tier', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'country', kind: 'string', sqlType: 'VARCHAR' },
  { name: 'since', kind: 'date', sqlType: 'DATE' },
];

/**
 * The partners named by id or by name in the embedded results, with their sector, region, tier, country
 * and onboarding date where `partners` has such columns (a partners table derived from deals may not).
 */
async function partnerAttributes(engine: Engine, ids: ReadonlySet<string>, names: ReadonlySet<string>): Promise<Plain[][]> {
  if (ids.size === 0 && names.size === 0) return [];
  const table = (await visibleRelations(engine, { results: false })).get('partners');
  if (!table) return [];
  const cols = new Set(
    (await engine.query(`SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2`, [table.schema, table.name]))
      .toArray()
      .map((r) => String(r.column_name).toLowerCase()),
  );
  if (!cols.has('partner_id')) return [];
  const text = (c: string) => (cols.has(c) ? `CAST(any_value(${c}) AS VARCHAR)` : 'NULL');
  const since = cols.has('onboarded_at') ? 'TRY_CAST(any_value(onboarded_at) AS DATE)' : 'CAST(NULL AS DATE)';
  const rows = plainObjects(
    await engine.query(
      `SELECT CAST(partner_id AS VARCHAR) AS id, ${text('name')} AS name, ${text('sector')} AS sector, ${text('region')} AS region, ${text('tier')} AS tier, ${text('country')} AS country, ${since} AS since
       FROM ${relationSql(table)} WHERE partner_id IS NOT NULL GROUP BY CAST(partner_id AS VARCHAR) ORDER BY 1`,
    ),
  );
  return rows
    .filter((r) => ids.has(String(r.id)) || (r.name !== null && names.has(String(r.name))))
    .map((r) => [String(r.id), r.name ?? null, r.sector ?? null, r.region ?? null, r.tier ?? null, r.country ?? null, r.since ?? null]);
}

function statusOf(state: CellState | undefined): SnapshotStatus {
  switch (state?.status) {
    case 'done':
    case 'error':
    case 'blocked':
    case 'stale':
      return state.status;
    case 'queued':
    case 'running':
      // Taken mid-run: what is shown is the previous result, if any.
      return state.result ? 'stale' : 'idle';
    default:
      return 'idle';
  }
}

class Builder {
  private readonly capped: string[] = [];
  /** Values embedded so far, against limits.totalValues. */
  private used = 0;
  /** Values of results naming partners embedded whole for the partner pages, against limits.partnerTotalValues. */
  private usedForPages = 0;
  /** Partners the embedded rows name, as the workspace has them (before any alias). */
  readonly partnerIds = new Set<string>();
  readonly partnerNames = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly limits: SnapshotLimits,
    private readonly alias: Pseudonymiser | null,
    private readonly partnerPages: boolean,
    private readonly relations: ReadonlyMap<string, ResultRelation>,
    /** The snapshot's language: its notes are written in it. */
    private readonly t: I18n['t'] = EN,
  ) {}

  text(s: string): string {
    return this.alias ? this.alias.text(s) : s;
  }

  /** Notes the partners a table's rows name (real ids and names, before aliasing). */
  private notePartners(names: readonly string[], rows: readonly (readonly unknown[])[]): void {
    const { id, name } = partnerColumns(names);
    const key = id >= 0 ? id : name;
    if (key < 0) return;
    const into = id >= 0 ? this.partnerIds : this.partnerNames;
    for (const r of rows) {
      const v = r[key];
      if (v !== null && v !== undefined && typeof v !== 'object') into.add(String(v));
    }
  }

  /** Notes the partners a chart's rows name: rows of `datasets` and of `values`. */
  private noteChartPartners(spec: JsonValue): void {
    const walk = (v: JsonValue, key: string) => {
      if (Array.isArray(v)) {
        if ((key === 'values' || key === 'dataset') && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
          const objects = v as { [k: string]: JsonValue }[];
          const names = [...new Set(objects.flatMap((o) => Object.keys(o)))];
          this.notePartners(names, objects.map((o) => names.map((n) => o[n] ?? null)));
          return;
        }
        v.forEach((x) => walk(x, ''));
      } else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) walk(x, key === 'datasets' ? 'dataset' : k);
      }
    };
    walk(spec, '');
  }

  table(columns: Column[], rows: Plain[][]): { columns: Column[]; rows: JsonValue[][] } {
    this.notePartners(columns.map((c) => c.name), rows);
    const encoded = encodeRows(columns, rows);
    return this.alias ? this.alias.table(columns, encoded) : { columns, rows: encoded };
  }

  /** The frozen partners: those the embedded rows name, aliased like them; null when none. */
  async partners(): Promise<FrozenPartners | null> {
    const rows = await partnerAttributes(this.engine, this.partnerIds, this.partnerNames);
    if (rows.length === 0) return null;
    const encoded = encodeRows(FROZEN_COLUMNS, rows);
    if (!this.alias) return { columns: FROZEN_COLUMNS, rows: encoded };
    // Country and onboarding date, with sector and tier, could tell who an aliased partner is.
    const t = this.alias.table(FROZEN_COLUMNS, encoded.map((r) => [...r.slice(0, 5), null, null]));
    return { columns: t.columns, rows: t.rows };
  }

  get cappedNames(): string[] {
    return this.capped;
  }

  async cell(cell: Cell, state: CellState | undefined, hideCode: boolean): Promise<SnapshotCell> {
    if (cell.kind === 'markdown') return { kind: 'markdown', text: this.text(cell.source) };
    const out: CodeSnapshotCell = {
      kind: cell.kind,
      name: cell.name,
      attrs: cell.attrs.map((a) => ({ key: a.key, value: a.value === null ? null : this.text(a.value) })),
      source: hideCode ? null : this.text(cell.source),
      reads: [...(state?.reads ?? [])],
      status: statusOf(state),
      error: state?.error ? { message: this.text(state.error.message), hint: this.text(state.error.hint) } : null,
      result: null,
    };
    // An input cell's "result" is an empty marker that its dependants may run; there is nothing to show.
    const r = state?.result;
    if (r && (r.relation || r.columns.length || r.displays?.length)) out.result = await this.result(cell, r, hideCode);
    return out;
  }

  private async result(cell: Cell, r: CellResult, hideCode: boolean): Promise<SnapshotResult> {
    const values = r.rowCount * Math.max(1, r.columns.length);
    const forPages = this.partnerPages && partnerColumns(r.columns.map((c) => c.name)).id >= 0;
    const whole = forPages
      ? r.rowCount <= this.limits.partnerRows && values <= this.limits.partnerValues && this.usedForPages + values <= this.limits.partnerTotalValues
      : embedsWhole(r.rowCount, r.columns.length, this.limits) && this.used + values <= this.limits.totalValues;
    let rows: Plain[][] = [];
    let note = r.notice ?? null;
    let totals: (number | null)[] | null = null;
    let unreadable = false;
    if (r.relation) {
      try {
        rows = await fetchPage(this.engine, r.relation, 0, whole ? r.rowCount : this.limits.previewRows);
        if (!whole) totals = await columnTotals(this.engine, r.relation, r.columns);
      } catch (e) {
        unreadable = true;
        note = this.t('core.snapshot.unreadable', { message: (e as Error).message });
      }
    } else {
      rows = (r.inline ?? []).slice(0, whole ? undefined : this.limits.previewRows);
    }
    // A result without columns (a chart cell's) has rows to count but none to show: nothing is cut.
    if (r.columns.length && rows.length < r.rowCount && !unreadable) {
      this.capped.push(cell.name || describeCell(cell, this.t));
      note = this.t(totals ? 'core.snapshot.capped_totals' : 'core.snapshot.capped', { rows: rows.length, total: r.rowCount });
    }
    if (forPages && whole) this.usedForPages += values;
    else this.used += rows.length * Math.max(1, r.columns.length);
    const t = this.table(r.columns, rows);
    const displays: SnapshotDisplay[] = [];
    for (const d of r.displays ?? []) displays.push(await this.display(d));
    return {
      columns: t.columns,
      rowCount: r.rowCount,
      rows: t.rows,
      totals,
      note,
      displays,
      elapsedMs: r.elapsedMs,
      finishedAt: r.finishedAt,
      generatedSql: hideCode || !r.generatedSql ? null : this.text(r.generatedSql),
      provenance: r.provenance ? this.provenance(r.provenance) : null,
    };
  }

  /** File names may name partners (`export_dupont.csv`): they are text like any other. */
  provenance(p: DataProvenance): DataProvenance {
    return { demo: p.demo, files: p.files.map((f) => ({ name: this.text(f.name), rows: f.rows, sha256: f.sha256 })), tables: p.tables.map((t) => this.text(t)) };
  }

  private async display(d: Display): Promise<SnapshotDisplay> {
    switch (d.kind) {
      case 'markdown':
      case 'text':
        return { kind: d.kind, text: this.text(d.text) };
      case 'table': {
        const n = embedsWhole(d.rows.length, d.columns.length, this.limits) ? d.rows.length : this.limits.previewRows;
        const t = this.table(d.columns, d.rows.slice(0, n));
        return { kind: 'table', columns: t.columns, rows: t.rows, rowCount: d.rowCount };
      }
      case 'vega-lite':
        return this.chart(d.spec, d.note ?? null);
      case 'drawing':
        // Only a picture kept from the last session (its data was too large to keep): never embedded as SVG.
        return { kind: 'text', text: this.text(this.t('core.snapshot.kept_drawing', { title: d.title ?? this.t('core.snapshot.a_chart') })) };
    }
  }

  private async chart(raw: Record<string, unknown>, note: string | null): Promise<SnapshotDisplay> {
    let spec = inwardSpec(raw);
    // Rows that lost their partner to the data step (it ships only the fields drawn) get it back, so the
    // viewer can narrow them by sector, region and tier.
    spec = await keyChartData(this.engine, spec, this.relations);
    const points = inlineRowCount(spec);
    if (points <= this.limits.chartRows) this.noteChartPartners(spec);
    if (this.alias) spec = aliasSpec(spec, this.alias);
    let svg: string | null = null;
    try {
      const { chartSvg } = await import('./charts');
      svg = await chartSvg(spec);
    } catch (e) {
      note = [note, this.t('view.chart.failed', { message: (e as Error).message })].filter(Boolean).join(' ');
    }
    const whole = points <= this.limits.chartRows;
    if (!whole) note = [note, this.t('core.snapshot.chart_left_out', { points })].filter(Boolean).join(' ');
    return { kind: 'vega-lite', spec: whole ? spec : null, svg, note: note === null ? null : this.text(note) };
  }
}

/** Aliases partners in a chart's data: inline rows as tables (so id columns are caught), other strings as text. */
function aliasSpec(spec: { [k: string]: JsonValue }, alias: Pseudonymiser): { [k: string]: JsonValue } {
  const rowsOfObjects = (v: JsonValue): v is { [k: string]: JsonValue }[] =>
    Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
  const asTable = (data: { [k: string]: JsonValue }[]): JsonValue[] => {
    const names = [...new Set(data.flatMap((o) => Object.keys(o)))];
    const columns: Column[] = names.map((name) => ({ name, kind: 'other', sqlType: '' }));
    const t = alias.table(columns, data.map((o) => names.map((n) => o[n] ?? null)));
    return t.rows.map((r) => Object.fromEntries(names.map((n, k) => [n, r[k]!])));
  };
  const walk = (v: JsonValue, key: string, inDatasets: boolean): JsonValue => {
    if ((key === 'values' || inDatasets) && rowsOfObjects(v)) return asTable(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, '', false));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k, key === 'datasets')]));
    return typeof v === 'string' ? alias.value(v) : v;
  };
  return walk(spec, '', false) as { [k: string]: JsonValue };
}

export async function buildSnapshot(engine: Engine, source: SnapshotSource, options: SnapshotOptions): Promise<SnapshotPayload> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const alias = options.pseudonymise ? new Pseudonymiser(await knownPartners(engine)) : null;
  const { notebook: nb, states } = source;
  const relations = new Map<string, ResultRelation>();
  for (const c of nb.cells) {
    const r = states[c.id]?.result;
    if (c.name && r?.relation) relations.set(c.name.toLowerCase(), { relation: r.relation, columns: r.columns, rowCount: r.rowCount });
  }
  const t = i18nFor(options.lang ?? 'en').t;
  const b = new Builder(engine, limits, alias, options.partnerPages === true, relations, t);
  const shown = nb.cells.filter((c) => !options.hiddenCells.has(c.id));
  const cells: SnapshotCell[] = [];
  for (const c of shown) cells.push(await b.cell(c, states[c.id], options.hideCode));
  const partners = await b.partners();
  let provenance: DataProvenance | null = null;
  for (const c of shown) provenance = mergeProvenance(provenance, states[c.id]?.result?.provenance);

  // Every table the notebook read counts, hidden cells included: they fed what is shown.
  const cellNames = new Set(nb.cells.map((c) => c.name.toLowerCase()).filter(Boolean));
  const reads = nb.cells.flatMap((c) => states[c.id]?.reads ?? []).filter((n) => !cellNames.has(n.toLowerCase()));

  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    title: b.text(notebookTitle(nb) || source.fileName.replace(/\.md$/i, '')),
    fileName: b.text(source.fileName),
    createdAt: (options.now ?? new Date()).toISOString(),
    frontMatter: nb.frontMatter === null ? null : b.text(nb.frontMatter),
    cells,
    fingerprints: (await fingerprints(engine, reads)).map((f) => ({ ...f, file: f.file === null ? null : b.text(f.file) })),
    hidden: {
      code: options.hideCode,
      cells: nb.cells.filter((c) => options.hiddenCells.has(c.id)).map((c) => describeCell(c, t)),
      pseudonymised: alias ? alias.count : null,
      capped: b.cappedNames,
    },
    provenance: provenance ? b.provenance(provenance) : null,
    currency: options.currency && /^[A-Z]{3}$/.test(options.currency) ? options.currency : null,
    partners,
    lang: options.lang ?? 'en',
  };
}
