/**
 * The data step between a chart cell's spec and Vega: it reads each relation the spec names and puts
 * the rows into the spec (`datasets`), so the chart needs nothing from outside. A relation of at most
 * `limit` rows (about what Vega draws smoothly) goes in whole. A larger one never reaches the page as
 * it is: views that aggregate are computed by DuckDB (same groups, same numbers), views that draw rows
 * get a sample and a note saying so, and a view that would summarise rows DuckDB cannot compute is
 * refused with the reason, rather than drawn wrong or left to hang the page.
 */
import type { Engine } from '../engine/types';
import type { ValueKind } from '../engine/values';
import { ident } from '../analytics/sql';
import { said } from '../i18n/said';
import { inputError } from '../i18n/said-error';
import { i18nFor, type I18n } from '../i18n/i18n';
import { aggregateQuery, analyseView, encodedFields, readsColumnsDirectly, rewriteEncoding, rewriteMark, type AggregatePlan } from './aggregation';
import { niceBins, type Bins } from './bins';
import { channelDefs, utcDates } from './encoding';
import { cloneJson, isObject, type JsonObject } from './json';
import { countRows, fetchRows, relationColumns, type Row } from './rows';
import { lineField, sampleQuery } from './sample';
import { chartReads } from './source';
import { unitViews, type UnitView } from './views';

/** About what Vega draws without making the page stutter (SVG or canvas, a few thousand marks each). */
export const DRAW_LIMIT = 10_000;

export interface PreparedChart {
  /** The spec with its data inlined as `datasets`, ready for Vega. */
  spec: JsonObject;
  /** Rows of the relations the chart reads (before any aggregation). */
  rowCount: number;
  /** What the reader must know: rows left out, and why. */
  note?: string;
}

const EN = i18nFor('en').t;

/** Fields a filter predicate reads, or null when it is an expression (which may read any field). */
function predicateFields(pred: unknown): string[] | null {
  if (!isObject(pred)) return null;
  for (const key of ['and', 'or'] as const) {
    if (Array.isArray(pred[key])) {
      const parts = (pred[key] as unknown[]).map(predicateFields);
      return parts.includes(null) ? null : parts.flat() as string[];
    }
  }
  if ('not' in pred) return predicateFields(pred.not);
  return typeof pred.field === 'string' ? [pred.field] : null;
}

/**
 * The columns the views read, when that can be known (no expression anywhere, no tooltip showing
 * whole rows): a wide result then ships only what is drawn. Null: all of them.
 */
function usedColumns(views: readonly UnitView[]): string[] | null {
  const used = new Set<string>();
  for (const v of views) {
    if (!readsColumnsDirectly(v) || JSON.stringify(v.node).includes('datum') || /"content"\s*:\s*"data"/.test(JSON.stringify(v.node))) return null;
    for (const f of encodedFields(v)) used.add(f);
    for (const { def } of channelDefs(v.encoding)) if (isObject(def.sort) && typeof def.sort.field === 'string') used.add(def.sort.field);
    for (const t of v.transforms) {
      const fields = predicateFields((t as JsonObject).filter);
      if (fields === null) return null;
      for (const f of fields) used.add(f);
    }
  }
  return [...used];
}

/** Unknown fields draw as nothing in Vega, silently; say which column is missing instead. */
function checkFields(views: readonly UnitView[], kinds: ReadonlyMap<string, ValueKind>, relation: string): void {
  for (const v of views) {
    if (!readsColumnsDirectly(v)) continue;
    const missing = encodedFields(v).find((f) => !kinds.has(f));
    if (missing !== undefined) {
      throw inputError(said('core.charts.missing_field', { field: missing, name: relation }), said('core.charts.missing_field_hint', { columns: [...kinds.keys()].join(', ') }));
    }
  }
}

async function planBins(engine: Engine, relation: string, plan: AggregatePlan): Promise<Map<string, Bins>> {
  const bins = new Map<string, Bins>();
  for (const b of plan.bins) {
    const col = ident(b.field);
    const where = plan.where ? `WHERE ${plan.where}` : '';
    const t = await engine.query(`SELECT min(CAST(${col} AS DOUBLE)) AS lo, max(CAST(${col} AS DOUBLE)) AS hi FROM ${relation} ${where}`);
    const row = t.get(0)!;
    const lo = Number(row.lo ?? 0);
    const hi = Number(row.hi ?? 0);
    bins.set(b.alias0, niceBins([lo, hi], b.params));
  }
  return bins;
}

/** Draws `views` (all reading `relation`) from DuckDB's summary of it; returns notes. */
async function pushDown(
  engine: Engine,
  relation: string,
  name: string,
  views: UnitView[],
  plans: AggregatePlan[],
  datasets: JsonObject,
  limit: number,
  config: unknown,
  t: I18n['t'],
): Promise<string[]> {
  const notes: string[] = [];
  for (let k = 0; k < views.length; k++) {
    const view = views[k]!;
    const plan = plans[k]!;
    const bins = await planBins(engine, relation, plan);
    const sql = aggregateQuery(relation, plan, bins);
    const groups = await countRows(engine, sql);
    const rows: Row[] = await fetchRows(engine, groups > limit ? `${sql}\nLIMIT ${limit}` : sql);
    if (groups > limit) {
      notes.push(t('core.chart.groups_cut', { limit, groups }));
    }
    const dataset = `${name} (summary ${k + 1})`;
    datasets[dataset] = rows;
    // A view with data of its own no longer inherits its parents' transforms: the filters ran in SQL.
    view.node.data = { name: dataset };
    view.node.encoding = rewriteEncoding(view, plan, bins);
    view.node.mark = rewriteMark(view, config);
    delete view.node.transform;
  }
  return notes;
}

/** The chart's notes are in the language of `t` (the interface's when the chart is drawn). */
export async function prepareChart(engine: Engine, source: JsonObject, limit = DRAW_LIMIT, t: I18n['t'] = EN): Promise<PreparedChart> {
  const spec = cloneJson(source);
  utcDates(spec);
  const views = unitViews(spec);
  const datasets: JsonObject = isObject(spec.datasets) ? { ...spec.datasets } : {};
  const notes: string[] = [];
  let rowCount = 0;
  for (const name of chartReads(spec)) {
    const relation = ident(name);
    const mine = views.filter((v) => v.data === name);
    const kinds = new Map((await relationColumns(engine, relation)).map((c) => [c.name, c.kind]));
    checkFields(mine, kinds, name);
    const used = usedColumns(mine);
    const select = used === null || used.length === 0 ? '*' : used.map(ident).join(', ');
    const total = await countRows(engine, `SELECT * FROM ${relation}`);
    rowCount += total;
    if (total <= limit) {
      datasets[name] = await fetchRows(engine, `SELECT ${select} FROM ${relation}`);
      continue;
    }
    const analyses = mine.map((v) => analyseView(v, kinds));
    const refused = analyses.find((a) => a.kind === 'refuse');
    if (refused && refused.kind === 'refuse') {
      throw inputError(
        said('core.charts.too_many_rows', { name, total, limit, reason: refused.reason }),
        said('core.charts.too_many_rows_hint'),
      );
    }
    const aggregated = mine.filter((_, k) => analyses[k]!.kind === 'aggregate');
    const plans = analyses.flatMap((a) => (a.kind === 'aggregate' ? [a.plan] : []));
    notes.push(...(await pushDown(engine, relation, name, aggregated, plans, datasets, limit, spec.config, t)));
    const drawn = mine.filter((_, k) => analyses[k]!.kind === 'rows');
    // A relation no view draws directly (only a lookup reads it) is sampled too.
    if (drawn.length || mine.length === 0) {
      const sample = sampleQuery(select, relation, total, limit, lineField(drawn), t);
      const rows = await fetchRows(engine, sample.sql);
      datasets[name] = rows;
      notes.push(t('core.chart.sampled', { name, total, drawn: rows.length, how: sample.how }));
    }
  }
  spec.datasets = datasets;
  return { spec, rowCount, ...(notes.length ? { note: notes.join(' ') } : {}) };
}
