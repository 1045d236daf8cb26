/**
 * The `chart` cell kind: a Vega-Lite spec over a named result. It reads the relations its spec names
 * (so it re-runs whenever they change, like any dependant), and runs by inlining their data — through
 * the data step, which keeps large results out of the page — into one `vega-lite` display.
 */
import type { CellKindRunner } from '../notebook/kinds';
import { prepareChart } from './data-step';
import { chartReads, parseChartSource } from './source';
import { withTheme } from './theme';

export const chartKind: CellKindRunner = {
  reads: async (cell) => chartReads(parseChartSource(cell.source)),
  run: async (cell, ctx) => {
    const prepared = await prepareChart(ctx.engine, parseChartSource(cell.source));
    return {
      relation: null,
      rowCount: prepared.rowCount,
      columns: [],
      displays: [{ kind: 'vega-lite', spec: withTheme(prepared.spec), ...(prepared.note ? { note: prepared.note } : {}) }],
    };
  },
};
