import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { MemoryKv, PageCrashed, type CrashKind } from '../../src/store/memory-kv';
import { WorkspaceError, WorkspaceStore, fileNameProblem, uniqueFile } from '../../src/store/workspace-store';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A clock that ticks one second per call, and ids n1, n2… (unique across reopened stores, as UUIDs are). */
let ids = 0;
function options() {
  let t = Date.UTC(2026, 0, 1);
  return { now: () => (t += 1000), newId: () => `n${++ids}` };
}

const open = (kv: MemoryKv) => WorkspaceStore.open(kv, options());
/** What a reopened store shows: each notebook's file and text. */
async function contents(kv: MemoryKv): Promise<[string, string][]> {
  const s = await WorkspaceStore.open(new MemoryKv(kv.data));
  return Promise.all(s.notebooks.map(async (n) => [n.file, await s.read(n.id)] as [string, string]));
}

describe('workspace store', () => {
  it('keeps notebooks across a reopen, with title, size and SHA-256 of the text', async () => {
    const kv = new MemoryKv();
    const s = await open(kv);
    const text = '---\ntitle: Partner review\n---\n\n```sql q1\nSELECT 1\n```\n';
    const e = await s.create('review.md', text);
    // 54 bytes: 4 + 22 + 4 + 1 + 10 + 9 + 4, line by line.
    expect(e).toMatchObject({ file: 'review.md', title: 'Partner review', sha256: sha(text), size: 54 });
    await s.save(e.id, text + 'More.\n');
    expect(await contents(kv)).toEqual([['review.md', text + 'More.\n']]);
  });

  it('writes nothing when the text did not change', async () => {
    const kv = new MemoryKv();
    const s = await open(kv);
    const e = await s.create('a.md', '# A\n');
    const puts = kv.puts;
    await s.save(e.id, '# A\n');
    expect(kv.puts).toBe(puts);
  });

  // The heart of atomicity: a page killed during any write of any change — the write lost, or half of it
  // written — reopens on the state before that change, complete and readable.
  for (const kind of ['lost', 'torn'] as CrashKind[]) {
    it(`reopens on the last good version when the page dies during any write (${kind})`, async () => {
      const steps: ((s: WorkspaceStore) => Promise<unknown>)[] = [
        (s) => s.create('a.md', '# A\nfirst\n'),
        (s) => s.save(s.notebooks[0]!.id, '# A\nsecond\n'),
        (s) => s.create('b.md', '# B\n'),
        (s) => s.duplicate(s.notebooks[0]!.id),
        (s) => s.rename(s.notebooks[1]!.id, 'c.md'),
        (s) => s.save(s.notebooks[0]!.id, '# A\nthird\n'),
        (s) => s.remove(s.notebooks[0]!.id),
      ];
      // The state after each step, by hand.
      const after: [string, string][][] = [
        [],
        [['a.md', '# A\nfirst\n']],
        [['a.md', '# A\nsecond\n']],
        [['a.md', '# A\nsecond\n'], ['b.md', '# B\n']],
        [['a.md', '# A\nsecond\n'], ['a-copy.md', '# A\nsecond\n'], ['b.md', '# B\n']],
        [['a.md', '# A\nsecond\n'], ['c.md', '# A\nsecond\n'], ['b.md', '# B\n']],
        [['a.md', '# A\nthird\n'], ['c.md', '# A\nsecond\n'], ['b.md', '# B\n']],
        [['c.md', '# A\nsecond\n'], ['b.md', '# B\n']],
      ];
      let crashes = 0;
      for (let step = 0; step < steps.length; step++) {
        for (let put = 0; ; put++) {
          // Replay the steps before, then crash at the `put`-th write of this step.
          const kv = new MemoryKv();
          let s = await open(kv);
          for (const done of steps.slice(0, step)) await done(s);
          kv.crashAfter(put, kind);
          const outcome = await steps[step]!(s).then(
            () => 'completed',
            (e: unknown) => (e instanceof PageCrashed ? 'crashed' : e),
          );
          if (outcome === 'completed') break;
          expect(outcome).toBe('crashed');
          crashes++;
          expect(await contents(kv)).toEqual(after[step]);
          // …and the reopened store works on from there.
          s = await WorkspaceStore.open(new MemoryKv(kv.data), options());
          await steps[step]!(s);
          expect(await contents(new MemoryKv(kv.data))).toEqual(after[step + 1]);
        }
      }
      // Every step wrote at least its head: each was interrupted at least once.
      expect(crashes).toBeGreaterThanOrEqual(steps.length);
    });
  }

  it('opens the previous version when the newest head is damaged', async () => {
    const kv = new MemoryKv();
    const s = await open(kv);
    const e = await s.create('a.md', 'one\n'); // head seq 1 → slot head/1
    await s.save(e.id, 'two\n'); // head seq 2 → slot head/0
    const bytes = kv.data.get('head/0')!;
    bytes[10] = bytes[10]! ^ 0xff; // a flipped byte fails the slot's checksum
    const reopened = await WorkspaceStore.open(new MemoryKv(kv.data));
    expect(reopened.recovery).toBe('previous-version');
    expect(await reopened.read(reopened.notebooks[0]!.id)).toBe('one\n');
  });

  it('refuses a change that does not fit and stays exactly as it was', async () => {
    const kv = new MemoryKv();
    const s = await open(kv);
    const e = await s.create('a.md', 'short\n');
    kv.quota = kv.used() + 100;
    await expect(s.save(e.id, 'x'.repeat(500))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await s.read(e.id)).toBe('short\n');
    expect(s.notebooks[0]!.size).toBe(6);
    kv.quota = Infinity;
    await s.save(e.id, 'x'.repeat(500));
    expect(await contents(kv)).toEqual([['a.md', 'x'.repeat(500)]]);
  });

  it('keeps only the blobs of the current and the previous head', async () => {
    const kv = new MemoryKv();
    const s = await open(kv);
    const e = await s.create('a.md', 'v1');
    for (const v of ['v2', 'v3', 'v4']) await s.save(e.id, v);
    expect((await kv.keys('blob/')).sort()).toEqual([`blob/${sha('v3')}`, `blob/${sha('v4')}`].sort());
  });

  it('renames, refusing a taken or malformed name', async () => {
    const s = await open(new MemoryKv());
    const a = await s.create('a.md', '# A');
    await s.create('b.md', '# B');
    await expect(s.rename(a.id, 'B.md')).rejects.toThrow('A notebook named B.md already exists.');
    await expect(s.rename(a.id, 'x/y.md')).rejects.toBeInstanceOf(WorkspaceError);
    expect((await s.rename(a.id, 'alpha.md')).file).toBe('alpha.md');
    expect(s.notebooks.map((n) => n.file)).toEqual(['alpha.md', 'b.md']);
  });

  it('deletes to a bin that outlives a restart, restores from it, and empties it for good', async () => {
    const kv = new MemoryKv();
    const s = await open(kv);
    const a = await s.create('a.md', '# A');
    const b = await s.create('b.md', '# B');
    await s.setSetting('currentNotebook', a.id);
    await s.remove(a.id);
    expect(s.notebooks.map((n) => n.file)).toEqual(['b.md']);
    expect(s.settings.currentNotebook).toBeUndefined();
    await s.restore(a.id);
    expect(await contents(kv)).toEqual([['b.md', '# B'], ['a.md', '# A']]);
    await s.remove(a.id);
    await s.remove(b.id);
    // A restart keeps the bin, text and all, and writes nothing.
    const reopened = new MemoryKv(kv.data);
    const next = await WorkspaceStore.open(reopened, options());
    expect(reopened.puts).toBe(0);
    expect(next.deleted.map((n) => n.file)).toEqual(['b.md', 'a.md']);
    expect(await next.read(a.id)).toBe('# A');
    await next.restore(a.id);
    expect(next.notebooks.map((n) => n.file)).toEqual(['a.md']);
    await next.purge(b.id);
    expect(next.deleted).toEqual([]);
    await expect(next.restore(b.id)).rejects.toThrow('can no longer be restored');
    // Its text goes with the next change, when neither head refers to it any more.
    await next.setSetting('theme', 'light');
    expect((await kv.keys('blob/')).length).toBe(1);
    await next.remove(a.id);
    await next.emptyBin();
    await next.setSetting('theme', 'dark');
    expect(await kv.keys('blob/')).toEqual([]);
  });

  it('records settings, when notebooks were opened and when tables were used', async () => {
    const s = await open(new MemoryKv());
    const a = await s.create('a.md', '# A'); // t0 + 1 s
    await s.opened(a.id); // t0 + 2 s
    await s.tablesUsed(['deals', 'partners']); // t0 + 3 s
    await s.tableRenamed('deals', 'won_deals');
    await s.tableRenamed('partners', null);
    const t0 = Date.UTC(2026, 0, 1);
    expect(s.notebooks[0]).toMatchObject({ createdAt: t0 + 1000, lastUsedAt: t0 + 2000 });
    expect(s.settings).toEqual({ currentNotebook: a.id });
    expect(s.tableUse).toEqual({ won_deals: t0 + 3000 });
  });
});

describe('notebook file names', () => {
  it('checks names and finds a free one', () => {
    expect(fileNameProblem('ok.md')).toBeNull();
    expect(fileNameProblem('no-extension')).toBe('A notebook name ends with .md.');
    expect(fileNameProblem(' a.md')).toBe('A name cannot start or end with a space.');
    expect(fileNameProblem('a:b.md')).toMatch(/cannot contain/);
    expect(uniqueFile('a.md', ['A.md', 'a-2.md'])).toBe('a-3.md');
    expect(uniqueFile('b.md', ['a.md'])).toBe('b.md');
  });
});
