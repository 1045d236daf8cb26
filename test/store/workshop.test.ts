/**
 * A workshop: the workspace saved as it was prepared, and put back exactly after a session — tables,
 * notebooks (their inputs included) and the model's bindings — whatever the participants did meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { MemoryKv } from '../../src/store/memory-kv';
import { WorkspaceStore } from '../../src/store/workspace-store';
import { fingerprintTable } from '../../src/store/fingerprint';
import { tableNames } from '../../src/store/tables';
import { resetToWorkshop, saveWorkshop, workshopArchive, workshopInfo } from '../../src/store/workshop';
import { readArchive } from '../../src/store/archive';
import { bindImport, boundImports } from '../../src/model/binding';

const NOTEBOOK = '---\ntitle: Atelier\n---\n\n```input min_amount type=number value=1000\n```\n\n```sql big\nSELECT * FROM deals WHERE amount >= $min_amount\n```\n';

describe('a workshop', () => {
  it('is put back exactly after a session, however the session changed the workspace', async () => {
    const engine = await createNodeEngine();
    const kv = new MemoryKv();
    const store = await WorkspaceStore.open(kv);
    await engine.query(`CREATE TABLE export_crm AS SELECT * FROM (VALUES ('d1', 'P1', DATE '2025-01-03', 1200.5, 'won'), ('d2', 'P2', DATE '2025-02-01', 80.0, 'lost')) t(id, partner, closed, amount, stage)`);
    await bindImport(engine, {
      table: 'deals',
      sourceTable: 'export_crm',
      importId: 1,
      mapping: { table: 'deals', columns: { deal_id: 'id', partner_id: 'partner', closed_at: 'closed', amount: 'amount', status: 'stage' }, statusValues: { won: 'won', lost: 'lost' } },
    });
    const nb = await store.create('atelier.md', NOTEBOOK);
    expect(await workshopInfo(kv)).toBeNull();

    const info = await saveWorkshop(engine, store, kv, () => new Date('2026-12-07T09:00:00Z'));
    expect(info).toMatchObject({ savedAt: '2026-12-07T09:00:00.000Z', notebooks: 1, tables: 1 });
    const before = {
      tables: await tableNames(engine),
      fingerprint: (await fingerprintTable(engine, { schema: 'main', name: 'export_crm' })).sha256,
      text: await store.read(nb.id),
      bound: await boundImports(engine),
    };

    // The session: an input moved, a table deleted, another one made, a notebook added.
    await store.save(nb.id, NOTEBOOK.replace('value=1000', 'value=50'));
    await engine.query(`DELETE FROM export_crm WHERE id = 'd2'; CREATE TABLE scratch AS SELECT 42 AS answer`);
    await store.create('notes.md', '# Ideas from the room\n');

    await resetToWorkshop(engine, store, kv);
    expect(await tableNames(engine)).toEqual(before.tables);
    expect((await fingerprintTable(engine, { schema: 'main', name: 'export_crm' })).sha256).toBe(before.fingerprint);
    expect(store.notebooks.map((n) => n.file)).toEqual(['atelier.md']);
    expect(await store.read(store.notebooks[0]!.id)).toBe(before.text);
    expect(await boundImports(engine)).toEqual(before.bound);

    // The same archive can be handed out: it reads like any workspace export.
    const bytes = await workshopArchive(kv);
    expect((await readArchive(bytes!)).manifest.notebooks.map((n) => n.file)).toEqual(['atelier.md']);
  });

  it('says plainly when none was saved', async () => {
    const engine = await createNodeEngine();
    const kv = new MemoryKv();
    await expect(resetToWorkshop(engine, await WorkspaceStore.open(kv), kv)).rejects.toThrow(/No workshop is saved/);
  });
});
