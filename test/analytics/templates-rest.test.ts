/**
 * Every cell of the six issue-5 template notebooks runs on the demo tables and returns rows. Notebooks
 * are read with the app's own parser and run by the app's own runner, so input cells (`as_of`,
 * `window_days`, thresholds, the points table's weights…) are resolved as in the app, and TypeScript
 * analyses (`compute`) get their rows kept as a table, as the app does.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { loadDemo } from '../../src/demo/load';
import { parseNotebook, serializeNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import { createTsTestEngine } from '../notebook/ts/engine';
import { rowsOf } from './helpers';

let engine: Engine;

beforeAll(async () => {
  // Compute analyses keep their rows through Arrow: the engine must accept this copy of apache-arrow.
  engine = await createTsTestEngine();
  await loadDemo(engine);
});

function readTemplate(file: string): string {
  return readFileSync(new URL(`../../notebooks/${file}`, import.meta.url), 'utf8');
}

const TEMPLATES: Record<string, string[]> = {
  'long-tail.md': ['concentration', 'revenue_curve', 'rfm_scores', 'tiers_vs_segments', 'low_tier_champions', 'steady_sellers', 'loyal_small_partners', 'tier_review', 'tail_partners'],
  'engagement.md': ['engagement_points', 'engagement_scores', 'diamonds_summary', 'call_now', 'diamonds_in_the_rough', 'diamond_interactions'],
  'nps.md': ['rfm_scores', 'nps_summary', 'nps_change', 'nps_over_time', 'real_changes', 'detractors_to_call'],
  'lifetime-value.md': ['annual_retention', 'ltv_partners', 'rfm_scores', 'ltv_segments', 'top_partners_by_ltv', 'ltv_by_tier', 'ltv_by_segment'],
  'churn-risk.md': ['churn', 'churn_model', 'rhythm_check', 'cant_lose', 'watch_list', 'forecast_by_partner'],
  'channel-conflict.md': ['conflicts', 'conflict_summary', 'rfm_scores', 'channel_mix', 'conflicts_by_partner', 'conflict_customers', 'mix_by_segment'],
};

describe.each(Object.entries(TEMPLATES))('template %s', (file, names) => {
  const text = readTemplate(file);
  const notebook = parseNotebook(text);
  // Chart cells are checked by the charts' own tests; inputs are run so the cells reading them resolve.
  const cells = notebook.cells.filter((c) => c.kind === 'sql' || c.kind === 'analysis' || c.kind === 'input');
  const computed = cells.filter((c) => c.kind !== 'input');

  it('is a notebook that serialises back to the same text, with a title', () => {
    expect(serializeNotebook(notebook)).toBe(text);
    expect(notebook.frontMatter).toMatch(/^title: \S/);
  });

  it('holds the expected cells, its inputs at the top, before any analysis', () => {
    expect(computed.map((c) => c.name)).toEqual(names);
    const kinds = cells.map((c) => c.kind);
    expect(kinds.indexOf('input')).toBeGreaterThanOrEqual(0);
    // The inputs come first: from the first code cell, or the second after an editable table.
    expect(kinds.indexOf('input')).toBeLessThanOrEqual(1);
    expect(kinds.lastIndexOf('input')).toBeLessThan(kinds.indexOf('analysis'));
  });

  it('runs every cell on the demo data, each returning rows, and every input is read by some cell', async () => {
    const runner = new Runner(engine, () => cells);
    await runner.init();
    await runner.runAll();
    for (const cell of computed) {
      const state = runner.state(cell.id);
      expect({ cell: cell.name, status: state.status, error: state.error?.message }).toEqual({ cell: cell.name, status: 'done', error: undefined });
      const [row] = await rowsOf(engine, `SELECT count(*) AS n FROM ${state.result!.relation}`);
      expect({ cell: cell.name, empty: row!.n === 0 }).toEqual({ cell: cell.name, empty: false });
    }
    for (const input of cells.filter((c) => c.kind === 'input')) {
      const readers = computed.filter((c) => runner.state(c.id).reads.includes(input.name)).map((c) => c.name);
      expect({ input: input.name, read: readers.length > 0 }).toEqual({ input: input.name, read: true });
    }
  });
});
