/**
 * Reading and adjusting a view's encoding: its channel definitions one by one (a channel may hold a
 * list, as `tooltip` does), and the one correction Longtail makes to every spec — dates in UTC.
 */
import { isObject, type JsonObject } from './json';

export interface ChannelDef {
  channel: string;
  /** Position in the channel's list (`tooltip: [a, b]`), or null for a single definition. */
  index: number | null;
  def: JsonObject;
}

export function channelDefs(encoding: JsonObject): ChannelDef[] {
  const out: ChannelDef[] = [];
  for (const [channel, value] of Object.entries(encoding)) {
    if (Array.isArray(value)) value.forEach((def, index) => isObject(def) && out.push({ channel, index, def }));
    else if (isObject(value)) out.push({ channel, index: null, def: value });
  }
  return out;
}

/** Replaces one channel definition (or one item of a channel's list) in an encoding object. */
export function setChannelDef(encoding: JsonObject, ref: Pick<ChannelDef, 'channel' | 'index'>, def: JsonObject): void {
  if (ref.index === null) encoding[ref.channel] = def;
  else {
    const list = encoding[ref.channel] as unknown[];
    list[ref.index] = def;
  }
}

/** The time unit of a definition without any `utc` marker ('yearmonth'), or null. */
export function baseTimeUnit(def: JsonObject): string | null {
  const tu = def.timeUnit;
  const unit = typeof tu === 'string' ? tu : isObject(tu) && typeof tu.unit === 'string' ? tu.unit : null;
  return unit === null ? null : unit.replace(/^utc/, '');
}

/**
 * DuckDB's DATE is a calendar day, handed to Vega as midnight UTC. Vega's plain time units and time
 * scales work in the browser's time zone, where that midnight can fall on the previous day (anywhere
 * west of Greenwich): March 1st would be drawn as February. So every time unit becomes its UTC
 * variant, and a temporal field without one gets a UTC scale — unless the spec chose a scale type.
 */
export function utcDates(spec: unknown): void {
  if (Array.isArray(spec)) {
    for (const x of spec) utcDates(x);
    return;
  }
  if (!isObject(spec)) return;
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'datasets' || key === 'values') continue;
    if (key === 'timeUnit') {
      if (typeof value === 'string' && !value.startsWith('utc')) spec[key] = `utc${value}`;
      else if (isObject(value) && value.utc === undefined) value.utc = true;
      continue;
    }
    utcDates(value);
  }
  if (spec.type === 'temporal' && typeof spec.field === 'string' && spec.timeUnit === undefined) {
    const scale = isObject(spec.scale) ? spec.scale : spec.scale === undefined ? {} : null;
    if (scale && scale.type === undefined) spec.scale = { ...scale, type: 'utc' };
  }
}

/** How a category axis lays out its labels, and (down y) the height of each row. */
export interface CategoryLayout {
  axis: JsonObject;
  /** Rows' height in px when the categories go down y. */
  step?: number;
}

/** Vega's own measure of label text when it cannot ask a canvas (Node, static drawings): 0.8 em a character. */
const LABEL_EM = 0.8;
const LABEL_FONT_PX = 11;
/** Room kept either side of a flat label. */
const LABEL_GAP_PX = 8;
/** Labels standing up are cut (with an ellipsis) past this length, so that the plot keeps its height. */
export const LABEL_LIMIT_PX = 150;
/** Labels down the y axis (bars lying down) are cut past this length. */
export const ROW_LABEL_LIMIT_PX = 160;
/** The height of a row of bars lying down: more than a label's line. */
export const ROW_STEP_PX = 20;

/**
 * Labels of a category axis that never run into each other. Down y each category gets its own row.
 * Along x they lie flat while each fits its band, measured as Vega measures text when it cannot ask
 * the browser (0.8 em a character, wider than real glyphs), and stand up (−90°) when they do not:
 * the test is Vega's own band width, so a chart that grows with its cell lays its labels down.
 */
export function categoryLayout(channel: 'x' | 'y', _distinct: number | undefined, longest: number | undefined): CategoryLayout {
  if (channel === 'y') return { axis: { labelLimit: ROW_LABEL_LIMIT_PX }, step: ROW_STEP_PX };
  const need = Math.ceil(Math.min(longest ?? 20, LABEL_LIMIT_PX / (LABEL_EM * LABEL_FONT_PX)) * LABEL_EM * LABEL_FONT_PX + LABEL_GAP_PX);
  // A band scale (bars) has a band width; a point scale (a line over years) has none: its step is
  // the width shared by the points.
  const standing = `(bandwidth('x') || width / max(1, length(domain('x')))) < ${need}`;
  return {
    axis: {
      labelAngle: { expr: `${standing} ? -90 : 0` },
      labelAlign: { expr: `${standing} ? 'right' : 'center'` },
      labelBaseline: { expr: `${standing} ? 'middle' : 'top'` },
      labelLimit: LABEL_LIMIT_PX,
      labelFontSize: LABEL_FONT_PX,
    },
  };
}
