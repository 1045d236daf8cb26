/**
 * A chart cell's work, free of the notebook: what its spec reads (so it re-runs whenever those change),
 * and its drawing with the data inlined — through the data step, which keeps large results out of the
 * page. The notebook's adapter (src/app/kinds.ts) turns it into a cell kind.
 */
import type { Engine } from '../engine/types';
import { i18nFor, type I18n } from '../i18n/i18n';
import { prepareChart } from './data-step';
import { chartReads, parseChartSource } from './source';
import { withTheme } from './theme';

export function chartCellReads(source: string): string[] {
  return chartReads(parseChartSource(source));
}

export interface DrawnChart {
  rowCount: number;
  spec: Record<string, unknown>;
  note?: string;
}

/** `t`: the language of the chart's notes (the interface's). */
export async function drawChartCell(engine: Engine, source: string, t: I18n['t'] = i18nFor('en').t): Promise<DrawnChart> {
  const prepared = await prepareChart(engine, parseChartSource(source), undefined, t);
  return { rowCount: prepared.rowCount, spec: withTheme(prepared.spec), ...(prepared.note ? { note: prepared.note } : {}) };
}
