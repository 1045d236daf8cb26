/**
 * Rendering specs the way the app does, headless: Vega-Lite compiles, Vega runs the dataflow and draws
 * SVG. Counting what was drawn comes from Vega's scenegraph (each mark and its items), so a test can say
 * "50 bars" without parsing SVG paths.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

export interface Rendered {
  svg: string;
  view: vega.View;
  /** Items drawn per mark type, over all marks of role "mark" (data marks, not axes or legends). */
  marks: Record<string, number>;
  /** The data items of every data mark, by mark name, for checking drawn values. */
  items: { marktype: string; name: string; datum: Record<string, unknown>; text?: string; fill?: string }[];
}

interface SceneNode {
  marktype?: string;
  role?: string;
  name?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
  text?: unknown;
  fill?: string;
}

export async function render(spec: Record<string, unknown>): Promise<Rendered> {
  const compiled = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  await view.runAsync();
  const marks: Record<string, number> = {};
  const items: Rendered['items'] = [];
  const visit = (node: SceneNode, mark: SceneNode | null) => {
    if (node.marktype) {
      // group marks hold other marks; only leaf data marks count
      if (node.role === 'mark' && node.marktype !== 'group') {
        marks[node.marktype] = (marks[node.marktype] ?? 0) + (node.items?.length ?? 0);
        for (const it of node.items ?? []) {
          items.push({
            marktype: node.marktype,
            name: node.name ?? '',
            datum: it.datum ?? {},
            ...(it.text !== undefined ? { text: String(it.text) } : {}),
            ...(it.fill !== undefined ? { fill: it.fill } : {}),
          });
        }
      }
      for (const it of node.items ?? []) visit(it, node);
      return;
    }
    for (const child of node.items ?? []) visit(child, mark);
  };
  visit((view.scenegraph() as unknown as { root: SceneNode }).root, null);
  const svg = await view.toSVG();
  return { svg, view, marks, items };
}

/** Text drawn in the SVG (titles, axis labels, legends), in document order. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
}

/**
 * The SVG with each data mark's elements in a fixed order and coordinates to 1/10,000 px. Vega draws
 * items in the order of its data, and two routes to the same picture (rows aggregated by Vega, or by
 * DuckDB) may list them differently, and sum or average in a different order (last-digit differences).
 */
export function canonicalSvg(svg: string): string {
  const rounded = svg
    .replace(/-?\d+\.\d{5,}/g, (n) => String(Number(Number(n).toFixed(4))))
    .replace(/ opacity="1"/g, ''); // explicit full opacity draws as no opacity at all
  return rounded.replace(/(<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>)((?:(?!<\/?g[ >]).)*)(<\/g>)/g, (_m, open: string, body: string, close: string) => {
    const elements = body.match(/<(path|line|text|rect|circle|image)\b[^>]*?(?:\/>|>[^<]*<\/\1>)/g) ?? [];
    if (elements.join('').length !== body.length) throw new Error(`canonicalSvg would drop part of a mark: ${body.slice(0, 200)}`);
    return open + [...elements].sort().join('') + close;
  });
}
