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
