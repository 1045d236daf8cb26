/**
 * Pushing a view's aggregation down to DuckDB. When a view aggregates (`aggregate: sum`…), every
 * field it does not aggregate is a group, exactly as in Vega-Lite; so the same groups and measures can
 * be computed in SQL, and the view then draws the few resulting rows with plain fields instead. This
 * module decides whether a view can be pushed down (and why not), and writes the SQL and the new
 * encoding. Every operation here gives what Vega's own would (see the notes on each).
 */
import type { ValueKind } from '../engine/values';
import { ident } from '../analytics/sql';
import { binStartSql, defaultMaxBins, type BinParams, type Bins } from './bins';
import { baseTimeUnit, channelDefs, setChannelDef, type ChannelDef } from './encoding';
import { isObject, type JsonObject } from './json';
import { predicateSql } from './predicates';
import { timeUnitSql } from './time-units';
import type { UnitView } from './views';
import { said, type Said } from '../i18n/said';

const NUMERIC: readonly ValueKind[] = ['integer', 'number'];
const dbl = (col: string) => `CAST(${col} AS DOUBLE)`;

/** SQL of each Vega aggregate op over a quoted column of a given kind; null when it would differ. */
function aggregateSql(op: string, col: string | null, kind: ValueKind | null): string | null {
  if (op === 'count') return 'count(*)';
  if (col === null || kind === null) return null;
  const text = kind === 'string';
  const numeric = NUMERIC.includes(kind);
  // Vega counts '' as missing, like null.
  const isValid = text ? `${col} IS NOT NULL AND ${col} <> ''` : `${col} IS NOT NULL`;
  switch (op) {
    case 'valid':
      return `count(*) FILTER (WHERE ${isValid})`;
    case 'missing':
      return `count(*) FILTER (WHERE NOT (${isValid}))`;
    case 'distinct':
      // Vega's distinct counts null as one more value.
      return `count(DISTINCT ${col}) + CASE WHEN count(*) > count(${col}) THEN 1 ELSE 0 END`;
    case 'min':
    case 'max':
      // Text compares differently in JavaScript (UTF-16) and DuckDB (bytes): numbers and dates only.
      return numeric || kind === 'date' || kind === 'timestamp' ? `${op}(${col})` : null;
  }
  if (!numeric) return null;
  const x = dbl(col);
  // Vega returns undefined (no value) when a group has no valid number; SQL's NULL says the same.
  const ops: Record<string, string> = {
    sum: `sum(${x})`,
    mean: `avg(${x})`,
    average: `avg(${x})`,
    // Vega's quartiles interpolate linearly between ranks (d3.quantile), as quantile_cont does.
    median: `quantile_cont(${x}, 0.5)`,
    q1: `quantile_cont(${x}, 0.25)`,
    q3: `quantile_cont(${x}, 0.75)`,
    variance: `var_samp(${x})`,
    variancep: `var_pop(${x})`,
    stdev: `stddev_samp(${x})`,
    stdevp: `stddev_pop(${x})`,
    stderr: `stddev_samp(${x}) / sqrt(count(${x}))`,
    product: `product(${x})`,
  };
  return ops[op] ?? null;
}

/** Ops whose per-group results add up: re-sorting a category by them sums them. */
const SUMMABLE = ['count', 'sum', 'valid', 'missing', 'distinct'];

/** Transforms that summarise many rows: on a sample their result would be wrong, not just thinner. */
const SUMMARISING = ['aggregate', 'joinaggregate', 'window', 'density', 'regression', 'loess', 'quantile', 'pivot', 'impute', 'stack', 'extent'];

const COMPOSITE_MARKS = ['boxplot', 'errorbar', 'errorband'];

interface GroupUse {
  role: 'group';
  ref: ChannelDef;
}
interface MeasureUse {
  role: 'measure';
  ref: ChannelDef;
  op: string;
  alias: string;
}
interface BinUse {
  role: 'bin';
  ref: ChannelDef;
  field: string;
  params: BinParams;
  alias0: string;
  alias1: string;
}
/** A tooltip (or other non-positional channel) binning the same field as x or y: it shows the bin's range. */
interface BinLabelUse {
  role: 'bin-label';
  ref: ChannelDef;
  field: string;
  bin: unknown;
  alias: string;
}
type Use = GroupUse | MeasureUse | BinUse | BinLabelUse;

export interface AggregatePlan {
  /** SQL condition from the view's filters (null: none). */
  where: string | null;
  /** Grouping expressions with their output names (a field's own name). */
  groups: { sql: string; alias: string }[];
  measures: { sql: string; alias: string }[];
  /** Binned fields: their extent must be read before the SQL can be written. */
  bins: BinUse[];
  /** Bins shown as "from – to" text (in tooltips): by the alias0 of the bin they show. */
  binLabels: Map<string, string>;
  uses: Use[];
  /** Sorts that referred to an aggregate: rewritten once the measures have names. */
  sorts: { ref: ChannelDef; sort: JsonObject }[];
}

/** A refusal's reason is said (i18n/said.ts): shown in the reader's language. */
export type ViewAnalysis = { kind: 'rows' } | { kind: 'refuse'; reason: Said } | { kind: 'aggregate'; plan: AggregatePlan };

function aggregates(view: UnitView): boolean {
  return channelDefs(view.encoding).some((c) => c.def.aggregate !== undefined);
}

/** Fields the view's encoding reads, for checking them against the relation's columns. */
export function encodedFields(view: UnitView): string[] {
  const out = new Set<string>();
  for (const { def } of channelDefs(view.encoding)) if (typeof def.field === 'string') out.add(def.field);
  return [...out];
}

/** Whether the view's encoding can be checked against the relation's columns (no transform makes fields). */
export function readsColumnsDirectly(view: UnitView): boolean {
  return !view.opaque && view.transforms.every((t) => isObject(t) && 'filter' in t);
}

/** Vega-Lite's own default title of an aggregate ("Sum of amount", "Count of Records"). */
function aggregateTitle(op: string, field: string | null): string {
  if (op === 'count') return 'Count of Records';
  const name = { mean: 'Mean', average: 'Average', q1: 'Q1', q3: 'Q3', stdev: 'Stdev', stdevp: 'Stdevp', variancep: 'Variancep' }[op] ?? op[0]!.toUpperCase() + op.slice(1);
  return `${name} of ${field}`;
}

/**
 * How a view can be drawn from a large relation: its rows (a sample will do: nothing is summed),
 * an aggregate computed in SQL, or not at all (with the reason, in words a user can act on).
 */
export function analyseView(view: UnitView, kinds: ReadonlyMap<string, ValueKind>): ViewAnalysis {
  const refuse = (reason: Said): ViewAnalysis => ({ kind: 'refuse', reason });
  const summarising = view.transforms.find((t) => isObject(t) && SUMMARISING.some((k) => k in t));
  const encodesAggregate = !view.opaque && aggregates(view);
  if (view.opaque) {
    const text = JSON.stringify(view.node);
    return /"aggregate"|"boxplot"|"errorbar"|"errorband"/.test(text) || summarising
      ? refuse(said('core.charts.refuse.facet'))
      : { kind: 'rows' };
  }
  if (summarising) return refuse(said('core.charts.refuse.transform', { transform: Object.keys(summarising as JsonObject)[0]! }));
  if (view.mark && COMPOSITE_MARKS.includes(view.mark)) {
    const ranged = 'x2' in view.encoding || 'y2' in view.encoding;
    return ranged && !encodesAggregate ? { kind: 'rows' } : refuse(said('core.charts.refuse.composite', { mark: view.mark }));
  }
  if (!encodesAggregate) return { kind: 'rows' };

  const where: string[] = [];
  for (const t of view.transforms) {
    const sql = isObject(t) && 'filter' in t ? predicateSql(t.filter, kinds) : null;
    if (sql === null) return refuse(said('core.charts.refuse.transforms'));
    where.push(sql);
  }

  const uses: Use[] = [];
  const groups = new Map<string, { sql: string; alias: string; unit: string | null }>();
  const measures = new Map<string, { sql: string; alias: string }>();
  const taken = new Set<string>();
  const measureAlias = (op: string, field: string | null, sql: string): string => {
    const found = measures.get(sql);
    if (found) return found.alias;
    let alias = op === 'count' ? '__count' : `${op}_${field}`;
    while (taken.has(alias)) alias = `_${alias}`;
    taken.add(alias);
    measures.set(sql, { sql, alias });
    return alias;
  };
  const sorts: AggregatePlan['sorts'] = [];
  // A measure's name must not be a field the result keeps under its own name.
  for (const { def } of channelDefs(view.encoding)) if (def.aggregate === undefined && typeof def.field === 'string') taken.add(def.field);

  for (const ref of channelDefs(view.encoding)) {
    const { def, channel } = ref;
    if ('condition' in def) return refuse(said('core.charts.refuse.condition', { channel }));
    const field = typeof def.field === 'string' ? def.field : null;
    if (def.field !== undefined && field === null) return refuse(said('core.charts.refuse.field_not_name', { channel }));
    if (field !== null && !kinds.has(field)) return refuse(said('core.charts.refuse.not_column', { field }));
    const kind = field === null ? null : kinds.get(field)!;

    if (def.aggregate !== undefined) {
      if (typeof def.aggregate !== 'string') return refuse(said('core.charts.refuse.argmin', { channel }));
      const sql = aggregateSql(def.aggregate, field === null ? null : ident(field), kind);
      if (sql === null) return refuse(said('core.charts.refuse.aggregate', { aggregate: def.aggregate, field: field ?? said('core.charts.refuse.nothing'), kind: kind ?? said('core.charts.refuse.no_field') }));
      uses.push({ role: 'measure', ref, op: def.aggregate, alias: measureAlias(def.aggregate, field, sql) });
      continue;
    }
    if (field === null) continue; // a value or datum: nothing to compute
    const bin = def.bin;
    if (bin !== undefined && bin !== false && bin !== null && bin !== 'binned' && !(isObject(bin) && bin.binned === true)) {
      if (channel !== 'x' && channel !== 'y') {
        // Checked once every channel is read: it must bin as x or y does, and then shows that bin.
        uses.push({ role: 'bin-label', ref, field, bin, alias: `${field}__range` });
        continue;
      }
      if (`${channel}2` in view.encoding) return refuse(said('core.charts.refuse.binned_twice', { channel }));
      if (!NUMERIC.includes(kind!)) return refuse(said('core.charts.refuse.bins_not_number', { channel, field: field ?? '' }));
      const params = { maxbins: defaultMaxBins(channel), ...(isObject(bin) ? (bin as BinParams) : {}) };
      const extent: unknown = params.extent;
      if (extent !== undefined && !(Array.isArray(extent) && extent.length === 2 && extent.every((x) => typeof x === 'number'))) {
        return refuse(said('core.charts.refuse.bins_selection', { channel }));
      }
      const alias0 = `${field}__bin0`;
      const alias1 = `${field}__bin1`;
      taken.add(alias0).add(alias1);
      uses.push({ role: 'bin', ref, field, params, alias0, alias1 });
      continue;
    }
    const unit = baseTimeUnit(def);
    const sql = unit === null ? ident(field) : timeUnitSql(unit, ident(field));
    if (sql === null) return refuse(said('core.charts.refuse.time_unit', { unit: String(unit) }));
    if (unit !== null && kind !== 'date' && kind !== 'timestamp') return refuse(said('core.charts.refuse.time_unit_not_date', { channel, field: field ?? '' }));
    const prev = groups.get(field);
    if (prev && prev.unit !== unit) return refuse(said('core.charts.refuse.groups_twice', { field: field ?? '' }));
    groups.set(field, { sql, alias: field, unit });
    taken.add(field);
    uses.push({ role: 'group', ref });
  }

  // Sorting a category by an aggregate: by a channel ("-x") or by an op over a field.
  for (const ref of channelDefs(view.encoding)) {
    const sort = ref.def.sort;
    const byChannel = typeof sort === 'string' ? sort.replace(/^-/, '') : isObject(sort) && typeof sort.encoding === 'string' ? sort.encoding : null;
    const order = (typeof sort === 'string' && sort.startsWith('-')) || (isObject(sort) && sort.order === 'descending') ? 'descending' : 'ascending';
    if (byChannel && !['ascending', 'descending'].includes(String(sort))) {
      const target = uses.find((u) => u.role === 'measure' && u.ref.channel === byChannel && u.ref.index === null) as MeasureUse | undefined;
      if (target) sorts.push({ ref, sort: { field: target.alias, op: SUMMABLE.includes(target.op) ? 'sum' : target.op === 'min' || target.op === 'max' ? target.op : 'mean', order } });
    } else if (isObject(sort) && typeof sort.op === 'string') {
      const f = typeof sort.field === 'string' ? sort.field : null;
      if (f !== null && !kinds.has(f)) return refuse(said('core.charts.refuse.sort_not_column', { field: f }));
      const sql = aggregateSql(sort.op, f === null ? null : ident(f), f === null ? null : kinds.get(f)!);
      if (sql === null) return refuse(said('core.charts.refuse.sort_op', { op: String(sort.op) }));
      const alias = measureAlias(sort.op, f, sql);
      sorts.push({ ref, sort: { field: alias, op: SUMMABLE.includes(sort.op) ? 'sum' : sort.op === 'min' || sort.op === 'max' ? sort.op : 'mean', order } });
    }
  }

  const binUses = uses.filter((u): u is BinUse => u.role === 'bin');
  const binLabels = new Map<string, string>();
  for (const u of uses) {
    if (u.role !== 'bin-label') continue;
    const shown = binUses.find((b) => b.field === u.field && JSON.stringify(b.ref.def.bin) === JSON.stringify(u.bin));
    if (!shown) return refuse(said('core.charts.refuse.bins_other', { channel: u.ref.channel, field: u.field }));
    if (taken.has(u.alias) && !binLabels.has(shown.alias0)) return refuse(said('core.charts.refuse.alias_taken', { name: u.alias }));
    taken.add(u.alias);
    binLabels.set(shown.alias0, u.alias);
  }

  return {
    kind: 'aggregate',
    plan: {
      where: where.length ? where.join(' AND ') : null,
      groups: [...groups.values()].map(({ sql, alias }) => ({ sql, alias })),
      measures: [...measures.values()],
      bins: binUses,
      binLabels,
      uses,
      sorts,
    },
  };
}

/** The query computing a plan over `relation`, given the bins chosen for its binned fields. */
export function aggregateQuery(relation: string, plan: AggregatePlan, bins: ReadonlyMap<string, Bins>): string {
  const select: string[] = [];
  // Positions, not names: GROUP BY "d" would mean the column d, not the month computed from it.
  const keys: number[] = [];
  const where = plan.where ? [plan.where] : [];
  for (const g of plan.groups) {
    select.push(`${g.sql} AS ${ident(g.alias)}`);
    keys.push(select.length);
  }
  for (const b of plan.bins) {
    const bin = bins.get(b.alias0)!;
    const col = ident(b.field);
    const start = binStartSql(col, bin);
    select.push(`${start} AS ${ident(b.alias0)}`, `${start} + CAST(${bin.step} AS DOUBLE) AS ${ident(b.alias1)}`);
    keys.push(select.length - 1, select.length);
    const label = plan.binLabels.get(b.alias0);
    if (label) {
      // A function of the bin's start, so grouping by it too changes no group.
      const end = `${start} + CAST(${bin.step} AS DOUBLE)`;
      select.push(`printf('%.10g', ${start}) || ' – ' || printf('%.10g', ${end}) AS ${ident(label)}`);
      keys.push(select.length);
    }
    // Vega leaves a missing value out of every bin (and Vega-Lite then drops it from the chart).
    where.push(`${col} IS NOT NULL`);
  }
  for (const m of plan.measures) select.push(`${m.sql} AS ${ident(m.alias)}`);
  return [
    `SELECT ${select.join(', ')}`,
    `FROM ${relation}`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    keys.length ? `GROUP BY ${keys.join(', ')}` : '',
    keys.length ? `ORDER BY ${keys.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Marks Vega-Lite makes translucent (0.7) when they are not aggregated, to show overlaps. */
const TRANSLUCENT_UNLESS_AGGREGATED = ['point', 'tick', 'circle', 'square'];

/**
 * The mark as it was drawn when aggregated: once its fields are plain, Vega-Lite would lower the
 * opacity of points and ticks, unless the spec or its config chose one.
 */
export function rewriteMark(view: UnitView, config: unknown): unknown {
  const mark = view.node.mark;
  if (!view.mark || !TRANSLUCENT_UNLESS_AGGREGATED.includes(view.mark)) return mark;
  const def = isObject(mark) ? mark : { type: view.mark };
  const configured = (key: string) => isObject(config) && [config.mark, config[view.mark!]].some((c) => isObject(c) && c[key] !== undefined);
  if (def.opacity !== undefined || def.fillOpacity !== undefined || configured('opacity') || configured('fillOpacity')) return mark;
  return { ...def, opacity: 1 };
}

/** The view's encoding drawing the plan's result: measures and bins become plain fields. */
export function rewriteEncoding(view: UnitView, plan: AggregatePlan, bins: ReadonlyMap<string, Bins>): JsonObject {
  const encoding = structuredClone(view.encoding);
  for (const use of plan.uses) {
    const { def, channel } = use.ref;
    if (use.role === 'measure') {
      const { aggregate, field, ...rest } = def;
      const next: JsonObject = {
        ...rest,
        field: use.alias,
        type: def.type ?? 'quantitative',
        title: def.title !== undefined ? def.title : aggregateTitle(String(aggregate), typeof field === 'string' ? field : null),
      };
      setChannelDef(encoding, use.ref, next);
    } else if (use.role === 'bin') {
      const { bin: _bin, field, ...rest } = def;
      const step = bins.get(use.alias0)!.step;
      setChannelDef(encoding, use.ref, {
        ...rest,
        field: use.alias0,
        bin: { binned: true, step },
        type: 'quantitative',
        title: def.title !== undefined ? def.title : `${String(field)} (binned)`,
      });
      encoding[`${channel}2`] = { field: use.alias1 };
    } else if (use.role === 'bin-label') {
      // The range as text: a number format would not apply to it.
      const { bin: _bin, field, format: _format, formatType: _formatType, ...rest } = def;
      setChannelDef(encoding, use.ref, { ...rest, field: use.alias, type: 'nominal', title: def.title !== undefined ? def.title : String(field) });
    }
  }
  for (const { ref, sort } of plan.sorts) {
    const def = (ref.index === null ? encoding[ref.channel] : (encoding[ref.channel] as unknown[])[ref.index]) as JsonObject;
    setChannelDef(encoding, ref, { ...def, sort });
  }
  return encoding;
}
