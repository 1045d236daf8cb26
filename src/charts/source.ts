/**
 * A chart cell's text: a Vega-Lite spec written in YAML or JSON (YAML 1.2 reads JSON as it is), whose
 * `data: { name: … }` names the cell result or table it draws. This module reads and writes that text
 * and refuses what would make the page fetch something: Longtail draws only data already here.
 */
import { Document, isMap, isPair, isScalar, isSeq, parse, YAMLParseError, type Node } from 'yaml';
import { said } from '../i18n/said';
import { inputError } from '../i18n/said-error';
import { isObject, type JsonObject } from './json';

/** The `$schema` is a name for editors and validators; nothing ever fetches it. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const HOW = said('core.charts.source.how');

export function parseChartSource(text: string): JsonObject {
  if (text.trim() === '') throw inputError(said('core.charts.source.empty'), HOW);
  let spec: unknown;
  try {
    spec = parse(text);
  } catch (err) {
    const first = (err as Error).message.split('\n')[0] ?? '';
    const unread = said('core.charts.source.unreadable', { error: first });
    const message = err instanceof YAMLParseError && err.linePos ? said('core.notebook.format_line', { line: String(err.linePos[0].line), message: unread }) : unread;
    throw inputError(message, said('core.charts.source.unreadable_hint'));
  }
  if (!isObject(spec)) throw inputError(said('core.charts.source.not_object'), HOW);
  refuseFetches(spec, []);
  if (chartReads(spec).length === 0 && !hasInlineData(spec)) {
    throw inputError(said('core.charts.source.no_data'), said('core.charts.source.no_data_hint'));
  }
  return spec;
}

/**
 * Anything a spec could make Vega or vega-embed load: data `url`s (also inside lookups), image marks'
 * `url` channel, and `usermeta.embedOptions` (which may name a config or patch to load).
 */
function refuseFetches(node: unknown, path: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((x, k) => refuseFetches(x, [...path, String(k)]));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'url') {
      throw inputError(said('core.charts.source.url', { path: [...path, key].join('.') }), said('core.charts.source.url_hint'));
    }
    if (key === 'embedOptions' && path[path.length - 1] === 'usermeta') {
      throw inputError(said('core.charts.source.embed_options'), said('core.charts.source.embed_options_hint'));
    }
    refuseFetches(value, [...path, key]);
  }
}

function hasInlineData(spec: JsonObject): boolean {
  let found = false;
  walkData(spec, (d) => {
    if ('values' in d) found = true;
  });
  return found || isObject(spec.datasets);
}

/** Visits every data definition of the spec: a `data` object anywhere in the tree (views, lookups). */
export function walkData(node: unknown, visit: (data: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walkData(x, visit);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data' && isObject(value)) visit(value);
    // `datasets` holds rows, not specs, and rows may have a column called "data".
    if (key !== 'datasets' && key !== 'values') walkData(value, visit);
  }
}

/** The relations a chart reads: every `data.name` that is not one of the spec's own inline datasets. */
export function chartReads(spec: JsonObject): string[] {
  const own = isObject(spec.datasets) ? new Set(Object.keys(spec.datasets)) : new Set<string>();
  const names: string[] = [];
  walkData(spec, (d) => {
    if (typeof d.name === 'string' && d.name !== '' && !own.has(d.name) && !names.includes(d.name)) names.push(d.name);
  });
  return names;
}

/** Collections of scalars that fit on a short line are written inline (`data: { name: x }`). */
const FLOW_WIDTH = 64;

function compact(node: unknown, inList = false): boolean {
  if (isScalar(node)) return true;
  if (!isMap(node) && !isSeq(node)) return false;
  let inline = true;
  for (const item of node.items as unknown[]) {
    const value = isPair(item) ? item.value : item;
    if (!compact(value, isSeq(node))) inline = false;
    // A list of objects (transforms, layers, tooltips) reads best one item per line…
    if (isSeq(node) && !isScalar(value)) inline = false;
  }
  // …a flat item inline ("- { field: a, title: A }"), a nested one as "- filter: { … }".
  if (inList && isMap(node) && node.items.some((p) => !isScalar(p.value))) inline = false;
  node.flow = inline;
  if (inline && String(node as Node).length > FLOW_WIDTH) node.flow = false;
  return node.flow;
}

/** A spec as the text of a chart cell: YAML in the spec's key order, short collections inline. */
export function chartSourceText(spec: JsonObject): string {
  // Shared sub-objects are written out each time: anchors (&a1, *a1) would puzzle a reader.
  const doc = new Document(spec, { aliasDuplicateObjects: false });
  compact(doc.contents);
  return doc.toString({ lineWidth: 0 }).trimEnd();
}
