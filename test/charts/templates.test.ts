/**
 * The analysis charts in the template notebooks: each chart cell holds exactly its builder's spec, sits
 * right after the cell it draws, is valid Vega-Lite, and — run in the notebook on the demo data with the
 * app's own runner — draws its marks from the real analysis result (so a renamed output column fails
 * here, not in front of a user).
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { loadDemo } from '../../src/demo/load';
import { parseNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import { parseChartSource } from '../../src/charts/source';
import { withLocale } from '../../src/charts/locale';
import { TEMPLATE_CHARTS } from './template-charts';
import { render } from './render';
import { schemaErrors } from './schema';
import { cellKinds } from '../../src/app/kinds';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await loadDemo(engine);
});

afterAll(async () => {
  await engine?.close();
});

const notebookOf = (file: string) => parseNotebook(readFileSync(new URL(`../../notebooks/${file}`, import.meta.url), 'utf8'));

describe.each(TEMPLATE_CHARTS)('$file: chart $name', ({ file, name, after, spec, sql }) => {
  it(`holds the builder's spec, right after ${after}`, () => {
    const code = notebookOf(file).cells.filter((c) => c.kind !== 'markdown');
    const at = code.findIndex((c) => c.kind === 'chart' && c.name === name);
    expect(at).toBeGreaterThan(0);
    expect(code[at - 1]!.name).toBe(after);
    if (sql !== undefined) expect(code[at - 1]!.source).toBe(sql);
    expect(parseChartSource(code[at]!.source)).toEqual(spec);
    expect(schemaErrors(spec)).toEqual([]);
  });

  it('draws the real analysis result on the demo data', async () => {
    const cells = notebookOf(file).cells;
    const runner = new Runner(engine, () => cells, cellKinds());
    await runner.init();
    const chart = cells.find((c) => c.kind === 'chart' && c.name === name)!;
    await runner.run(chart.id);
    const state = runner.state(chart.id);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('done');
    const display = state.result!.displays![0]!;
    expect(display.kind).toBe('vega-lite');
    if (display.kind !== 'vega-lite') return;
    expect(display.note).toBeUndefined(); // the demo fits: nothing left out
    const final = withLocale(display.spec, 'en-US');
    expect(schemaErrors(final)).toEqual([]);
    const drawn = await render(final);
    const dataMarks = Object.values(drawn.marks).reduce((s, n) => s + n, 0);
    expect(dataMarks).toBeGreaterThan(3);
  });
});
