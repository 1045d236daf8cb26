/**
 * Fewer rows for views that draw rows one by one (points, lines) when a result is too large to draw:
 * lines keep evenly spaced rows along their x (the shape of the curve survives), everything else a
 * random sample that is the same at every run (REPEATABLE), so a chart does not flicker on re-run.
 */
import { ident } from '../analytics/sql';
import { i18nFor, type I18n } from '../i18n/i18n';
import type { UnitView } from './views';
import { isObject } from './json';

const LINE_MARKS = ['line', 'area', 'trail'];

/** The x field the views all draw lines along, if they do; null otherwise. */
export function lineField(views: readonly UnitView[]): string | null {
  let field: string | null = null;
  for (const v of views) {
    const x = v.encoding.x;
    if (!v.mark || !LINE_MARKS.includes(v.mark) || !isObject(x) || typeof x.field !== 'string') return null;
    if (field !== null && field !== x.field) return null;
    field = x.field;
  }
  return field;
}

export interface Sample {
  sql: string;
  /** How the rows were chosen, for the note shown under the chart. */
  how: string;
}

/** `how` is in the language of `t`. */
export function sampleQuery(select: string, relation: string, total: number, limit: number, along: string | null, t: I18n['t'] = i18nFor('en').t): Sample {
  if (along !== null) {
    const every = Math.ceil(total / limit);
    const pos = ident('__longtail_pos');
    return {
      sql: `SELECT * EXCLUDE (${pos}) FROM (SELECT ${select}, row_number() OVER (ORDER BY ${ident(along)}) - 1 AS ${pos} FROM ${relation}) WHERE ${pos} % ${every} = 0 ORDER BY ${pos}`,
      how: t('core.chart.sample.every', { every, field: along }),
    };
  }
  return { sql: `SELECT ${select} FROM ${relation} USING SAMPLE reservoir(${limit} ROWS) REPEATABLE (42)`, how: t('core.chart.sample.random') };
}
