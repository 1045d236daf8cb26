/**
 * What a tab that does not own the workspace can read of it: notebooks as saved (or newer, from the
 * journal), the table list the owner recorded, what the owner has open — and reading writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Journal, MemoryStorage, PENDING } from '../../src/store/journal';
import { MemoryKv } from '../../src/store/memory-kv';
import { readPreview, tableListSetting, TABLE_LIST_SETTING } from '../../src/store/preview';
import { WorkspaceStore } from '../../src/store/workspace-store';

describe('the read-only preview of a workspace', () => {
  it('shows notebooks, unsaved edits, the recorded tables and the open notebook, writing nothing', async () => {
    const kv = new MemoryKv();
    const store = await WorkspaceStore.open(kv);
    const a = await store.create('a.md', '# Alpha\n');
    await store.create('b.md', '# Beta\n');
    await store.opened(a.id);
    await store.setSetting(TABLE_LIST_SETTING, tableListSetting([{ name: 'visits', rows: 3, columns: [{ name: 'n', type: 'INTEGER' }] }, { name: 'deals', rows: NaN, columns: [] }]));
    const local = new MemoryStorage();
    const journal = new Journal(local, null);
    journal.write(a.id, { id: a.id, file: 'a.md', text: '# Alpha, edited\n' });
    journal.write(PENDING, { id: 'n-new', file: 'rfm.md', text: '# RFM, mine\n', template: 'rfm.md' });
    const reader = new MemoryKv(kv.data);
    const p = await readPreview(reader, new Journal(local, reader));
    expect(reader.puts).toBe(0);
    expect(p.notebooks.map((n) => [n.file, n.title, n.unsaved])).toEqual([
      ['a.md', 'Alpha, edited', true],
      ['b.md', 'Beta', false],
      ['rfm.md', 'RFM, mine', true],
    ]);
    expect(p.current).toBe(a.id);
    expect(p.tables).toEqual([
      { name: 'visits', rows: 3, columns: [{ name: 'n', type: 'INTEGER' }] },
      { name: 'deals', rows: null, columns: [] },
    ]);
    await store.showingTemplate('welcome.md');
    expect((await readPreview(new MemoryKv(kv.data), null)).current).toBe('template:welcome.md');
  });
});
