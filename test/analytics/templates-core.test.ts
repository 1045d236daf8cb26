/**
 * Every cell of the four core template notebooks runs on the demo tables and returns rows. Notebooks are
 * read with the app's own parser and run by the app's own runner, so input cells (`as_of`, `window_days`…)
 * are resolved as in the app and every cell reads the results of the cells it names.
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
  'rfm.md': ['rfm_scores', 'rfm_segments', 'champions', 'cant_lose_call_list', 'raise_deal_value', 'reactivate', 'no_purchase'],
  'cohort-retention.md': ['cohort_retention', 'annual_retention', 'retention_triangle', 'cohort_table', 'annual_retention_table'],
  'benchmark.md': ['benchmark_bands', 'annual_retention', 'retention_vs_benchmark', 'peer_comparison', 'sector_scorecard', 'losing_ground', 'ahead_of_peers'],
  'program-roi.md': ['program_roi', 'roi_scorecard', 'roi_evidence'],
};

describe.each(Object.entries(TEMPLATES))('template %s', (file, names) => {
  const text = readTemplate(file);
  const notebook = parseNotebook(text);
  // Chart cells are checked by the charts' own tests; inputs are run so the cells reading them resolve.
  const cells = notebook.cells.filter((c) => c.kind === 'sql' || c.kind === 'analysis' || c.kind === 'input');
  const computed = cells.filter((c) => c.kind !== 'input');

  it('serialises back to the same text', () => {
    expect(serializeNotebook(notebook)).toBe(text);
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
