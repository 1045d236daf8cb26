/**
 * `analysis` cells: a call into the analytics library written as `key: value` lines. The cell body
 * names the analysis (`function: rfm.scores`) and its parameters; the library turns them into SQL (or
 * computes rows in TypeScript), and the result is kept as a table like any SQL cell's.
 */
import { ANALYSES, type AnalysisDef, type ParamSpec, type ParamValue, type ParamValues } from '../../analytics';
import { plainObjects } from '../../engine/values';
import type { ExecContext } from './context';
import { runSqlText, sqlReads } from './sql-cell';
import { keepTable } from './keep-table';
import { recordsToTable } from '../records';
import type { CellResult } from '../state';
import { said, type Said } from '../../i18n/said';
import { inputError } from '../../i18n/said-error';

export interface AnalysisCall {
  def: AnalysisDef;
  /** Raw text values by parameter name, as written (or `$name` references). */
  raw: Record<string, string>;
}

export function parseAnalysisBody(source: string): AnalysisCall {
  const raw: Record<string, string> = {};
  source.split('\n').forEach((line, k) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = t.match(/^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/);
    if (!m) throw inputError(said('core.notebook.analysis.bad_line', { line: String(k + 1), text: t }), said('core.notebook.analysis.bad_line_hint'));
    raw[m[1]!] = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
  });
  const id = raw.function;
  if (!id) throw inputError(said('core.notebook.analysis.none'), said('core.notebook.analysis.none_hint', { names: Object.keys(ANALYSES).join(', ') }));
  const def = ANALYSES[id];
  if (!def) {
    throw inputError(said('core.notebook.analysis.unknown', { name: id }), said('core.notebook.analysis.unknown_hint', { names: Object.keys(ANALYSES).join(', ') }));
  }
  delete raw.function;
  const unknown = Object.keys(raw).filter((k) => !def.params.some((p) => p.name === k));
  if (unknown.length) {
    throw inputError(
      said('core.notebook.analysis.no_param', { analysis: def.id, names: unknown.join(', ') }),
      said('core.notebook.analysis.no_param_hint', { names: def.params.map((p) => p.name).join(', ') }),
    );
  }
  return { def, raw };
}

function coerce(spec: ParamSpec, text: string, ctx: Pick<ExecContext, 'param'>): ParamValue {
  let value: unknown = text;
  if (text.startsWith('$')) {
    value = ctx.param(text.slice(1));
    if (value === undefined) throw inputError(said('core.notebook.param_undefined', { param: text }), said('core.notebook.analysis.param_undefined_hint', { name: text.slice(1) }));
  }
  if (value === null || value === '' || value === 'null') {
    if (spec.default === null || spec.kind === 'string') return null;
    if (spec.default !== undefined) return spec.default;
    throw inputError(said('core.notebook.analysis.needs_value', { name: spec.name }), spec.doc);
  }
  const bad = (what: Said) => inputError(said('core.notebook.analysis.bad_value', { name: spec.name, value: String(value), what }), spec.doc);
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
      if (!Number.isFinite(n) || (spec.kind === 'integer' && !Number.isInteger(n))) throw bad(said(spec.kind === 'integer' ? 'core.notebook.analysis.a_whole_number' : 'core.notebook.analysis.a_number'));
      return n;
    }
    case 'date': {
      const s = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) throw bad(said('core.notebook.analysis.a_date'));
      return s;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).toLowerCase();
      if (['true', 'yes', '1'].includes(s)) return true;
      if (['false', 'no', '0'].includes(s)) return false;
      throw bad(said('core.notebook.analysis.a_boolean'));
    }
    case 'enum': {
      const s = String(value);
      if (!spec.options?.includes(s)) throw bad(said('core.notebook.analysis.one_of', { options: spec.options?.join(', ') ?? '' }));
      return s;
    }
    case 'relation': {
      const s = String(value);
      if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(s)) throw bad(said('core.notebook.analysis.a_relation'));
      return s;
    }
    default:
      return String(value);
  }
}

export function analysisParams(call: AnalysisCall, ctx: Pick<ExecContext, 'param'>): ParamValues {
  const out: ParamValues = {};
  for (const spec of call.def.params) {
    const text = call.raw[spec.name];
    if (text === undefined) {
      if (spec.default === undefined) throw inputError(said('core.notebook.analysis.missing', { name: spec.name }), `${spec.label}: ${spec.doc}`);
      out[spec.name] = spec.default;
    } else out[spec.name] = coerce(spec, text, ctx);
  }
  return out;
}

/** Relations the analysis reads: its relation parameters (as written, before `$` resolution). */
export async function analysisReads(ctx: ExecContext, source: string): Promise<string[]> {
  const call = parseAnalysisBody(source);
  const reads = call.def.params
    .filter((p) => p.kind === 'relation')
    .map((p) => call.raw[p.name] ?? (typeof p.default === 'string' ? p.default : ''))
    .filter((r) => r && !r.startsWith('$'));
  if (call.def.sql) {
    try {
      // The library's SQL reads its relation parameters and nothing else: words of it that happen to be
      // a cell's name (a column alias) must not become dependencies, so no guessing from the text.
      for (const r of await sqlReads(ctx, call.def.sql(analysisParams(call, ctx)), false)) if (!reads.includes(r)) reads.push(r);
    } catch {
      /* parameters not yet valid: the run will say so */
    }
  }
  return reads;
}

export async function runAnalysis(ctx: ExecContext, source: string, name: string): Promise<Omit<CellResult, 'elapsedMs' | 'finishedAt'>> {
  const call = parseAnalysisBody(source);
  const params = analysisParams(call, ctx);
  if (call.def.sql) {
    const sql = call.def.sql(params);
    return { ...(await runSqlText(ctx, sql, name)), generatedSql: sql };
  }
  if (!call.def.compute) throw inputError(said('core.notebook.analysis.cannot_run', { analysis: call.def.id }), said('core.notebook.analysis.cannot_run_hint'));
  const rows = await call.def.compute(params, {
    rows: async (sql) => plainObjects(await ctx.engine.query(sql)).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v])),
    ),
  });
  // recordsToTable builds Arrow without `new Function` (apache-arrow's tableFromJSON compiles code,
  // which the page's Content Security Policy forbids).
  return keepTable(ctx, recordsToTable(rows, said('core.notebook.records.rows_of', { analysis: call.def.id })), name);
}
