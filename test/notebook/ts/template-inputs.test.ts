/**
 * The template notebooks' input cells drive their analyses: changing one re-runs exactly its dependants
 * with the new value. Checked on the engagement notebook, whose call-now list must follow the threshold
 * and whose scores must follow the points table's weights.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { loadDemo } from '../../../src/demo/load';
import { parseNotebook } from '../../../src/notebook/format';
import { Runner } from '../../../src/notebook/runner';
import type { Cell } from '../../../src/notebook/model';
import { createTsTestEngine } from './engine';
import { cellKinds } from '../../../src/app/kinds';

let engine: Engine;
let cells: Cell[];
let runner: Runner;

const byName = (name: string) => cells.find((c) => c.name === name)!;
const one = async (sql: string) => (await engine.query(sql)).toArray()[0]!.toJSON() as Record<string, number>;

function setValue(name: string, value: string): void {
  const a = byName(name).attrs.find((x) => x.key === 'value')!;
  a.value = value;
}

beforeAll(async () => {
  engine = await createTsTestEngine();
  await loadDemo(engine);
  const text = readFileSync(new URL('../../../notebooks/engagement.md', import.meta.url), 'utf8');
  cells = parseNotebook(text).cells.filter((c) => c.kind === 'sql' || c.kind === 'analysis' || c.kind === 'input');
  runner = new Runner(engine, () => cells, cellKinds());
  await runner.init();
  await runner.runAll();
});

describe('engagement template inputs', () => {
  it('moves the call-now list with the threshold, re-running only what depends on it', async () => {
    const started: string[] = [];
    const off = runner.subscribe((id) => {
      if (id && runner.state(id).status === 'running') started.push(cells.find((c) => c.id === id)!.name);
    });
    setValue('threshold', '40');
    await runner.run(byName('threshold').id);
    off();
    // the points table and the inputs it reads do not depend on the threshold
    expect(started).toEqual(['threshold', 'engagement_scores', 'diamonds_summary', 'call_now', 'diamonds_in_the_rough', 'diamond_interactions']);
    // counted a second way: partners whose score reaches the new threshold
    const { listed } = await one('SELECT count(*) AS listed FROM call_now');
    const { reaching } = await one('SELECT count(*) AS reaching FROM engagement_scores WHERE score >= 40');
    expect(listed).toBe(reaching);
    expect(listed).toBeGreaterThan(0);
    expect((await one('SELECT min(score) AS m FROM call_now')).m).toBeGreaterThanOrEqual(40);
  });

  it('scores with the weights of the points inputs', async () => {
    setValue('points_webinar', '0');
    setValue('points_trade_show', '0');
    await runner.run(byName('points_webinar').id);
    await runner.run(byName('points_trade_show').id);
    expect(await one("SELECT count(*) AS n FROM engagement_points WHERE kind IN ('webinar', 'trade_show') AND points = 0")).toEqual({ n: 2 });
    // the best score is now made of opens (1), visits (3) and clicks (5) only: recompute it from the activities
    const { best } = await one('SELECT max(score) AS best FROM engagement_scores');
    const { recomputed } = await one(`
      SELECT max(s) AS recomputed FROM (
        SELECT a.partner_id, sum(CASE lower(trim(a.kind)) WHEN 'email_open' THEN 1 WHEN 'site_visit' THEN 3 WHEN 'email_click' THEN 5 ELSE 0 END) AS s
        FROM activities a, (SELECT DISTINCT as_of, window_start FROM engagement_scores) w
        WHERE a.occurred_at < w.as_of AND a.occurred_at >= w.window_start
        GROUP BY a.partner_id)`);
    expect(best).toBe(recomputed);
  });
});
