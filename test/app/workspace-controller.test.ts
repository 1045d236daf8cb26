/**
 * The workspace's logic on the Node engine, with the store and localStorage in memory and the tab lock
 * played by FakeLocks: what a first start shows, templates that become the user's notebooks only when
 * edited, the journal that keeps every edit across a crash (the page, or the whole browser), new, rename,
 * the bin and reset, tables with undo, export and import, clearing, the recovery offer, and a second tab
 * that shows the workspace read-only and takes it over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceController } from '../../src/app/workspace-controller';
import type { SessionController } from '../../src/app/session-controller';
import { createNodeEngine } from '../../src/engine/node';
import { JOURNAL_PREFIX, MemoryStorage, PENDING } from '../../src/store/journal';
import { MemoryKv } from '../../src/store/memory-kv';
import { WorkspaceStore } from '../../src/store/workspace-store';
import { UNTRUSTED_SETTING } from '../../src/notebook/trust';
import { newProfile, nodeHost, TEMPLATES, type Profile } from './host';
import { FakeLocks } from '../store/fake-locks';

const started: WorkspaceController[] = [];
afterEach(async () => {
  for (const w of started.splice(0)) await w.flush();
});

async function start(profile: Profile, options: Parameters<typeof nodeHost>[1] = {}) {
  const host = nodeHost(profile, options);
  const ws = new WorkspaceController(host);
  started.push(ws);
  let session: SessionController | null = null;
  await ws.start(
    () => undefined,
    (s) => (session = s),
  );
  return { ws, host, session: session! };
}

/** What a fresh look at the profile's store finds: each notebook's file and text. */
async function stored(profile: Profile): Promise<Record<string, string>> {
  const s = await WorkspaceStore.open(new MemoryKv(profile.kv));
  return Object.fromEntries(await Promise.all(s.notebooks.map(async (n) => [n.file, await s.read(n.id)] as const)));
}

/** The page (or the browser) is gone: its storage calls fail from now on, and its tab lock is free. */
function kill(host: ReturnType<typeof nodeHost>, profile: Profile): Profile {
  host.kv!.crashAfter(0);
  return { ...profile, locks: new FakeLocks() };
}

const cellNamed = (s: SessionController, name: string) => s.notebook.cells.find((c) => c.name === name)!;

describe('the workspace controller', () => {
  it('starts a new workspace on the welcome template, run on the demo, and adds nothing to the list', async () => {
    const profile = newProfile();
    const { ws, session } = await start(profile);
    expect([ws.role, ws.currentTemplate, ws.currentId, ws.notebooks]).toEqual(['leader', 'welcome.md', null, []]);
    expect(session.fileName).toBe('welcome.md');
    // The demo at scale 0.03 has 60 partners (test/model/binding.test.ts counts them from the generator).
    expect(session.states[cellNamed(session, 'partner_count').id]?.result?.rowCount).toBe(1);
    expect((await session.engine.query('SELECT n FROM cells.partner_count')).toArray()[0]!.toJSON()).toEqual({ n: 60 });
    expect(await stored(profile)).toEqual({});
  });

  it('makes a template one of the user notebooks on its first edit, named after it, once', async () => {
    const profile = newProfile();
    const { ws, session } = await start(profile);
    await ws.openTemplate('rfm.md');
    expect([ws.currentTemplate, ws.notebooks.length]).toEqual(['rfm.md', 0]);
    const cell = cellNamed(session, 'deal_count');
    session.edit(cell.id, 'SELECT count(*) AS deals FROM deals');
    // Journaled before anything async happened.
    expect(JSON.parse(profile.local.getItem(JOURNAL_PREFIX + PENDING)!)).toMatchObject({ id: expect.any(String), file: 'rfm.md', template: 'rfm.md' });
    session.edit(cell.id, 'SELECT count(*) AS n_deals FROM deals');
    await ws.flush();
    expect(ws.notebooks.map((n) => [n.file, n.template])).toEqual([['rfm.md', 'rfm.md']]);
    expect([ws.currentId, ws.currentTemplate, session.fileName]).toEqual([ws.notebooks[0]!.id, null, 'rfm.md']);
    expect((await stored(profile))['rfm.md']).toContain('SELECT count(*) AS n_deals FROM deals');
    // Saved: nothing is left in the journal.
    expect(profile.local.length).toBe(0);
    // The template opened again shows the template, and nothing new is listed until it is edited.
    await ws.openTemplate('rfm.md');
    expect(cellNamed(session, 'deal_count').source).toBe('SELECT count(*) AS n FROM deals');
    expect(ws.notebooks.length).toBe(1);
  });

  it('opens a template on a partner without making it a notebook; a notebook opened on one keeps the value', async () => {
    const profile = newProfile();
    const { ws, session } = await start(profile);
    const who = () => session.engine.query('SELECT p FROM cells.who').then((t) => String(t.toArray()[0]!.p));
    await ws.openTemplate('partner.md', { partner: 'P2' });
    expect([ws.currentTemplate, ws.notebooks.length, await who()]).toEqual(['partner.md', 0, 'P2']);
    // Another partner named while the page is open: the input changes, the template stays one.
    const [changed] = ws.setInputs({ partner: 'P3' });
    await session.run(changed!);
    expect([ws.currentTemplate, ws.notebooks.length, await who()]).toEqual(['partner.md', 0, 'P3']);
    expect(ws.setInputs({ partner: 'P3' })).toEqual([]);
    await ws.flush();
    expect([profile.local.length, await stored(profile)]).toEqual([0, {}]);
    // The user's own edit makes it a notebook; opened on a partner, the notebook keeps the value.
    session.edit(cellNamed(session, 'who').id, 'SELECT $partner AS p, 1 AS mine');
    await ws.flush();
    const id = ws.currentId!;
    await ws.openTemplate('welcome.md');
    await ws.open(id, { partner: 'P4' });
    await ws.flush();
    expect(await who()).toBe('P4');
    expect((await stored(profile))['partner.md']).toMatch(/```input partner value=P4 label=Partner\n/);
    expect(ws.notebooks.map((n) => n.file)).toEqual(['partner.md']);
  });

  it('keeps an edit the store had not saved when the page died: the journal is replayed at the next start', async () => {
    const profile = newProfile();
    const first = await start(profile);
    first.session.edit(cellNamed(first.session, 'partner_count').id, 'SELECT 1 AS saved');
    await first.ws.flush();
    const id = first.ws.currentId!;
    // The next edit is journaled, and the page dies before the autosave writes it.
    first.session.edit(cellNamed(first.session, 'partner_count').id, 'SELECT 2 AS journaled');
    expect((await stored(profile))['welcome.md']).toContain('SELECT 1 AS saved');
    started.pop();
    const next = await start(kill(first.host, profile));
    expect(next.ws.currentId).toBe(id);
    expect(cellNamed(next.session, 'partner_count').source).toBe('SELECT 2 AS journaled');
    expect((await stored(profile))['welcome.md']).toContain('SELECT 2 AS journaled');
    expect(profile.local.length).toBe(0);
  });

  it('does not bring back an entry whose removal the browser forgot: the store has newer text', async () => {
    const profile = newProfile();
    const first = await start(profile);
    const cell = () => cellNamed(first.session, 'partner_count');
    first.session.edit(cell().id, 'SELECT 1 AS older');
    // localStorage as a killed browser leaves it: the entry written, its removal never committed.
    const stale = profile.local.getItem(`${JOURNAL_PREFIX}${PENDING}`)!;
    await first.ws.flush();
    first.session.edit(cell().id, 'SELECT 2 AS newer');
    await first.ws.flush();
    const id = first.ws.currentId!;
    profile.local.setItem(`${JOURNAL_PREFIX}${PENDING}`, stale);
    profile.local.setItem(`${JOURNAL_PREFIX}${id}`, stale.replace('"id":', '"was":').replace('{', `{"id":"${id}",`));
    started.pop();
    const next = await start(kill(first.host, profile));
    expect(next.ws.notebooks.length).toBe(1);
    expect(cellNamed(next.session, 'partner_count').source).toBe('SELECT 2 AS newer');
  });

  it('keeps an edit when the whole browser died and took localStorage with it: the durable copy', async () => {
    const profile = newProfile();
    const first = await start(profile);
    first.session.edit(cellNamed(first.session, 'partner_count').id, 'SELECT 1 AS saved');
    await first.ws.flush();
    first.session.edit(cellNamed(first.session, 'partner_count').id, 'SELECT 3 AS durable');
    // Let the durable (IndexedDB) put land, as it does within milliseconds, but not the autosave.
    await new Promise((r) => setTimeout(r, 0));
    expect((await profile.kv.get(`${JOURNAL_PREFIX}${first.ws.currentId}`)) ?? null).not.toBeNull();
    started.pop();
    const after = kill(first.host, profile);
    after.local.data.clear();
    const next = await start(after);
    expect(cellNamed(next.session, 'partner_count').source).toBe('SELECT 3 AS durable');
  });

  it('adds a notebook whose first edit the page did not live to record in the store', async () => {
    const profile = newProfile();
    const first = await start(profile);
    first.session.edit(cellNamed(first.session, 'partner_count').id, 'SELECT 4 AS first_edit');
    // The browser as it is the moment after the edit, before anything asynchronous ran: the journal has
    // the edit (both copies), the store has no notebook yet.
    const local = new MemoryStorage();
    for (const [k, v] of profile.local.data) local.setItem(k, v);
    const crashed: Profile = { ...profile, kv: new Map(profile.kv), local, locks: new FakeLocks() };
    expect(await stored(crashed)).toEqual({});
    started.pop();
    const next = await start(crashed);
    expect(next.ws.notebooks.map((n) => [n.file, n.template])).toEqual([['welcome.md', 'welcome.md']]);
    expect(next.session.fileName).toBe('welcome.md');
    expect(cellNamed(next.session, 'partner_count').source).toBe('SELECT 4 AS first_edit');
    // A template is the app's own: it runs by itself.
    expect(next.session.held).toBeNull();
  });

  it('asks "+ New" for a name, refusing a bad or taken one', async () => {
    const { ws, session } = await start(newProfile());
    expect(await ws.newNotebook('')).toBe('Give the notebook a name.');
    expect(await ws.newNotebook('a/b')).toMatch(/cannot contain/);
    expect(await ws.newNotebook('Pipeline review')).toBeNull();
    expect([session.fileName, session.title, ws.notebooks.map((n) => n.file)]).toEqual(['Pipeline review.md', 'Pipeline review', ['Pipeline review.md']]);
    expect(await ws.newNotebook('pipeline review.md')).toBe('A notebook named pipeline review.md already exists.');
    expect(await ws.renameNotebook(ws.currentId!, 'pipeline.md')).toBeNull();
    expect(session.fileName).toBe('pipeline.md');
  });

  it('deletes to a bin that outlives a restart, restores from it, and empties it', async () => {
    const profile = newProfile();
    const first = await start(profile);
    await first.ws.newNotebook('a');
    await first.ws.newNotebook('b');
    const [a, b] = ['a.md', 'b.md'].map((f) => first.ws.notebooks.find((n) => n.file === f)!.id);
    await first.ws.deleteNotebook(b!);
    expect(first.ws.undo).toMatchObject({ kind: 'notebook', label: 'Moved notebook b.md to the bin.' });
    // The open notebook went to the bin: the most recently used other one opens.
    expect([first.ws.currentId, first.session.fileName]).toEqual([a, 'a.md']);
    await first.ws.deleteNotebook(a!);
    expect(first.ws.currentTemplate).toBe('welcome.md');
    await first.ws.flush();
    started.pop();
    const next = await start(kill(first.host, profile));
    expect(next.ws.bin.map((n) => n.file)).toEqual(['a.md', 'b.md']);
    await next.ws.restoreNotebook(b!);
    expect([next.ws.notebooks.map((n) => n.file), next.ws.bin.map((n) => n.file)]).toEqual([['b.md'], ['a.md']]);
    await next.ws.emptyBin();
    expect(next.ws.bin).toEqual([]);
    expect(await stored(profile)).toEqual({ 'b.md': '# b\n' });
  });

  it('resets a notebook to its template, and undoes the reset', async () => {
    const { ws, session } = await start(newProfile());
    await ws.openTemplate('rfm.md');
    session.edit(cellNamed(session, 'deal_count').id, 'SELECT 42 AS mine');
    await ws.flush();
    const id = ws.currentId!;
    await ws.resetToTemplate(id);
    expect(cellNamed(session, 'deal_count').source).toBe('SELECT count(*) AS n FROM deals');
    expect(ws.undo).toMatchObject({ kind: 'reset', label: 'Reset rfm.md to the template RFM.' });
    await ws.undoDelete();
    expect(cellNamed(session, 'deal_count').source).toBe('SELECT 42 AS mine');
  });

  it('lists the tables with rows and fingerprints, renames and deletes them with undo', async () => {
    const { ws, session } = await start(newProfile());
    await session.exclusive(() => session.engine.query('CREATE TABLE visits AS SELECT * FROM (VALUES (1, 12), (2, 7), (3, 3)) t(reseller, n); CREATE TABLE regions AS SELECT 1 AS r'));
    await session.refreshTables();
    const before = ws.listed;
    await ws.refreshTables();
    expect(ws.listed).toBe(before + 1);
    expect(ws.tables.map((t) => [t.name, t.kind, t.rows, t.columns])).toEqual([
      ['regions', 'table', 1, 1],
      ['visits', 'table', 3, 2],
    ]);
    const fp = ws.tables[1]!.fingerprint!;
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(ws.tables[0]!.fingerprint).not.toBe(fp);
    expect(await ws.renameTable('visits', 'regions')).toMatch(/regions/);
    await ws.deleteTable('regions');
    await ws.dismissUndo();
    // Dismissing the undo leaves the table in the bin, with its row.
    expect(ws.tableBin.map((e) => [e.name, e.kind, e.reason, e.rows])).toEqual([['regions', 'table', 'deleted', 1]]);
    expect(await ws.renameTable('visits', 'reseller_visits')).toBeNull();
    expect(ws.tables.map((t) => t.name)).toEqual(['reseller_visits']);
    // Same content, same fingerprint, whatever the name.
    expect(ws.tables[0]!.fingerprint).toBe(fp);
    await ws.deleteTable('reseller_visits');
    expect([ws.tables, ws.undo?.label]).toEqual([[], 'Moved table reseller_visits to the bin.']);
    await ws.undoDelete();
    expect(ws.tables.map((t) => [t.name, t.fingerprint])).toEqual([['reseller_visits', fp]]);
    expect(session.tables.some((t) => t.name === 'reseller_visits')).toBe(true);
    // From the bin: regions comes back with its row; emptying the bin drops what is left in it, and a deleted notebook.
    await ws.restoreBinTable(ws.tableBin[0]!);
    expect(ws.tables.map((t) => [t.name, t.rows])).toEqual([['regions', 1], ['reseller_visits', 3]]);
    expect(ws.tableBin).toEqual([]);
    await ws.deleteTable('regions');
    await ws.newNotebook('scratch');
    await ws.deleteNotebook(ws.notebooks.find((n) => n.file === 'scratch.md')!.id);
    expect([ws.bin.length, ws.tableBin.length]).toEqual([1, 1]);
    await ws.emptyBin();
    expect([ws.bin.length, ws.tableBin.length, ws.undo]).toEqual([0, 0, null]);
    const hidden = await session.engine.query("SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '__longtail_deleted_')");
    expect(Number(hidden.toArray()[0]!.n)).toBe(0);
  });

  it('exports the workspace and imports it elsewhere, every notebook held until the user runs it', async () => {
    const source = await start(newProfile());
    await source.session.exclusive(() => source.session.engine.query('CREATE TABLE visits AS SELECT * FROM (VALUES (1, 12), (2, 7)) t(reseller, n)'));
    await source.ws.newNotebook('visits');
    source.session.append('sql', 'SELECT sum(n) AS total FROM visits');
    await source.ws.exportToFile();
    expect(source.ws.notice?.message).toMatch(/^Exported 1 notebook and \d+ tables, each with its fingerprint\.$/);
    const archive = source.host.downloads.at(-1)!;
    expect(archive.name).toMatch(/^longtail-workspace-\d{4}-\d{2}-\d{2}\.longtail\.zip$/);

    const target = await start(newProfile({ ownEngine: true }));
    const file = Object.assign(archive.data, { name: archive.name });
    expect(await target.ws.importFromFile(file)).toBe(true);
    expect(target.ws.notice?.message).toMatch(/^Imported 1 notebook and \d+ tables; every fingerprint matches the export\.$/);
    expect(target.session.fileName).toBe('visits.md');
    expect(target.session.held).toEqual({ reads: ['visits'], runs: [{ kind: 'sql', count: 1 }] });
    await target.session.runAll();
    // 12 + 7
    expect((await target.session.engine.query('SELECT total FROM cells.q1')).toArray()[0]!.toJSON()).toEqual({ total: 19 });
  });

  // Regression (e2e recovery and workshop, under load): the Workspace panel opened while the model was
  // rebuilt after an archive import listed no table — its listing ran inside the rebuild's transaction.
  it('lists every table when the listing is asked for while the model is being rebuilt', async () => {
    const { ws, session } = await start(newProfile());
    await session.exclusive(() => session.engine.query('CREATE TABLE visits AS SELECT * FROM (VALUES (1, 12), (2, 7)) t(reseller, n)'));
    await ws.refreshTables();
    const expected = ws.tables.map((t) => [t.name, t.fingerprint]);
    expect(expected.map(([n]) => n)).toContain('visits');
    // The listing is asked for at the worst moment: just after the rebuild's transaction began.
    const engine = session.engine;
    const query = engine.query.bind(engine);
    let listing: Promise<void> | null = null;
    let inTransaction = false;
    const seen: string[] = [];
    engine.query = async (sql, params) => {
      const result = await query(sql, params);
      seen.push(sql.slice(0, 40));
      if (inTransaction && listing === null && /^\s*(CREATE|DROP)/i.test(sql)) listing = ws.refreshTables();
      if (sql === 'BEGIN TRANSACTION') inTransaction = true;
      return result;
    };
    try {
      await session.modelChangedQuietly();
      expect(listing, seen.join('\n')).not.toBeNull();
      await listing;
    } finally {
      engine.query = query;
    }
    expect(ws.tables.map((t) => [t.name, t.fingerprint])).toEqual(expected);
  });

  it('adds a notebook opened from a file at once, held until the user runs it, and remembers the go-ahead', async () => {
    const profile = newProfile();
    const { ws, session } = await start(profile);
    await session.open('# From a colleague\n\n```sql x\nSELECT 1 AS one\n```\n', 'colleague.md', false);
    session.hold();
    await ws.flush();
    await new Promise((r) => setTimeout(r, 0));
    const entry = ws.notebooks.find((n) => n.file === 'colleague.md')!;
    expect(ws.currentId).toBe(entry.id);
    const untrusted = async () => (await WorkspaceStore.open(new MemoryKv(profile.kv))).settings[UNTRUSTED_SETTING];
    expect(await untrusted()).toEqual([entry.id]);
    await session.runAll();
    await ws.flush();
    expect(await untrusted()).toEqual([]);
  });

  it('clears everything, then reloads', async () => {
    const profile = newProfile();
    const { ws, host } = await start(profile);
    await ws.newNotebook('a');
    await ws.clearAll();
    expect([host.cleared, host.reloads, profile.kv.size]).toEqual([1, 1, 0]);
  });

  it('says what opening a damaged database did, and offers the damaged file', async () => {
    const setAside = new Map([['workspace.duckdb.wal.damaged-x', new Blob(['bytes'])]]);
    const { ws, host } = await start(newProfile(), { dbRecovery: { kind: 'log-set-aside', kept: 'workspace.duckdb.wal.damaged-x', error: 'Failure while replaying WAL file' }, setAside });
    expect(ws.recovery).toMatchObject({ kind: 'log-set-aside' });
    await ws.saveSetAside();
    expect(host.downloads.map((d) => d.name)).toEqual(['workspace.duckdb.wal.damaged-x']);
    await ws.removeSetAside();
    expect([ws.recovery, setAside.size]).toEqual([null, 0]);
  });

  it('shows a second tab the workspace read-only, then hands it over when asked', async () => {
    const profile = newProfile();
    const owner = await start(profile);
    await owner.session.exclusive(() => owner.session.engine.query('CREATE TABLE visits AS SELECT 1 AS n'));
    await owner.session.refreshTables();
    await owner.ws.newNotebook('mine');
    owner.session.append('sql', 'SELECT n FROM visits');
    await owner.ws.flush();
    // An edit not yet saved: the second tab reads it from the journal.
    owner.session.append('sql', 'SELECT 2 AS unsaved');

    const tab = new WorkspaceController(nodeHost(profile));
    started.push(tab);
    let second: SessionController | null = null;
    const starting = tab.start(
      () => undefined,
      (s) => (second = s),
    );
    await new Promise<void>((resolve) => {
      if (tab.preview) resolve();
      tab.subscribe((k) => k === 'preview' && tab.preview && resolve());
    });
    expect(tab.role).toBe('waiting');
    const p = tab.preview!;
    expect(p.notebooks.map((n) => [n.file, n.unsaved])).toEqual([['mine.md', true]]);
    expect(p.notebooks[0]!.text).toContain('SELECT 2 AS unsaved');
    expect(p.current).toBe(owner.ws.currentId);
    expect(p.tables.map((t) => t.name)).toContain('visits');

    tab.requestTakeOver();
    await starting;
    expect([owner.ws.role, tab.role, tab.preview]).toEqual(['moved', 'leader', null]);
    // Everything the owner had was saved before it let go.
    expect(second!.fileName).toBe('mine.md');
    expect(second!.text()).toContain('SELECT 2 AS unsaved');
    expect(TEMPLATES.length).toBe(3);
  });

  it('checkpoints the database when the page is hidden', async () => {
    const engine = await createNodeEngine();
    const seen: string[] = [];
    const spy = { ...engine, query: (sql: string, params?: readonly unknown[]) => (seen.push(sql), engine.query(sql, params)) };
    const { ws } = await start(newProfile(), { engine: spy });
    seen.length = 0;
    ws.pageHidden();
    await ws.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toContain('CHECKPOINT');
  });
});
