/**
 * The edit journal: each entry written synchronously and durably, the newest copy of each key read back,
 * removal only of the text the store now holds, and a full localStorage that does not stop the durable copy.
 */
import { describe, expect, it } from 'vitest';
import { Journal, JOURNAL_PREFIX, MemoryStorage } from '../../src/store/journal';
import { MemoryKv } from '../../src/store/memory-kv';

/** A clock that ticks one millisecond per call. */
function clock(start = 1_000) {
  let t = start;
  return () => t++;
}

describe('the edit journal', () => {
  it('writes an entry synchronously, and starts its durable copy in the same task', async () => {
    const local = new MemoryStorage();
    const kv = new MemoryKv();
    const j = new Journal(local, kv, clock());
    expect(j.write('n1', { id: 'n1', file: 'a.md', text: '# A' })).toBe(true);
    // Nothing awaited yet: both copies are there.
    expect(JSON.parse(local.getItem(`${JOURNAL_PREFIX}n1`)!)).toEqual({ id: 'n1', file: 'a.md', text: '# A', at: 1000 });
    expect(new TextDecoder().decode(kv.data.get(`${JOURNAL_PREFIX}n1`))).toBe(local.getItem(`${JOURNAL_PREFIX}n1`));
    await j.idle();
  });

  it('reads back the newest copy of each key, oldest entry first, and drops what it cannot read', async () => {
    const local = new MemoryStorage();
    const kv = new MemoryKv();
    const tick = clock();
    const j = new Journal(local, kv, tick);
    j.write('n1', { id: 'n1', file: 'a.md', text: 'one' });
    j.write('n2', { id: 'n2', file: 'b.md', text: 'two' });
    await j.idle();
    // localStorage lost the newer write of n1 (a killed browser); IndexedDB has it.
    const older = local.getItem(`${JOURNAL_PREFIX}n1`)!;
    j.write('n1', { id: 'n1', file: 'a.md', text: 'one, edited' });
    await j.idle();
    local.setItem(`${JOURNAL_PREFIX}n1`, older);
    local.setItem(`${JOURNAL_PREFIX}broken`, '{not json');
    local.setItem('someone-else', 'x');
    const entries = await new Journal(local, kv).entries();
    expect(entries.map((e) => [e.key, e.entry.text, e.entry.at])).toEqual([
      ['n2', 'two', 1001],
      ['n1', 'one, edited', 1002],
    ]);
  });

  it('removes an entry once the store holds its text, not when an edit since made it newer', async () => {
    const local = new MemoryStorage();
    const kv = new MemoryKv();
    const j = new Journal(local, kv, clock());
    j.write('n1', { id: 'n1', file: 'a.md', text: 'first' });
    j.write('n1', { id: 'n1', file: 'a.md', text: 'second' });
    // The store finished writing "first" after "second" was typed: the entry stays.
    j.settled('n1', 'first');
    await j.idle();
    expect((await j.entries()).map((e) => e.entry.text)).toEqual(['second']);
    j.settled('n1', 'second');
    await j.idle();
    expect(await j.entries()).toEqual([]);
    expect([local.length, await kv.keys(JOURNAL_PREFIX)]).toEqual([0, []]);
  });

  it('keeps the durable copy when localStorage is full or refused, and says when both are', async () => {
    const local = new MemoryStorage();
    local.quota = 10;
    const kv = new MemoryKv();
    const j = new Journal(local, kv, clock());
    expect(j.write('n1', { id: 'n1', file: 'a.md', text: 'longer than ten characters' })).toBe(true);
    await j.idle();
    expect(local.length).toBe(0);
    expect((await j.entries()).map((e) => e.entry.text)).toEqual(['longer than ten characters']);
    expect(new Journal(null, null).write('n1', { id: 'n1', file: 'a.md', text: 'x' })).toBe(false);
    expect(new Journal(local, null).write('n1', { id: 'n1', file: 'a.md', text: 'too long for the quota' })).toBe(false);
  });

  it('lands the last of many quick edits last', async () => {
    const kv = new MemoryKv();
    const j = new Journal(null, kv, clock());
    for (let k = 1; k <= 50; k++) j.write('n1', { id: 'n1', file: 'a.md', text: 'x'.repeat(k) });
    await j.idle();
    expect((await j.entries())[0]!.entry.text).toBe('x'.repeat(50));
  });

  it('keeps one durable write on its way per key: the edits made meanwhile go as one, the newest', async () => {
    const kv = new MemoryKv();
    const puts: string[] = [];
    const put = kv.put.bind(kv);
    kv.put = (key: string, value: Uint8Array) => {
      puts.push(`${key}=${JSON.parse(new TextDecoder().decode(value)).text}`);
      return put(key, value);
    };
    const j = new Journal(null, kv, clock());
    for (let k = 1; k <= 50; k++) j.write('n1', { id: 'n1', file: 'a.md', text: 'x'.repeat(k) });
    j.write('n2', { id: 'n2', file: 'b.md', text: 'other' });
    await j.idle();
    // The first edit of each key at once; the 49 edits of n1 made while it was on its way, as one write.
    expect(puts).toEqual([`${JOURNAL_PREFIX}n1=x`, `${JOURNAL_PREFIX}n2=other`, `${JOURNAL_PREFIX}n1=${'x'.repeat(50)}`]);
    expect((await j.entries()).map((e) => e.entry.text).sort()).toEqual(['other', 'x'.repeat(50)]);
    // A removal queued behind a write wins over it, as the newest operation on the key.
    j.write('n2', { id: 'n2', file: 'b.md', text: 'again' });
    j.remove('n2');
    await j.idle();
    expect([...kv.data.keys()]).toEqual([`${JOURNAL_PREFIX}n1`]);
  });
});
