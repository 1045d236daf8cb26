/**
 * Chart cells in a running notebook: they read the result their spec names, re-run when it changes
 * like any dependant, and display one Vega-Lite spec with the data inside; mistakes are cell errors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { Runner } from '../../src/notebook/runner';
import { makeCell, type Cell } from '../../src/notebook/model';
import type { Display } from '../../src/notebook/state';
import { unitViews } from '../../src/charts/views';
import { withTheme, THEME } from '../../src/charts/theme';
import { render } from './render';
import { cellKinds } from '../../src/app/kinds';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE TABLE sales AS SELECT * FROM (VALUES ('north', 10.0), ('south', 20.0), ('north', 5.0)) t(region, amount)`);
});

afterAll(async () => {
  await engine?.close();
});

const CHART = `data: { name: by_region }
mark: bar
encoding:
  x: { field: region, type: nominal }
  y: { field: revenue, type: quantitative }
`;

function chartDisplay(runner: Runner, cell: Cell): Extract<Display, { kind: 'vega-lite' }> {
  const displays = runner.state(cell.id).result?.displays ?? [];
  expect(displays).toHaveLength(1);
  expect(displays[0]!.kind).toBe('vega-lite');
  return displays[0] as Extract<Display, { kind: 'vega-lite' }>;
}

describe('a chart cell in a notebook', () => {
  it('runs after the result it draws and shows it, data inlined', async () => {
    const sql = makeCell('sql', 'SELECT region, sum(amount) AS revenue FROM sales GROUP BY region ORDER BY region', 'by_region');
    const chart = makeCell('chart', CHART, 'revenue_chart');
    const cells = [chart, sql]; // written before its data: order comes from what it reads
    const runner = new Runner(engine, () => cells, cellKinds());
    await runner.init();
    await runner.runAll();
    expect(runner.state(chart.id).status).toBe('done');
    expect(runner.state(chart.id).reads).toEqual(['by_region']);
    const result = runner.state(chart.id).result!;
    expect(result).toMatchObject({ relation: null, rowCount: 2, columns: [] });
    const d = chartDisplay(runner, chart);
    expect(d.note).toBeUndefined();
    expect((d.spec.datasets as Record<string, unknown>).by_region).toEqual([
      { region: 'north', revenue: 15 },
      { region: 'south', revenue: 20 },
    ]);
    expect((await render(d.spec)).marks).toEqual({ rect: 2 });

    // edit the upstream cell and run it: the chart follows with the new rows
    sql.source = "SELECT region, sum(amount) AS revenue FROM sales WHERE region = 'north' GROUP BY region";
    runner.edited(sql.id);
    await runner.run(sql.id);
    expect((chartDisplay(runner, chart).spec.datasets as Record<string, unknown>).by_region).toEqual([{ region: 'north', revenue: 15 }]);
  });

  it('reports a spec mistake as the cell\'s error, and draws nothing', async () => {
    const chart = makeCell('chart', 'data: { name: sales }\nmark: bar\nencoding:\n  x: { field: regoin, type: nominal }\n', 'bad_chart');
    const runner = new Runner(engine, () => [chart], cellKinds());
    await runner.init();
    await runner.runAll();
    expect(runner.state(chart.id).status).toBe('error');
    expect(runner.state(chart.id).error).toMatchObject({ message: 'The chart draws "regoin", which sales does not have.', hint: 'Its columns are: region, amount.', kind: 'input' });
  });

  it('waits for a missing result like any cell', async () => {
    const chart = makeCell('chart', 'data: { name: nowhere }\nmark: bar\n', 'lost_chart');
    const runner = new Runner(engine, () => [chart], cellKinds());
    await runner.init();
    await runner.runAll();
    expect(runner.state(chart.id).status).toBe('error');
    expect(runner.state(chart.id).error?.message).toMatch(/"nowhere" is neither a table nor the name of a cell/);
  });
});

describe('the views of a spec', () => {
  it('carry their data, the transforms before them and, inside layers, the shared encoding', () => {
    const spec = {
      data: { name: 'a' },
      transform: [{ filter: 'datum.x > 0' }],
      hconcat: [
        {
          encoding: { x: { field: 'k' } },
          layer: [{ mark: 'bar', encoding: { y: { field: 'v' } } }, { mark: { type: 'text' }, transform: [{ calculate: '1', as: 'one' }] }],
        },
        { data: { name: 'b' }, mark: 'point', encoding: { x: { field: 'z' } } },
        { facet: { row: { field: 'k' } }, spec: { mark: 'bar' } },
      ],
    };
    const views = unitViews(spec).map((v) => ({ data: v.data, transforms: v.transforms.length, encoding: Object.keys(v.encoding), mark: v.mark, opaque: v.opaque }));
    expect(views).toEqual([
      { data: 'a', transforms: 1, encoding: ['x', 'y'], mark: 'bar', opaque: false },
      { data: 'a', transforms: 2, encoding: ['x'], mark: 'text', opaque: false },
      // its own data: the parent's filter does not apply
      { data: 'b', transforms: 0, encoding: ['x'], mark: 'point', opaque: false },
      { data: 'a', transforms: 1, encoding: [], mark: null, opaque: true },
    ]);
  });
});

describe('the theme', () => {
  it('sits under the spec\'s own config, which wins', () => {
    const themed = withTheme({ mark: 'bar', config: { axis: { labelColor: 'red' }, range: { category: ['#000'] } } });
    const config = themed.config as typeof THEME & { axis: Record<string, unknown>; range: Record<string, unknown> };
    expect(config.axis.labelColor).toBe('red');
    expect(config.axis.titleColor).toBe((THEME.axis as Record<string, unknown>).titleColor);
    expect(config.range.category).toEqual(['#000']);
    expect(config.range.ramp).toEqual({ scheme: 'blues' });
  });
});
