import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { Autosave, type SaveState } from '../../src/store/autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A write that records what was written and when (fake ms since the test started). */
function recorder(start: number) {
  const writes: [number, string, string][] = [];
  const write = async (key: string, value: string) => {
    writes.push([Date.now() - start, key, value]);
  };
  return { writes, write };
}

describe('autosave', () => {
  it('writes 300 ms after the last edit', async () => {
    const start = Date.now();
    const r = recorder(start);
    const a = new Autosave(r.write);
    a.change('nb', 'a');
    await vi.advanceTimersByTimeAsync(200);
    a.change('nb', 'ab'); // restarts the quiet period: due at 500 ms
    await vi.advanceTimersByTimeAsync(299);
    expect(r.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.writes).toEqual([[500, 'nb', 'ab']]);
  });

  it('writes at the latest one second after the first unsaved edit while the user keeps typing', async () => {
    const start = Date.now();
    const r = recorder(start);
    const a = new Autosave(r.write);
    // A keystroke every 100 ms for 2.5 s: never 300 ms of quiet.
    for (let k = 1; k <= 25; k++) {
      a.change('nb', 'x'.repeat(k));
      await vi.advanceTimersByTimeAsync(100);
    }
    // First edit at 0 → written at 1000 with the 10 keystrokes typed by then (at 0…900 ms); the next
    // unsaved edit comes at 1000 → written at 2000 with 20; the rest 300 ms after the last (2400 → 2700).
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.writes.map(([t, , v]) => [t, v.length])).toEqual([
      [1000, 10],
      [2000, 20],
      [2700, 25],
    ]);
  });

  it('writes only the latest value of each key, all of them on flush', async () => {
    const r = recorder(Date.now());
    const a = new Autosave(r.write);
    a.change('one', '1a');
    a.change('two', '2a');
    a.change('one', '1b');
    expect(await a.flush()).toBe(true);
    expect(r.writes.map(([, k, v]) => [k, v])).toEqual([
      ['one', '1b'],
      ['two', '2a'],
    ]);
    expect(a.state).toBe('saved');
    expect(a.dirty).toBe(false);
  });

  it('keeps what could not be written, says so, and writes it on the retry', async () => {
    let full = true;
    const written: string[] = [];
    const states: SaveState[] = [];
    const a = new Autosave(async (_k, v) => {
      if (full) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      written.push(v);
    });
    a.subscribe((s) => states.push(s));
    a.change('nb', 'draft');
    await vi.advanceTimersByTimeAsync(300);
    expect(a.state).toBe('failed');
    expect((a.error as Error).name).toBe('QuotaExceededError');
    expect(a.dirty).toBe(true);
    full = false;
    await vi.advanceTimersByTimeAsync(5000); // the retry
    expect(written).toEqual(['draft']);
    expect(states).toEqual(['pending', 'saving', 'failed', 'saving', 'saved']);
  });

  it('does not let a failed write overwrite a newer edit made meanwhile', async () => {
    const written: string[] = [];
    let fail = true;
    let a!: Autosave;
    a = new Autosave(async (_k, v) => {
      if (fail) {
        a.change('nb', 'newer'); // typed while the write was in flight
        fail = false;
        throw new Error('disk error');
      }
      written.push(v);
    });
    a.change('nb', 'older');
    await a.flush();
    await a.flush();
    expect(written).toEqual(['newer']);
  });
});
