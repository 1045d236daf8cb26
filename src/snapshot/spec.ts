/**
 * Chart specs as a snapshot holds them: plain JSON with their data inline, and nothing that could make
 * the page reach outside the file.
 */
import type { JsonValue } from './payload';

/**
 * Keys that make a chart reach outside the file: data and image URLs, links on marks (the `href`
 * channel and property), and `usermeta`, whose `embedOptions` vega-embed merges over the app's own
 * (actions, an editor URL on any host, a loader).
 */
const OUTWARD_KEYS = new Set(['url', 'href', 'usermeta']);

/**
 * A spec as plain JSON without anything that points outside the snapshot. Applied when a snapshot is
 * written and again when one is read, since a file may have been written by someone else.
 */
export function inwardSpec(spec: unknown): { [k: string]: JsonValue } {
  const walk = (v: unknown): JsonValue | undefined => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map((x) => walk(x) ?? null);
    if (typeof v === 'object') {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (OUTWARD_KEYS.has(k)) continue;
        const w = walk(x);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    return undefined;
  };
  const out = walk(spec);
  return out !== null && typeof out === 'object' && !Array.isArray(out) ? out : {};
}

/** Rows of inline data in a spec (`data.values` anywhere, and top-level `datasets`). */
export function inlineRowCount(spec: JsonValue): number {
  if (Array.isArray(spec)) return spec.reduce<number>((n, x) => n + inlineRowCount(x), 0);
  if (spec === null || typeof spec !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(spec)) {
    if ((k === 'values' && Array.isArray(v)) || (k === 'datasets' && v && typeof v === 'object' && !Array.isArray(v))) {
      n += Array.isArray(v) ? v.length : Object.values(v).reduce<number>((m, d) => m + (Array.isArray(d) ? d.length : 0), 0);
    } else n += inlineRowCount(v);
  }
  return n;
}
