import { describe, it, expect, beforeEach, beforeAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { startingNotebook } from '../../src/store/first-run';
import { MemoryKv } from '../../src/store/memory-kv';
import { WorkspaceStore } from '../../src/store/workspace-store';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
beforeEach(async () => {
  await engine.query('DROP TABLE IF EXISTS partners; DROP TABLE IF EXISTS mine');
});

const welcome = { file: 'welcome.md', text: '# Welcome\n' };
/** The demo, reduced to one table: what matters here is whether it is built. */
let demoBuilt = 0;
const loadDemo = async (e: Engine) => {
  demoBuilt++;
  await e.query(`CREATE TABLE partners AS SELECT 'p1' AS partner_id`);
};

describe('the notebook Longtail starts on', () => {
  it('builds the demo and the welcome notebook on a first start', async () => {
    const store = await WorkspaceStore.open(new MemoryKv());
    demoBuilt = 0;
    const nb = await startingNotebook(engine, store, { welcome, loadDemo });
    expect(demoBuilt).toBe(1);
    expect(nb?.file).toBe('welcome.md');
    expect(await store.read(nb!.id)).toBe('# Welcome\n');
  });

  it('gives a returning user the notebook they had open, and no demo', async () => {
    const kv = new MemoryKv();
    const first = await WorkspaceStore.open(kv);
    await first.create('a.md', '# A');
    const b = await first.create('b.md', '# B');
    await first.opened(b.id);
    const store = await WorkspaceStore.open(new MemoryKv(kv.data));
    demoBuilt = 0;
    const nb = await startingNotebook(engine, store, { welcome, loadDemo });
    expect([demoBuilt, nb?.file, store.notebooks.length]).toEqual([0, 'b.md', 2]);
  });

  it('never builds the demo over tables of the user, even with no notebook left', async () => {
    await engine.query(`CREATE TABLE mine AS SELECT 1 AS x`);
    const store = await WorkspaceStore.open(new MemoryKv());
    demoBuilt = 0;
    const nb = await startingNotebook(engine, store, { welcome, loadDemo });
    expect([demoBuilt, nb?.file]).toEqual([0, 'welcome.md']);
  });
});
