/**
 * The checks every template notebook passes: read with the app's own parser and run by the app's own
 * runner on the demo tables, so input cells (`as_of`, `window_days`, thresholds…) are resolved as in the
 * app, every cell reads the results of the cells it names, and TypeScript analyses (`compute`) get their
 * rows kept as a table. Each test file holds a share of the templates, so that they run in parallel.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { loadDemo } from '../../src/demo/load';
import { parseNotebook, serializeNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import { createTsTestEngine } from '../notebook/ts/engine';
import { rowsOf } from './helpers';
import { cellKinds } from '../../src/app/kinds';

/** Template file → the names of its SQL and analysis cells, in order. */
export function describeTemplates(templates: Record<string, string[]>): void {
  let engine: Engine;
  beforeAll(async () => {
    // Compute analyses keep their rows through Arrow: the engine must accept this copy of apache-arrow.
    engine = await createTsTestEngine();
    await loadDemo(engine);
  });

  describe.each(Object.entries(templates))('template %s', (file, names) => {
    const text = readFileSync(new URL(`../../notebooks/${file}`, import.meta.url), 'utf8');
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
      const runner = new Runner(engine, () => cells, cellKinds());
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
}
