/**
 * The quick chart's proposals drawn over the demo workspace: for every demo table, and for counts per
 * each of its category columns, the proposed spec is valid Vega-Lite, its axes say what they show, and
 * no two axis labels overlap — judged from Vega's own scenegraph (each label item's bounds) in a
 * container 300 px wide (what Vega assumes without one, as in static snapshot drawings) and in cells
 * of a tablet's and a desktop's width.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import type { Column } from '../../src/engine/values';
import { loadDemo, DEMO_TABLE_NAMES } from '../../src/demo';
import { describeRelation } from '../../src/notebook/kinds/sql-cell';
import { choiceSpec, columnStats, fieldRole, proposeChart } from '../../src/charts/propose';
import { prepareChart } from '../../src/charts/data-step';
import { withTheme } from '../../src/charts/theme';
import type { JsonObject } from '../../src/charts/json';
import { ident } from '../../src/analytics/sql';
import { schemaErrors } from './schema';

const WIDTHS = [300, 600, 900];

interface Box {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface Scene {
  marktype?: string;
  role?: string;
  items?: Scene[];
  bounds?: { x1: number; y1: number; x2: number; y2: number };
  text?: unknown;
  opacity?: number;
}

/** The visible labels of each axis of a drawn spec, with their bounds, by axis orientation. */
async function axisLabels(spec: JsonObject): Promise<{ orient: string; title: string; labels: Box[] }[]> {
  const compiled = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  await view.runAsync();
  const axes: { orient: string; title: string; labels: Box[] }[] = [];
  const visit = (node: Scene) => {
    if (node.role === 'axis') {
      for (const axis of node.items ?? []) {
        const item = axis as unknown as { orient?: string; datum?: { labels?: boolean } };
        // Vega-Lite draws grid lines as an axis of their own, without labels
        if (item.datum?.labels === false) continue;
        const labels: Box[] = [];
        let title = '';
        const walk = (n: Scene) => {
          if (n.role === 'axis-label') {
            for (const it of n.items ?? []) {
              if (it.opacity === 0 || !it.bounds) continue;
              labels.push({ text: String(it.text), ...it.bounds });
            }
            return;
          }
          if (n.role === 'axis-title') {
            for (const it of n.items ?? []) title = String(it.text);
            return;
          }
          for (const c of n.items ?? []) walk(c);
        };
        walk(axis);
        axes.push({ orient: String(item.orient ?? ''), title, labels });
      }
      return;
    }
    for (const c of node.items ?? []) visit(c);
  };
  visit((view.scenegraph() as unknown as { root: Scene }).root);
  view.finalize();
  return axes;
}

/** Pairs of labels whose boxes share more than a hair (0.5 px) of area. */
function overlaps(labels: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      if (w > 0.5 && h > 0.5) out.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return out;
}

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await loadDemo(engine);
}, 120_000);
afterAll(async () => {
  await engine?.close();
});

async function columnsOf(relation: string): Promise<Column[]> {
  return (await describeRelation({ engine } as never, relation)).columns;
}

/** Proposes a chart for a relation, draws it at each width and returns what a test checks. */
async function proposeAndDraw(relation: string, dataName: string) {
  const columns = await columnsOf(relation);
  const stats = await columnStats(engine, relation, columns);
  const choice = proposeChart(columns, stats);
  const spec = choiceSpec(choice, columns, dataName, stats);
  expect(schemaErrors(spec)).toEqual([]);
  expect(spec.width).toBe('container');
  const prepared = await prepareChart(engine, spec);
  const drawn = [];
  for (const width of WIDTHS) {
    // What `width: "container"` does in a cell of that width: the whole chart, axes included, fits it.
    const axes = await axisLabels(withTheme({ ...prepared.spec, width, autosize: { type: 'fit-x', contains: 'padding' } }));
    drawn.push({ width, axes });
  }
  return { choice, spec, columns, stats, drawn };
}

function expectNoOverlap(what: string, drawn: Awaited<ReturnType<typeof proposeAndDraw>>['drawn']) {
  for (const { width, axes } of drawn) {
    expect(axes.length, `${what} at ${width} px has axes`).toBeGreaterThan(0);
    for (const axis of axes) {
      expect(axis.labels.length, `${what} at ${width} px: the ${axis.orient} axis shows labels`).toBeGreaterThan(0);
      expect(overlaps(axis.labels), `${what} at ${width} px, ${axis.orient} axis`).toEqual([]);
    }
  }
}

describe('the overlap check', () => {
  it('finds labels that run into each other (a control: flat labels forced on long names)', async () => {
    const values = Array.from({ length: 10 }, (_, i) => ({ name: `Programme de fidélisation ${i}`, cost: i }));
    const spec: JsonObject = {
      data: { values },
      width: 300,
      mark: 'bar',
      encoding: { x: { field: 'name', type: 'nominal', axis: { labelAngle: 0 } }, y: { field: 'cost', type: 'quantitative' } },
    };
    const axes = await axisLabels(spec);
    const bottom = axes.find((a) => a.orient === 'bottom')!;
    expect(bottom.labels).toHaveLength(10);
    expect(overlaps(bottom.labels).length).toBeGreaterThan(5);
  });
});

describe('proposed charts over the demo tables', () => {
  for (const table of DEMO_TABLE_NAMES) {
    it(`${table}: a sensible chart whose axis labels never overlap`, async () => {
      const { choice, spec, drawn } = await proposeAndDraw(ident(table), table);
      expectNoOverlap(table, drawn);
      // every axis is titled with a column's name or a measure in words
      const enc = spec.encoding as Record<string, JsonObject>;
      for (const ch of ['x', 'y'] as const) {
        const title = enc[ch]?.title;
        if (title === undefined) continue;
        expect(String(title)).toMatch(/^(Number of rows|(Sum|Average|Median|Minimum|Maximum) of \w+|\w+( \((day|month|year|ranges)\))?)$/);
      }
      expect(choice.x ?? choice.y).not.toBeNull();
    }, 60_000);
  }

  it('deals: the amount summed over months of closed_at, a line per product', async () => {
    const { choice, spec, drawn } = await proposeAndDraw('deals', 'deals');
    // product is the first column with at most 8 values (the palette's colours)
    expect(choice).toEqual({ mark: 'line', x: 'closed_at', y: 'amount', color: 'product', aggregate: 'sum' });
    const enc = spec.encoding as Record<string, JsonObject>;
    expect(enc.x).toMatchObject({ field: 'closed_at', type: 'temporal', timeUnit: 'yearmonth', title: 'closed_at (month)' });
    expect(enc.y).toMatchObject({ field: 'amount', aggregate: 'sum', title: 'Sum of amount' });
    expect(drawn[0]!.axes.map((a) => a.title).sort()).toEqual(['Sum of amount', 'closed_at (month)']);
  });

  it('surveys: scores are averaged, not summed', async () => {
    const { choice, spec } = await proposeAndDraw('surveys', 'surveys');
    expect(choice).toMatchObject({ y: 'score', aggregate: 'mean' });
    expect((spec.encoding as Record<string, JsonObject>).y!.title).toBe('Average of score');
  });
});

describe('a category against a measure, for every category column of the demo', () => {
  it('puts the category along x (or down y when there are many), labels apart at every width', async () => {
    let charts = 0;
    let standing = 0;
    let flat = 0;
    for (const table of DEMO_TABLE_NAMES) {
      const columns = await columnsOf(ident(table));
      const stats = await columnStats(engine, ident(table), columns);
      for (const c of columns.filter((c) => fieldRole(c, stats) === 'category')) {
        const name = `${table}_by_${c.name}`;
        await engine.query(`CREATE OR REPLACE TABLE ${ident(name)} AS SELECT ${ident(c.name)}, count(*) AS n FROM ${ident(table)} GROUP BY ALL`);
        const { choice, spec, stats: s, drawn } = await proposeAndDraw(ident(name), name);
        const many = s.distinct[c.name]! > 12;
        // few values stand along x with the count summed up y; many lie down, a row each
        expect(choice).toEqual(many ? { mark: 'bar', x: 'n', y: c.name, color: null, aggregate: 'sum' } : { mark: 'bar', x: c.name, y: 'n', color: null, aggregate: 'sum' });
        const enc = spec.encoding as Record<string, JsonObject>;
        expect(enc[many ? 'x' : 'y']!.title).toBe('Sum of n');
        expect(enc[many ? 'y' : 'x']!.title).toBe(c.name);
        expectNoOverlap(name, drawn);
        if (!many) {
          const xLabels = drawn.map((d) => d.axes.find((a) => a.orient === 'bottom')!.labels);
          // standing labels are taller than wide, flat ones wider than tall (for more than two letters)
          for (const labels of xLabels) {
            const tall = labels.filter((l) => l.y2 - l.y1 > l.x2 - l.x1).length;
            if (tall) standing++;
            else flat++;
          }
        }
        charts++;
      }
    }
    expect(charts).toBeGreaterThan(8);
    // both layouts occur over the demo's columns and widths
    expect(standing).toBeGreaterThan(0);
    expect(flat).toBeGreaterThan(0);
  }, 240_000);

  it('the issue\'s case: status and a count make bars per status, titled in words, wide enough to read', async () => {
    await engine.query(`CREATE OR REPLACE TABLE status_counts AS SELECT status, count(*) AS n FROM deals GROUP BY status`);
    const { choice, spec, drawn } = await proposeAndDraw('status_counts', 'status_counts');
    expect(choice).toEqual({ mark: 'bar', x: 'status', y: 'n', color: null, aggregate: 'sum' });
    expect(spec.title).toBe('Sum of n by status');
    const [narrow, , wide] = drawn;
    // at 900 px the three statuses lie flat, far apart; the plot spans the width, not 60 px
    const labels = wide!.axes.find((a) => a.orient === 'bottom')!.labels;
    expect(labels.map((l) => l.text).sort()).toEqual(['lost', 'open', 'won']);
    expect(labels.every((l) => l.x2 - l.x1 > l.y2 - l.y1)).toBe(true);
    const xs = labels.map((l) => (l.x1 + l.x2) / 2).sort((a, b) => a - b);
    expect(xs[2]! - xs[0]!).toBeGreaterThan(400);
    expect(narrow!.axes.find((a) => a.orient === 'bottom')!.labels).toHaveLength(3);
  });

  it('years along a line lie flat when there is room', async () => {
    await engine.query(`CREATE OR REPLACE TABLE revenue_by_year AS SELECT year(closed_at) AS year, sum(amount) AS revenue FROM deals GROUP BY ALL`);
    const { choice, drawn } = await proposeAndDraw('revenue_by_year', 'revenue_by_year');
    expect(choice).toEqual({ mark: 'line', x: 'year', y: 'revenue', color: null, aggregate: 'sum' });
    // in 300 px the y labels (120,000,000) leave the line about 170 px: 34 px a year, less than a
    // label's 35 px at 0.8 em a character (and the gap), so the years stand; in 600 and 900 px they lie flat
    for (const { width, axes } of drawn) {
      const years = axes.find((a) => a.orient === 'bottom')!.labels;
      expect(years.map((l) => l.text)).toEqual(['2021', '2022', '2023', '2024', '2025']);
      expect(years.every((l) => l.x2 - l.x1 > l.y2 - l.y1)).toBe(width > 300);
    }
    expectNoOverlap('revenue_by_year', drawn);
  });

  it('long names stand up at a narrow width and lie down when there is room', async () => {
    await engine.query(
      `CREATE OR REPLACE TABLE long_names AS SELECT 'Programme de fidélisation ' || i AS programme, i * 10.0 AS cost FROM range(1, 9) t(i)`,
    );
    const { drawn } = await proposeAndDraw('long_names', 'long_names');
    const bottom = (k: number) => drawn[k]!.axes.find((a) => a.orient === 'bottom')!.labels;
    expect(bottom(0).every((l) => l.y2 - l.y1 > l.x2 - l.x1)).toBe(true);
    expectNoOverlap('long_names', drawn);
  });
});
