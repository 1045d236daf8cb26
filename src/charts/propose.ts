/**
 * The quick chart: from a result's columns, a first chart that makes sense, and the few choices a user
 * can change (mark, x, y, colour, aggregate), turned into a Vega-Lite spec they can then edit by hand.
 * Time on x gives a line, a category and a number give bars, two numbers a scatter plot; a lone number
 * a histogram, a lone category or date counts.
 */
import type { Engine } from '../engine/types';
import type { Column } from '../engine/values';
import { ident } from '../analytics/sql';
import type { JsonObject } from './json';
import { VEGA_LITE_SCHEMA } from './source';

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
}

const ID_NAME = /(^|_)(id|uuid|code|key)$/i;
const YEAR_NAME = /^(year|yr|annee|année)$|_year$/i;
const WHOLE_SQL_TYPE = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|INT(2|4|8|16|32|64|128))\b/i;
/** A colour legend stops being readable (and colour-blind safe) beyond the palette's 8 colours. */
const MAX_COLOURS = 8;
/** More distinct days than this are grouped by month: a bar or point per day is noise. */
const MAX_DAYS = 60;

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
    return { mark: 'line', x: times[0] ?? years[0]!, y: numbers[0]!, color: colour, aggregate: 'sum' };
  }
  if (categories.length && numbers.length) {
    // Bars lie down, so long category names stay readable; colour only when a second category is small.
    return { mark: 'bar', x: numbers[0]!, y: categories[0]!, color: fewValues.find((c) => c !== categories[0]) ?? null, aggregate: 'sum' };
  }
  if (numbers.length >= 2) return { mark: 'point', x: numbers[0]!, y: numbers[1]!, color: colour, aggregate: 'none' };
  if (numbers.length === 1) return { mark: 'bar', x: numbers[0]!, y: null, color: null, aggregate: 'count' };
  if (times.length || years.length) return { mark: 'bar', x: times[0] ?? years[0]!, y: null, color: colour, aggregate: 'count' };
  if (categories.length) return { mark: 'bar', x: null, y: categories[0]!, color: null, aggregate: 'count' };
  return { mark: 'bar', x: null, y: null, color: null, aggregate: 'count' };
}

/** "won_deals" → "Won deals". */
export function humanize(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const AGGREGATE_LABEL: Record<Exclude<ChartAggregate, 'none' | 'count'>, string> = {
  sum: 'Total',
  mean: 'Average',
  median: 'Median',
  min: 'Lowest',
  max: 'Highest',
};

function typeOf(role: FieldRole): string {
  return role === 'time' ? 'temporal' : role === 'number' ? 'quantitative' : role === 'year' ? 'ordinal' : 'nominal';
}

/** The Vega-Lite spec of a choice over the named relation. */
export function choiceSpec(choice: ChartChoice, columns: readonly Column[], dataName: string, stats?: ColumnStats): JsonObject {
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
  for (const ch of ['x', 'y'] as const) {
    const field = choice[ch];
    if (ch === measure) {
      if (counting) {
        encoding[ch] = { aggregate: 'count', type: 'quantitative', title: 'Rows' };
        titles[ch] = 'Rows';
      } else {
        const title = `${AGGREGATE_LABEL[choice.aggregate as keyof typeof AGGREGATE_LABEL]} ${humanize(field!).toLowerCase()}`;
        encoding[ch] = { field, aggregate: choice.aggregate, type: 'quantitative', title };
        titles[ch] = title;
      }
      continue;
    }
    if (field === null) continue;
    const r = role(field)!;
    const def: JsonObject = { field, type: typeOf(r), title: humanize(field) };
    // Categories and years along x read level, not turned on their side.
    if (ch === 'x' && (r === 'year' || r === 'category' || r === 'identifier')) def.axis = { labelAngle: 0 };
    titles[ch] = humanize(field);
    // Grouping by a number means grouping by ranges of it; by a date with many days, by month.
    if (aggregating && r === 'number') def.bin = true;
    if (r === 'time' && (choice.mark === 'bar' || aggregating) && (stats?.distinct[field] ?? Infinity) > MAX_DAYS) def.timeUnit = 'yearmonth';
    const other = ch === 'x' ? 'y' : 'x';
    if (choice.mark === 'bar' && r !== 'time' && r !== 'year' && r !== 'number' && measure === other) def.sort = `-${other}`;
    encoding[ch] = def;
  }
  if (choice.color !== null) {
    const r = role(choice.color) ?? 'category';
    encoding.color = { field: choice.color, type: typeOf(r), title: humanize(choice.color) };
  }
  const title = titles.y && titles.x ? (measure === 'x' ? `${titles.x} by ${titles.y.toLowerCase()}` : `${titles.y} by ${titles.x.toLowerCase()}`) : titles.x || titles.y || humanize(dataName);
  const continuousX = ['time', 'number', 'year'].includes(role(choice.x) ?? '') || measure === 'x';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: { name: dataName },
    mark: { type: choice.mark, tooltip: true, ...(choice.mark === 'line' ? { point: false } : {}) },
    ...(continuousX ? { width: 560 } : {}),
    encoding,
  };
}

/** Distinct values per column, estimated on the first 100,000 rows (enough to tell 5 from 5,000). */
export async function columnStats(engine: Engine, relation: string, columns: readonly Column[]): Promise<ColumnStats> {
  const usable = columns.filter((c) => !['list', 'struct', 'other'].includes(c.kind));
  if (usable.length === 0) return { distinct: {} };
  const parts = usable.map((c, k) => `approx_count_distinct(${ident(c.name)}) AS d${k}`);
  const row = (await engine.query(`SELECT ${parts.join(', ')} FROM (SELECT * FROM ${relation} LIMIT 100000)`)).get(0)!;
  return { distinct: Object.fromEntries(usable.map((c, k) => [c.name, Number(row[`d${k}`])])) };
}
