/**
 * The static drawing of a snapshot's chart, made when the snapshot is taken and kept for a chart whose
 * data is too large to embed: Vega without `eval` (the expression interpreter, parsed with `ast: true`)
 * and with a loader that refuses to load anything. Loaded on demand: Vega is large.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import type { JsonValue } from './payload';
import { inwardSvg } from './outward';

function offlineLoader(): vega.Loader {
  const loader = vega.loader();
  const refuse = async (): Promise<never> => {
    throw new Error('A snapshot chart loads nothing from outside the file.');
  };
  loader.load = refuse;
  loader.sanitize = refuse;
  return loader;
}

/** A headless Vega view of a Vega-Lite spec that evaluates expressions without eval and loads nothing. */
function chartView(spec: { [k: string]: JsonValue }): vega.View {
  // Vega tags the data objects it is given; a copy keeps the payload as it was.
  const compiled = compile(structuredClone(spec) as unknown as TopLevelSpec).spec;
  const runtime = vega.parse(compiled, undefined, { ast: true });
  return new vega.View(runtime, {
    expr: expressionInterpreter,
    loader: offlineLoader(),
    renderer: 'none',
    logLevel: vega.Error,
  });
}

/** The chart as SVG text, drawn now (no DOM needed), without anything pointing outside it (outward.ts). */
export async function chartSvg(spec: { [k: string]: JsonValue }): Promise<string> {
  const view = chartView(spec);
  try {
    return inwardSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}
