/**
 * The cell kinds a host registers with its runner: the core kinds (SQL, analysis, input), charts, and
 * TypeScript cells when the host can start their worker. The one place that joins the notebook and the
 * charts, so neither imports the other.
 */
import type { Engine } from '../engine/types';
import type { I18n } from '../i18n/i18n';
import { coreKinds, type CellKindRunner, type CellKinds } from '../notebook/kinds';
import { tsKind } from '../notebook/ts/kind';
import type { CellWorkerFactory } from '../notebook/ts/worker-host';

// Charts (and the YAML parser their specs need) load with the first chart cell, not with the page.
const charts = () => import('../charts/cell');

export interface KindOptions {
  /** Starts the worker TypeScript cells run in; without one, `ts` cells are not run. */
  tsWorkers?: CellWorkerFactory;
  /** The interface's translator, read at each run: the language of a chart's notes (English without it). */
  t?: () => I18n['t'];
}

/** Chart cells, their notes in the language `t()` gives when they run. */
export function chartKindIn(t?: () => I18n['t']): CellKindRunner {
  return {
    reads: async (cell) => (await charts()).chartCellReads(cell.source),
    run: async (cell, ctx) => chartOutput(ctx.engine, cell.source, t?.()),
  };
}

export const chartKind: CellKindRunner = chartKindIn();

async function chartOutput(engine: Engine, source: string, t?: I18n['t']) {
  const drawn = await (await charts()).drawChartCell(engine, source, t);
  return {
    relation: null,
    rowCount: drawn.rowCount,
    columns: [],
    displays: [{ kind: 'vega-lite' as const, spec: drawn.spec, ...(drawn.note ? { note: drawn.note } : {}) }],
  };
}

export function cellKinds(options: KindOptions = {}): CellKinds {
  return {
    ...coreKinds(),
    chart: options.t ? chartKindIn(options.t) : chartKind,
    ...(options.tsWorkers ? { ts: tsKind(options.tsWorkers) } : {}),
  };
}
