/**
 * Templates declare what they read of the partner model (`needs:` and `uses:` in their front matter),
 * and the declaration is checked against what they actually read:
 *   - the model tables its cells read are exactly the declared ones;
 *   - run on a model whose views hold only the declared columns, every cell still runs (nothing read is
 *     undeclared), and every declared column appears in the SQL that ran (nothing declared is unread).
 * Then every template runs on a workspace holding only a user's deals export: each cell gives a result
 * from that data or says what is missing; none reads the demo.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { loadDemo } from '../../src/demo/load';
import { parseNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import { cellKinds } from '../../src/app/kinds';
import { installDemo } from '../../src/model/demo';
import { describeModel } from '../../src/model/describe';
import { modelHooks } from '../../src/model/hooks';
import { importIntoModel } from '../../src/model/import-file';
import { parseNeeds, unmetNeeds } from '../../src/model/needs';
import { MODEL_TABLE_NAMES } from '../../src/model/tables';
import { createTsTestEngine } from '../notebook/ts/engine';
import { nodeCellWorker } from '../notebook/ts/node-worker';

const TEMPLATES = readdirSync(new URL('../../notebooks/', import.meta.url)).filter((f) => f.endsWith('.md'));
const read = (f: string) => parseNotebook(readFileSync(new URL(`../../notebooks/${f}`, import.meta.url), 'utf8'));
const kinds = cellKinds({ tsWorkers: nodeCellWorker });

/** Records every statement sent, to see which columns the analyses' generated SQL reads. */
function recording(engine: Engine, log: string[]): Engine {
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === 'query') return (sql: string, params?: readonly unknown[]) => (log.push(sql), target.query(sql, params));
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function workspace(): Promise<Engine> {
  const engine = await createTsTestEngine();
  await engine.query(`CREATE SCHEMA IF NOT EXISTS model; CREATE SCHEMA IF NOT EXISTS cells; SET search_path = 'main,model,cells'`);
  await installDemo(engine, (e, schema) => loadDemo(e, { scale: 0.1, seed: 11 }, schema));
  return engine;
}

describe('each template declares what it reads of the model', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await workspace();
  });

  it.each(TEMPLATES)('%s', async (file) => {
    const nb = read(file);
    const needs = parseNeeds(nb.frontMatter, 'needs');
    const uses = parseNeeds(nb.frontMatter, 'uses');
    expect(needs.size).toBeGreaterThan(0);
    const declared = new Map<string, Set<string>>();
    for (const m of [needs, uses]) for (const [t, cols] of m) declared.set(t, new Set([...(declared.get(t) ?? []), ...cols]));

    // Views over the demo with only the declared columns of each declared table, and no other model table.
    await engine.query('BEGIN TRANSACTION');
    for (const t of MODEL_TABLE_NAMES) {
      await engine.query(`DROP VIEW IF EXISTS model.${t}`);
      const cols = declared.get(t);
      if (cols) await engine.query(`CREATE VIEW model.${t} AS SELECT ${[...cols].join(', ') || '*'} FROM demo.${t}`);
    }
    await engine.query('COMMIT');
    const log: string[] = [];
    const runner = new Runner(recording(engine, log), () => nb.cells, kinds);
    await runner.init();
    await runner.runAll();
    const names = new Set(nb.cells.map((c) => c.name.toLowerCase()).filter(Boolean));
    const readTables = new Set<string>();
    for (const c of nb.cells) {
      const s = runner.state(c.id);
      if (c.kind === 'markdown') continue;
      expect({ cell: c.name, status: s.status, error: s.error?.message }).toEqual({ cell: c.name, status: 'done', error: undefined });
      for (const r of s.reads) if (!names.has(r.toLowerCase()) && (MODEL_TABLE_NAMES as readonly string[]).includes(r.toLowerCase())) readTables.add(r.toLowerCase());
    }
    expect([...readTables].sort()).toEqual([...declared.keys()].sort());
    const ran = log.join('\n');
    for (const [t, cols] of declared) for (const c of cols) expect({ table: t, column: c, read: new RegExp(`\\b${c}\\b`).test(ran) }).toEqual({ table: t, column: c, read: true });
    await engine.query(`CALL 1`).catch(() => undefined);
  });
});

describe('every template on a workspace holding only a user export of deals', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await workspace();
    const file = new File([readFileSync(new URL('../fixtures/crm-deals-fr.csv', import.meta.url))], 'crm-deals-fr.csv');
    await importIntoModel(engine, file);
  });

  it.each(TEMPLATES)('%s gives results from that data, or says what is missing; never reads the demo', async (file) => {
    const nb = read(file);
    const state = await describeModel(engine);
    expect(state.choice).toBe('mine');
    const runner = new Runner(engine, () => nb.cells, kinds, modelHooks(state, ['crm_deals_fr']));
    await runner.init();
    await runner.runAll();
    const unmet = unmetNeeds(parseNeeds(nb.frontMatter), state);
    let results = 0;
    for (const c of nb.cells) {
      if (c.kind === 'markdown' || c.kind === 'input') continue;
      const s = runner.state(c.id);
      expect({ cell: c.name, status: s.status, error: s.status === 'missing' ? undefined : s.error?.message }).toEqual({
        cell: c.name,
        status: expect.stringMatching(/^(done|missing)$/),
        error: undefined,
      });
      if (s.status === 'missing') expect(s.error!.hint).toMatch(/import|switch/i);
      if (s.status === 'done') {
        results++;
        expect({ cell: c.name, demo: s.result?.provenance?.demo ?? false }).toEqual({ cell: c.name, demo: false });
      }
    }
    // A template whose needs are met gives every result; one that needs what deals cannot give says so.
    if (unmet.length === 0) expect(results).toBeGreaterThan(0);
    else expect(unmet.every((u) => u.tableMissing)).toBe(true);
  });
});
