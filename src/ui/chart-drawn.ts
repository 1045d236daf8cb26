/** The context key under which the live editor hears that a chart was drawn (its SVG, for the last results). */
export const CHART_DRAWN = Symbol('longtail:chart-drawn');
