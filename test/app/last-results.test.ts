/**
 * Opening on the last results (issue 16.1), through the workspace controller on the Node engine: what a
 * notebook showed is kept, read back before the database opens (the preview), and adopted on the next
 * start without running; an edit, new data or a cell cut off by the page's death each behave as the
 * user expects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceController } from '../../src/app/workspace-controller';
import type { SessionController } from '../../src/app/session-controller';
import { readLastResults } from '../../src/store/last-results';
import { MemoryKv } from '../../src/store/memory-kv';
import { newProfile, nodeHost, type Profile } from './host';
import { FakeLocks } from '../store/fake-locks';

const started: WorkspaceController[] = [];
afterEach(async () => {
  for (const w of started.splice(0)) await w.flush();
});

async function start(profile: Profile) {
  const host = nodeHost(profile);
  // In a browser DuckDB takes a second to start, and the store's preview is read long before; in Node the
  // engine can open first, and then (rightly) no preview is shown. The engine opens here once the preview
  // has been read, so that the test sees the preview every time (it did not, once in a clean clone).
  const preview = host.preview?.bind(host);
  if (preview) {
    let read: Promise<unknown> = Promise.resolve();
    host.preview = () => {
      const p = preview();
      read = p.catch(() => undefined);
      return p;
    };
    const open = host.open.bind(host);
    host.open = async (onProgress) => {
      await read;
      return open(onProgress);
    };
  }
  const ws = new WorkspaceController(host);
  started.push(ws);
  let session: SessionController | null = null;
  const previews: unknown[] = [];
  ws.subscribe((k) => k === 'preview' && ws.preview && previews.push(ws.preview));
  await ws.start(
    () => undefined,
    (s) => (session = s),
  );
  return { ws, host, session: session!, previews };
}

/** The same profile after the tab went away: a new tab lock; the database and the store survive. */
async function restart(profile: Profile, ws: WorkspaceController) {
  await ws.flush();
  started.splice(started.indexOf(ws), 1);
  return start({ ...profile, locks: new FakeLocks() });
}

const cellNamed = (s: SessionController, name: string) => s.notebook.cells.find((c) => c.name === name)!;
const finished = (s: SessionController, name: string) => s.states[cellNamed(s, name).id]?.result?.finishedAt;

describe('opening on the last results', () => {
  it('keeps what the notebook showed, shows it before the engine, and adopts it without running', async () => {
    const profile = newProfile();
    const first = await start(profile);
    expect(first.session.fileName).toBe('welcome.md');
    await first.ws.saveLastResults();
    const kept = await readLastResults(new MemoryKv(profile.kv), 'template:welcome.md');
    expect(kept?.cells['partner_count']).toMatchObject({ status: 'done', result: { rowCount: 1, firstPage: [[60]] } });
    const ranAt = finished(first.session, 'partner_count');

    const second = await restart(profile, first.ws);
    // Before the database: the preview carried the kept results of the notebook to open.
    expect(second.previews).toContainEqual(expect.objectContaining({ current: 'template:welcome.md', last: expect.objectContaining({ cells: expect.objectContaining({ partner_count: expect.anything() }) }) }));
    // After: the same result, not a new run (a run would have a later finishing time).
    expect(finished(second.session, 'partner_count')).toBe(ranAt);
    expect(second.session.states[cellNamed(second.session, 'partner_count').id]?.status).toBe('done');
    expect((await second.session.engine.query('SELECT n FROM cells.partner_count')).toArray()[0]!.toJSON()).toEqual({ n: 60 });
  });

  it('runs again what was edited, and keeps stopped the cell that was running when the page died', async () => {
    const profile = newProfile();
    const first = await start(profile);
    first.session.edit(cellNamed(first.session, 'partner_count').id, 'SELECT count(*) AS n, 1 AS edited FROM partners');
    await first.session.run(cellNamed(first.session, 'partner_count').id);
    await first.ws.flush();
    const id = first.ws.currentId!;
    await first.ws.saveLastResults();
    const ranAt = finished(first.session, 'partner_count');

    // The page dies while the cell runs: its mark is left in localStorage.
    profile.local.setItem('longtail-running', JSON.stringify({ notebook: id, slot: 'partner_count', kind: 'sql' }));
    const second = await restart(profile, first.ws);
    const st = second.session.states[cellNamed(second.session, 'partner_count').id];
    expect(st).toMatchObject({ status: 'error', error: { kind: 'cancelled', message: /still running when the page was closed/ } });
    expect(profile.local.getItem('longtail-running')).toBeNull();

    // Asked, it runs; the next start adopts that run.
    await second.session.runAll();
    const rerun = finished(second.session, 'partner_count');
    expect(rerun).toBeGreaterThan(ranAt!);
    await second.ws.saveLastResults();
    const third = await restart(profile, second.ws);
    expect(finished(third.session, 'partner_count')).toBe(rerun);
  });
});
