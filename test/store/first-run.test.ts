import { describe, it, expect } from 'vitest';
import { startingNotebook } from '../../src/store/first-run';
import { MemoryKv } from '../../src/store/memory-kv';
import { WorkspaceStore } from '../../src/store/workspace-store';

const options = { welcome: 'welcome.md', templates: ['welcome.md', 'rfm.md'] };

describe('the notebook Longtail starts on', () => {
  it('is the welcome template on a first start, and nothing is written', async () => {
    const kv = new MemoryKv();
    const store = await WorkspaceStore.open(kv);
    expect(startingNotebook(store, options)).toEqual({ kind: 'template', file: 'welcome.md' });
    expect(kv.puts).toBe(0);
    expect(store.notebooks).toEqual([]);
  });

  it('is the notebook a returning user had open', async () => {
    const kv = new MemoryKv();
    const first = await WorkspaceStore.open(kv);
    await first.create('a.md', '# A');
    const b = await first.create('b.md', '# B');
    await first.opened(b.id);
    const store = await WorkspaceStore.open(new MemoryKv(kv.data));
    const start = startingNotebook(store, options);
    expect([start?.kind === 'notebook' && start.entry.file, store.notebooks.length]).toEqual(['b.md', 2]);
  });

  it('is the template a returning user was reading, unless it is no longer shipped', async () => {
    const kv = new MemoryKv();
    const first = await WorkspaceStore.open(kv);
    const a = await first.create('a.md', '# A');
    await first.opened(a.id);
    await first.showingTemplate('rfm.md');
    expect(startingNotebook(await WorkspaceStore.open(new MemoryKv(kv.data)), options)).toEqual({ kind: 'template', file: 'rfm.md' });
    await first.showingTemplate('gone.md');
    const start = startingNotebook(await WorkspaceStore.open(new MemoryKv(kv.data)), options);
    expect(start?.kind === 'notebook' && start.entry.file).toBe('a.md');
  });
});
