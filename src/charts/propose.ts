/**
 * The quick chart: from a result's columns, a first chart that makes sense, and the few choices a user
 * can change (mark, x, y, colour, aggregate), turned into a Vega-Lite spec they can then edit by hand.
 *
 * A category and a measure give bars, the category along x and the measure summed (averaged when it is
 * a rate or a score) up y; a date and a measure a line over time in a unit that suits the span; two
 * measures a scatter plot; a lone measure a histogram; a lone category or date counts of rows. The
 * chart takes the width of its cell (`width: "container"`), category labels lie flat when they fit
 * and stand up when they do not, and axes say what they show: "Sum of amount", "Number of rows".
 */
import type { Engine } from '../engine/types';
import type { Column } from '../engine/values';
import { ident } from '../analytics/sql';
import type { JsonObject } from './json';
import { VEGA_LITE_SCHEMA } from './source';
import { categoryLayout, type CategoryLayout } from './encoding';
import { i18nFor, type I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/catalogue';

let englishT: I18n['t'] | null = null;
const EN = (): I18n['t'] => (englishT ??= i18nFor('en').t);

export const MARKS = ['bar', 'line', 'area', 'point', 'tick'] as const;
export type ChartMark = (typeof MARKS)[number];
export const AGGREGATES = ['none', 'sum', 'mean', 'median', 'min', 'max', 'count'] as const;
export type ChartAggregate = (typeof AGGREGATES)[number];

export interface ChartChoice {
  mark: ChartMark;
  x: string | null;
  y: string | null;
  color: string | null;
  /** Applied to the number being measured; `count` counts rows (and needs no y). */
  aggregate: ChartAggregate;
}

/** What a column can be on a chart. */
export type FieldRole = 'time' | 'year' | 'number' | 'category' | 'identifier' | 'unusable';

export interface ColumnStats {
  /** Distinct values per column (estimated, on the first rows). */
  distinct: Record<string, number>;
  /** Text columns: the longest value, in characters. */
  longest?: Record<string, number>;
  /** Date and timestamp columns: days from the earliest to the latest value. */
  spanDays?: Record<string, number>;
}

const ID_NAME = /(^|_)(id|uuid|code|key)$/i;
const YEAR_NAME = /^(year|yr|annee|année)$|_year$/i;
const WHOLE_SQL_TYPE = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|INT(2|4|8|16|32|64|128))\b/i;
/** Measures that are rates, shares or scores: their sum means nothing, their average does. */
const MEAN_NAME = /(score|rate|ratio|pct|percent|share|margin|avg|average|mean|probability|prob|nps|retention|_p)$|^(avg|mean|pct|share)_/i;
/** A colour legend stops being readable (and colour-blind safe) beyond the palette's 8 colours. */
const MAX_COLOURS = 8;
/** Bars stand along x up to this many categories; past it they lie down, one readable row each. */
export const MAX_COLUMNS = 12;
/** More years than this are a number line (labels thinned by Vega), not a label per year. */
const MAX_YEAR_LABELS = 12;

export function fieldRole(column: Column, stats?: ColumnStats): FieldRole {
  switch (column.kind) {
    case 'date':
    case 'timestamp':
      return 'time';
    case 'integer':
    case 'number':
      if (ID_NAME.test(column.name)) return 'identifier';
      // BIGINT reaches JavaScript as a double: DuckDB's own type name says whether it is whole.
      if ((column.kind === 'integer' || WHOLE_SQL_TYPE.test(column.sqlType)) && YEAR_NAME.test(column.name)) return 'year';
      return 'number';
    case 'string':
    case 'boolean': {
      const distinct = stats?.distinct[column.name];
      if (ID_NAME.test(column.name) && (distinct === undefined || distinct > MAX_COLOURS * 4)) return 'identifier';
      return 'category';
    }
    default:
      return 'unusable';
  }
}

/** The aggregate that suits a measure: the average of rates and scores, else the sum. */
export function measureAggregate(name: string): 'sum' | 'mean' {
  return MEAN_NAME.test(name) ? 'mean' : 'sum';
}

/** The first chart to show for a result. */
export function proposeChart(columns: readonly Column[], stats?: ColumnStats): ChartChoice {
  const of = (role: FieldRole) => columns.filter((c) => fieldRole(c, stats) === role).map((c) => c.name);
  const times = of('time');
  const years = of('year');
  const numbers = of('number');
  const categories = of('category');
  const fewValues = categories.filter((c) => (stats?.distinct[c] ?? Infinity) <= MAX_COLOURS);
  const colour = fewValues[0] ?? null;
  if ((times.length || years.length) && numbers.length) {
    return { mark: 'line', x: times[0] ?? years[0]!, y: numbers[0]!, color: colour, aggregate: measureAggregate(numbers[0]!) };
  }
  if (categories.length && numbers.length) {
    // The category with the fewest values reads best along x; a second small one colours the bars.
    const x = [...categories].sort((a, b) => (stats?.distinct[a] ?? Infinity) - (stats?.distinct[b] ?? Infinity))[0]!;
    const many = (stats?.distinct[x] ?? Infinity) > MAX_COLUMNS;
    const y = numbers[0]!;
    const color = fewValues.find((c) => c !== x) ?? null;
    const aggregate = measureAggregate(y);
    // Too many categories to stand side by side: they lie down, a row each.
    return many ? { mark: 'bar', x: y, y: x, color, aggregate } : { mark: 'bar', x, y, color, aggregate };
  }
  if (numbers.length >= 2) return { mark: 'point', x: numbers[0]!, y: numbers[1]!, color: colour, aggregate: 'none' };
  if (numbers.length === 1) return { mark: 'bar', x: numbers[0]!, y: null, color: null, aggregate: 'count' };
  if (times.length || years.length) return { mark: 'bar', x: times[0] ?? years[0]!, y: null, color: colour, aggregate: 'count' };
  if (categories.length) {
    const c = categories[0]!;
    return (stats?.distinct[c] ?? Infinity) > MAX_COLUMNS
      ? { mark: 'bar', x: null, y: c, color: null, aggregate: 'count' }
      : { mark: 'bar', x: c, y: null, color: null, aggregate: 'count' };
  }
  return { mark: 'bar', x: null, y: null, color: null, aggregate: 'count' };
}

/** "won_deals" → "Won deals" (for menus; axes keep the column's own name). */
export function humanize(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The aggregate in words, as axis titles read: "Sum of amount". */
export const AGGREGATE_WORDS: Record<Exclude<ChartAggregate, 'none' | 'count'>, string> = {
  sum: 'Sum',
  mean: 'Average',
  median: 'Median',
  min: 'Minimum',
  max: 'Maximum',
};

const MEASURE_TITLES = {
  sum: 'core.charts.title.sum',
  mean: 'core.charts.title.mean',
  median: 'core.charts.title.median',
  min: 'core.charts.title.min',
  max: 'core.charts.title.max',
} as const satisfies Record<keyof typeof AGGREGATE_WORDS, MessageKey>;

/** The axis title of a measure, in the language of `t` (English by default). */
export function measureTitle(aggregate: ChartAggregate, field: string | null, t: I18n['t'] = EN()): string {
  if (aggregate === 'count' || field === null) return t('core.charts.title.count');
  if (aggregate === 'none') return field;
  return t(MEASURE_TITLES[aggregate], { field });
}

const UNIT_TITLES: Record<string, MessageKey> = { year: 'core.charts.title.by_year', month: 'core.charts.title.by_month', day: 'core.charts.title.by_day' };

/** The time unit that suits a span of days, for grouping (a point per day, month or year). */
export function timeUnitFor(spanDays: number | undefined): { unit: string; words: string } {
  if (spanDays === undefined || spanDays > 8 * 366) return { unit: 'year', words: 'year' };
  if (spanDays > 60) return { unit: 'yearmonth', words: 'month' };
  return { unit: 'yearmonthdate', words: 'day' };
}

function typeOf(role: FieldRole, distinct: number | undefined): string {
  if (role === 'time') return 'temporal';
  if (role === 'number') return 'quantitative';
  if (role === 'year') return (distinct ?? Infinity) <= MAX_YEAR_LABELS ? 'ordinal' : 'quantitative';
  return 'nominal';
}

/** The Vega-Lite spec of a choice over the named relation. */
/** Axis and chart titles are in the language of `t` (the interface's; English by default). */
export function choiceSpec(choice: ChartChoice, columns: readonly Column[], dataName: string, stats?: ColumnStats, t: I18n['t'] = EN()): JsonObject {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const role = (name: string | null): FieldRole | null => (name === null ? null : byName.has(name) ? fieldRole(byName.get(name)!, stats) : null);
  const counting = choice.aggregate === 'count';
  const aggregating = choice.aggregate !== 'none';
  // The measured channel: the empty one when counting; else the numeric one (y when both are).
  let measure: 'x' | 'y' | null = null;
  if (counting) measure = choice.y === null ? 'y' : choice.x === null ? 'x' : 'y';
  else if (aggregating) measure = role(choice.y) === 'number' ? 'y' : role(choice.x) === 'number' ? 'x' : null;

  const encoding: JsonObject = {};
  const titles: Record<'x' | 'y', string> = { x: '', y: '' };
  let layout: CategoryLayout | null = null;
  for (const ch of ['x', 'y'] as const) {
    const field = choice[ch];
    if (ch === measure) {
      const title = measureTitle(choice.aggregate, field, t);
      encoding[ch] = counting ? { aggregate: 'count', type: 'quantitative', title } : { field, aggregate: choice.aggregate, type: 'quantitative', title };
      titles[ch] = title;
      continue;
    }
    if (field === null) continue;
    const r = role(field)!;
    const distinct = stats?.distinct[field];
    const type = typeOf(r, distinct);
    const def: JsonObject = { field, type, title: field };
    // Grouping by a number means grouping by ranges of it; by a date, by a unit that suits its span.
    if (aggregating && r === 'number') {
      def.bin = true;
      def.title = t('core.charts.title.ranges', { field });
    }
    if (r === 'time' && (choice.mark === 'bar' || aggregating)) {
      const unit = timeUnitFor(stats?.spanDays?.[field]);
      def.timeUnit = unit.unit;
      def.title = t(UNIT_TITLES[unit.words] ?? 'core.charts.title.by_day', { field });
    }
    if (r === 'year' && type === 'quantitative') def.axis = { format: 'd', tickMinStep: 1 };
    if (type === 'nominal' || type === 'ordinal') {
      const l = categoryLayout(ch, distinct, r === 'year' ? 4 : stats?.longest?.[field]);
      if (ch === 'y' || !layout) layout = l;
      def.axis = { ...l.axis };
    }
    const other = ch === 'x' ? 'y' : 'x';
    if (choice.mark === 'bar' && type === 'nominal' && measure === other) def.sort = `-${other}`;
    titles[ch] = String(def.title);
    encoding[ch] = def;
  }
  if (choice.color !== null) {
    const r = role(choice.color) ?? 'category';
    // Under the plot, the legend leaves a narrow cell's whole width to the plot.
    encoding.color = { field: choice.color, type: typeOf(r, stats?.distinct[choice.color]), title: choice.color, legend: { orient: 'bottom', direction: 'horizontal' } };
  }
  const title =
    titles.y && titles.x
      ? measure === 'x'
        ? t('core.charts.title.by', { measure: titles.x, by: titles.y })
        : t('core.charts.title.by', { measure: titles.y, by: titles.x })
      : titles.x || titles.y || dataName;
  // Categories down y get a row each; everything else takes a fixed height.
  const categoriesDown = encoding.y && ['nominal', 'ordinal'].includes(String((encoding.y as JsonObject).type));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: { name: dataName },
    width: 'container',
    height: categoriesDown ? { step: (layout as CategoryLayout | null)?.step ?? 20 } : 280,
    mark: { type: choice.mark, tooltip: true, ...(choice.mark === 'line' ? { point: false } : {}) },
    encoding,
  };
}

/**
 * Distinct values per column, the longest text and the span of dates, estimated on the first 100,000
 * rows (enough to tell 5 from 5,000, or months from years).
 */
export async function columnStats(engine: Engine, relation: string, columns: readonly Column[]): Promise<ColumnStats> {
  const usable = columns.filter((c) => !['list', 'struct', 'other'].includes(c.kind));
  if (usable.length === 0) return { distinct: {}, longest: {}, spanDays: {} };
  const parts = usable.flatMap((c, k) => {
    const q = ident(c.name);
    const out = [`approx_count_distinct(${q}) AS d${k}`];
    if (c.kind === 'string') out.push(`max(length(${q})) AS l${k}`);
    if (c.kind === 'boolean') out.push(`5 AS l${k}`);
    if (c.kind === 'date' || c.kind === 'timestamp') out.push(`date_diff('day', CAST(min(${q}) AS DATE), CAST(max(${q}) AS DATE)) AS s${k}`);
    return out;
  });
  const row = (await engine.query(`SELECT ${parts.join(', ')} FROM (SELECT * FROM ${relation} LIMIT 100000)`)).get(0)!;
  const pick = (prefix: string) =>
    Object.fromEntries(usable.flatMap((c, k) => (row[`${prefix}${k}`] === undefined || row[`${prefix}${k}`] === null ? [] : [[c.name, Number(row[`${prefix}${k}`])]])));
  return { distinct: pick('d'), longest: pick('l'), spanDays: pick('s') };
}
