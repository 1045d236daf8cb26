/**
 * Drawing a spec on the page with vega-embed, under the page's Content Security Policy: expressions
 * are interpreted (`ast` + vega-interpreter) instead of compiled with `new Function`, and a loader that
 * refuses everything guarantees Vega fetches nothing — data, images or fonts — even if asked to.
 * vega-embed is loaded on first use, so pages without charts never pay for it.
 */
import type { JsonObject } from './json';

export interface EmbeddedChart {
  view: import('vega').View;
  finalize(): void;
}

const refuse = () => Promise.reject(new Error('Longtail charts draw only data already in the notebook; nothing is fetched.'));

/** A Vega loader that loads nothing. */
export const NO_FETCH_LOADER = { load: refuse, sanitize: refuse, http: refuse, file: refuse, fileAccess: false };

export async function embedChart(el: HTMLElement, spec: JsonObject): Promise<EmbeddedChart> {
  const [{ default: embed }, { expressionInterpreter }] = await Promise.all([import('vega-embed'), import('vega-interpreter')]);
  // `usermeta.embedOptions` in a spec would be merged over these options (actions, an editor URL on
  // any host, a loader): a spec says what to draw, never how to embed it.
  const { usermeta: _ignored, ...drawable } = spec;
  const result = await embed(el, drawable as never, {
    mode: 'vega-lite',
    renderer: 'svg',
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    loader: NO_FETCH_LOADER as never,
    tooltip: { theme: 'light' },
    defaultStyle: false,
  });
  return { view: result.view, finalize: () => result.finalize() };
}
