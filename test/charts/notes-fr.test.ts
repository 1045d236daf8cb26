/**
 * The notes the data step writes under a chart (rows left out, and why), in the interface's language:
 * passed its translator, French; without one, the English the other tests read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { i18nFor } from '../../src/i18n';
import { drawChartCell } from '../../src/charts/cell';
import { prepareChart } from '../../src/charts/data-step';
import { sampleQuery } from '../../src/charts/sample';
import { cellKinds } from '../../src/app/kinds';
import type { Cell } from '../../src/notebook/model';
import type { ExecContext } from '../../src/notebook/kinds/context';

const fr = i18nFor('fr').t;
let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  // 1,200 rows: 120 categories, x = i.
  await engine.query(`CREATE TABLE many AS SELECT i AS id, 'c' || (i % 120) AS category, CAST(i AS DOUBLE) AS x, CAST(i % 10 AS DOUBLE) AS amount FROM range(1200) t(i)`);
});

afterAll(async () => {
  await engine?.close();
});

describe('chart notes in French', () => {
  it('say how the rows were sampled', () => {
    expect(sampleQuery('*', 't', 1000, 100, 'x').how).toBe('every 10th row along x');
    expect(sampleQuery('*', 't', 1000, 100, 'x', fr).how).toBe("une ligne sur 10 dans l'ordre de x");
    expect(sampleQuery('*', 't', 1000, 100, null, fr).how).toBe('un échantillon aléatoire');
  });

  it('say that a chart draws a sample of its rows', async () => {
    const spec = { data: { name: 'many' }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'amount', type: 'quantitative' } } };
    expect((await prepareChart(engine, spec, 100)).note).toBe(
      'many has 1,200 rows; this chart draws 100 of them (every 12th row along x), about what a browser draws smoothly. To see every row, aggregate in the encoding (e.g. "aggregate: sum") or summarise in a SQL cell.',
    );
    expect((await prepareChart(engine, spec, 100, fr)).note).toBe(
      "many compte 1\u202f200 lignes ; ce graphique en dessine 100 (une ligne sur 12 dans l'ordre de x), à peu près ce qu'un navigateur dessine sans ralentir. Pour voir toutes les lignes, agrégez dans l'encodage (par exemple « aggregate: sum ») ou résumez dans une cellule SQL.",
    );
  });

  it('say that only the first groups are drawn', async () => {
    const spec = { data: { name: 'many' }, mark: 'bar', encoding: { x: { field: 'category', type: 'nominal' }, y: { aggregate: 'sum', field: 'amount', type: 'quantitative' } } };
    expect((await prepareChart(engine, spec, 100)).note).toBe('Only the first 100 of 120 groups are drawn: group by fewer or coarser fields (a time unit, bins) to see them all.');
    expect((await prepareChart(engine, spec, 100, fr)).note).toBe(
      'Seuls les 100 premiers groupes sur 120 sont dessinés : regroupez par moins de champs, ou par des champs moins fins (une unité de temps, des classes), pour les voir tous.',
    );
  });

  it("reach a chart cell's drawing, in the language the interface has when it runs", async () => {
    await engine.query(`CREATE TABLE big AS SELECT CAST(i AS DOUBLE) AS x, CAST(i % 10 AS DOUBLE) AS amount FROM range(12000) t(i)`);
    const source = 'data: { name: big }\nmark: point\nencoding:\n  x: { field: x, type: quantitative }\n  y: { field: amount, type: quantitative }\n';
    expect((await drawChartCell(engine, source)).note).toMatch(/^big has 12,000 rows; this chart draws 10,000 of them \(a random sample\)/);
    expect((await drawChartCell(engine, source, fr)).note).toMatch(/^big compte 12\u202f000 lignes ; ce graphique en dessine 10\u202f000 \(un échantillon aléatoire\)/);
    let lang: 'en' | 'fr' = 'fr';
    const chart = cellKinds({ t: () => i18nFor(lang).t }).chart!;
    const cell: Cell = { id: 'c', kind: 'chart', name: '', source, attrs: [] };
    const noteOf = async () => ((await chart.run(cell, { engine } as unknown as ExecContext, 'r')).displays![0] as { note?: string }).note;
    expect(await noteOf()).toMatch(/^big compte/);
    lang = 'en';
    expect(await noteOf()).toMatch(/^big has/);
    expect(((await cellKinds().chart!.run(cell, { engine } as unknown as ExecContext, 'r')).displays![0] as { note?: string }).note).toMatch(/^big has/);
  });
});
