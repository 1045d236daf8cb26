/**
 * Longtail's look for every chart: the app's fonts and ink colours, and the colour-blind-safe palette
 * as the default ranges. It is put under a spec's own `config`, so anything a spec sets wins.
 */
import { deepMerge, isObject, type JsonObject } from './json';
import { CATEGORICAL, DIVERGING_SCHEME, INK, INK_MUTED, PRIMARY, SEQUENTIAL_SCHEME } from './palette';

/** The app's system font stack: nothing to fetch (see theme.css). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const THEME: JsonObject = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  mark: { color: PRIMARY },
  range: {
    category: [...CATEGORICAL],
    ordinal: { scheme: SEQUENTIAL_SCHEME },
    ramp: { scheme: SEQUENTIAL_SCHEME },
    heatmap: { scheme: SEQUENTIAL_SCHEME },
    diverging: { scheme: DIVERGING_SCHEME },
  },
  title: { anchor: 'start', fontSize: 14, fontWeight: 600, color: INK, subtitleColor: INK_MUTED, subtitleFontSize: 12, offset: 10 },
  axis: {
    labelColor: INK_MUTED,
    titleColor: INK,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    gridColor: '#e6e9ee',
    domainColor: '#8a94a3',
    tickColor: '#8a94a3',
    labelLimit: 260,
  },
  legend: { labelColor: INK_MUTED, titleColor: INK, labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, labelLimit: 260 },
  header: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12 },
};

/** The spec with Longtail's theme under its own config. */
export function withTheme(spec: JsonObject): JsonObject {
  const own = isObject(spec.config) ? spec.config : {};
  return { ...spec, config: deepMerge(THEME, own) };
}
