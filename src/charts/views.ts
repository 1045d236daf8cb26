/**
 * The unit views of a Vega-Lite spec (the parts that draw one mark), each with what it inherits: the
 * named data it reads, the transforms that run before it, and — inside a layer — the shared encoding.
 * The data step plans each view on its own, because in one spec a layer may aggregate while another
 * draws every row.
 */
import { isObject, type JsonObject } from './json';

export interface UnitView {
  /** The view's object inside the spec (rewriting it in place rewrites the spec). */
  node: JsonObject;
  /** The named data it draws; null for inline values or no data. */
  data: string | null;
  /** Transforms applied before it is drawn, outermost first. */
  transforms: unknown[];
  /** Its encoding merged over what enclosing layers share. */
  encoding: JsonObject;
  /** The mark type ('bar', 'line'…); null for a view we cannot look inside (see `opaque`). */
  mark: string | null;
  /**
   * A facet or repeat operator: its inner spec is drawn per facet or per repeated field, so it is
   * handled as a whole and never rewritten.
   */
  opaque: boolean;
}

interface Inherited {
  data: string | null;
  transforms: unknown[];
  encoding: JsonObject;
}

function dataName(node: JsonObject, inherited: string | null): string | null {
  if (!('data' in node)) return inherited;
  const d = node.data;
  return isObject(d) && typeof d.name === 'string' ? d.name : null;
}

function markType(mark: unknown): string | null {
  if (typeof mark === 'string') return mark;
  if (isObject(mark) && typeof mark.type === 'string') return mark.type;
  return null;
}

function walk(node: JsonObject, from: Inherited, out: UnitView[]): void {
  // A view with data of its own starts a new data flow: its ancestors' transforms do not apply to it.
  const ownData = 'data' in node;
  const data = dataName(node, from.data);
  const transforms = [...(ownData ? [] : from.transforms), ...(Array.isArray(node.transform) ? node.transform : [])];
  const own = isObject(node.encoding) ? node.encoding : {};
  if (Array.isArray(node.layer)) {
    const encoding = { ...from.encoding, ...own };
    for (const child of node.layer) if (isObject(child)) walk(child, { data, transforms, encoding }, out);
    return;
  }
  for (const key of ['concat', 'hconcat', 'vconcat'] as const) {
    if (Array.isArray(node[key])) {
      for (const child of node[key]) if (isObject(child)) walk(child, { data, transforms, encoding: {} }, out);
      return;
    }
  }
  if ('facet' in node || 'repeat' in node) {
    out.push({ node, data, transforms, encoding: {}, mark: null, opaque: true });
    return;
  }
  out.push({ node, data, transforms, encoding: { ...from.encoding, ...own }, mark: markType(node.mark), opaque: false });
}

export function unitViews(spec: JsonObject): UnitView[] {
  const out: UnitView[] = [];
  walk(spec, { data: null, transforms: [], encoding: {} }, out);
  return out;
}
