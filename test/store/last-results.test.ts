import { describe, it, expect } from 'vitest';
import { MemoryKv } from '../../src/store/memory-kv';
import { clearRunning, markRunning, readLastResults, takeRunning, withInterrupted, writeLastResults, type SyncStorage } from '../../src/store/last-results';
import { LAST_RESULTS_VERSION, type LastResults } from '../../src/notebook/last-results';

/** localStorage's synchronous surface over a Map (what the browser gives; Node has none). */
function storage(): SyncStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const last: LastResults = {
  version: LAST_RESULTS_VERSION,
  savedAt: 1,
  cells: { totals: { name: 'totals', kind: 'sql', status: 'done', key: 'k1', result: { relation: 'cells."totals"', rowCount: 2, columns: [], elapsedMs: 3, finishedAt: 4, firstPage: [[1], [2]] } } },
};

describe('last results in the store', () => {
  it('reads back what was written, per notebook', async () => {
    const kv = new MemoryKv();
    await writeLastResults(kv, 'nb1', last);
    expect(await readLastResults(kv, 'nb1')).toEqual(last);
    expect(await readLastResults(kv, 'nb2')).toBeNull();
  });

  it('ignores a record it cannot read (another version, broken bytes)', async () => {
    const kv = new MemoryKv();
    await kv.put('last/a', new TextEncoder().encode('{"version":99,"cells":{}}'));
    await kv.put('last/b', new Uint8Array([0xff, 0x00, 0x7b]));
    expect(await readLastResults(kv, 'a')).toBeNull();
    expect(await readLastResults(kv, 'b')).toBeNull();
  });

  it('remembers the cell that was running when the page went away, once', () => {
    const s = storage();
    markRunning(s, { notebook: 'nb1', slot: 'totals', kind: 'sql' });
    const mark = takeRunning(s);
    expect(mark).toEqual({ notebook: 'nb1', slot: 'totals', kind: 'sql' });
    expect(takeRunning(s)).toBeNull();
    expect(withInterrupted(last, 'nb1', mark)!.cells['totals']!.status).toBe('running');
    // Another notebook's mark changes nothing.
    expect(withInterrupted(last, 'nb2', mark)).toBe(last);
    // A cell that had never finished before is kept stopped too.
    expect(withInterrupted(null, 'nb1', { notebook: 'nb1', slot: 'slow', kind: 'ts' })!.cells['slow']).toEqual({ name: 'slow', kind: 'ts', status: 'running' });
    markRunning(s, { notebook: 'nb1', slot: 'totals', kind: 'sql' });
    clearRunning(s);
    expect(s.map.size).toBe(0);
  });
});
