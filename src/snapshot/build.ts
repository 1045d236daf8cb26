/**
 * Builds a snapshot payload from the open notebook, its cells' states and the engine: the rows of each
 * result (all of a small one, the first ones and totals of a large one), charts with their data inline
 * and a static drawing, the fingerprints of the tables read — after leaving out what the analyst chose
 * to hide and replacing partner names by aliases when asked. It never runs a cell: it reads results.
 */
import type { Engine } from '../engine/types';
import type { Column, Plain } from '../engine/values';
import { columnsOf as tableColumns, userRelations } from '../ingest/catalog';
import { rowsOf } from '../ingest/sql';
import { notebookTitle, type Cell, type Notebook } from '../notebook/model';
import { fetchPage } from '../notebook/results';
import type { CellResult, CellState, Display } from '../notebook/state';
import { inlineRowCount, inwardSpec } from './spec';
import { fingerprints } from './fingerprints';
import { DEFAULT_LIMITS, embedsWhole, type SnapshotLimits } from './limits';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type CodeSnapshotCell,
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
  limits?: Partial<SnapshotLimits>;
  /** The snapshot's date (defaults to now). */
  now?: Date;
}

const KIND_LABEL: Record<Cell['kind'], string> = { markdown: 'text', sql: 'SQL', analysis: 'analysis', ts: 'TypeScript', chart: 'chart', input: 'input' };

/** A hidden cell, described for the reader without showing what it held. */
export function describeCell(cell: Cell): string {
  if (cell.kind === 'markdown') return 'a text cell';
  return cell.name ? `${KIND_LABEL[cell.kind]} cell "${cell.name}"` : `an unnamed ${KIND_LABEL[cell.kind]} cell`;
}

/** Partners known to the workspace, from a `partners` table with `partner_id` and `name`. */
async function knownPartners(engine: Engine): Promise<KnownPartner[]> {
  const table = (await userRelations(engine)).find((r) => r.name.toLowerCase() === 'partners');
  if (!table) return [];
  const cols = (await tableColumns(engine, table.name)).map((c) => c.name.toLowerCase());
  if (!cols.includes('partner_id')) return [];
  const name = cols.includes('name') ? 'CAST(name AS VARCHAR)' : 'NULL';
  const rows = rowsOf(
    await engine.query(`SELECT DISTINCT CAST(partner_id AS VARCHAR) AS id, ${name} AS name FROM "${table.name}" WHERE partner_id IS NOT NULL ORDER BY 1`),
  );
  return rows.map((r) => ({ id: String(r.id), name: r.name === null ? null : String(r.name) }));
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

  constructor(
    private readonly engine: Engine,
    private readonly limits: SnapshotLimits,
    private readonly alias: Pseudonymiser | null,
  ) {}

  text(s: string): string {
    return this.alias ? this.alias.text(s) : s;
  }

  table(columns: Column[], rows: Plain[][]): { columns: Column[]; rows: JsonValue[][] } {
    const encoded = encodeRows(columns, rows);
    return this.alias ? this.alias.table(columns, encoded) : { columns, rows: encoded };
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
    const whole = embedsWhole(r.rowCount, r.columns.length, this.limits) && this.used + values <= this.limits.totalValues;
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
        note = `The rows of this result could not be read when the snapshot was taken (${(e as Error).message}).`;
      }
    } else {
      rows = (r.inline ?? []).slice(0, whole ? undefined : this.limits.previewRows);
    }
    // A result without columns (a chart cell's) has rows to count but none to show: nothing is cut.
    if (r.columns.length && rows.length < r.rowCount && !unreadable) {
      this.capped.push(cell.name || describeCell(cell));
      const total = r.rowCount.toLocaleString('en');
      note = `This snapshot holds the first ${rows.length.toLocaleString('en')} of ${total} rows${totals ? `; the totals cover all ${total}` : ''}.`;
    }
    this.used += rows.length * Math.max(1, r.columns.length);
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
    };
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
    }
  }

  private async chart(raw: Record<string, unknown>, note: string | null): Promise<SnapshotDisplay> {
    let spec = inwardSpec(raw);
    if (this.alias) spec = aliasSpec(spec, this.alias);
    let svg: string | null = null;
    try {
      const { chartSvg } = await import('./charts');
      svg = await chartSvg(spec);
    } catch (e) {
      note = [note, `The chart could not be drawn: ${(e as Error).message}`].filter(Boolean).join(' ');
    }
    const points = inlineRowCount(spec);
    const whole = points <= this.limits.chartRows;
    if (!whole) note = [note, `The interactive chart was left out (${points.toLocaleString('en')} data points); this is its drawing.`].filter(Boolean).join(' ');
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
  const b = new Builder(engine, limits, alias);
  const { notebook: nb, states } = source;
  const shown = nb.cells.filter((c) => !options.hiddenCells.has(c.id));
  const cells: SnapshotCell[] = [];
  for (const c of shown) cells.push(await b.cell(c, states[c.id], options.hideCode));

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
      cells: nb.cells.filter((c) => options.hiddenCells.has(c.id)).map(describeCell),
      pseudonymised: alias ? alias.count : null,
      capped: b.cappedNames,
    },
  };
}
