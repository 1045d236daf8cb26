/**
 * One tab owns the workspace; messages on the shared channel are checked before the owner lets go.
 * The Web Locks API is not in Node: a small stand-in with its semantics (one holder, a queue served in
 * order, `ifAvailable`, `query`) plays the browser; BroadcastChannel is Node's own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Leadership, leaderMessage, LOCK_NAME, type Locks, type TabRole } from '../../src/store/leader';
import { FakeLocks } from './fake-locks';

const channels: BroadcastChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => c.close()));

/** Resolves when the tab reaches `role`. */
function becomes(l: Leadership, role: TabRole): Promise<void> {
  return new Promise((resolve) => {
    if (l.role === role) resolve();
    const stop = l.subscribe((r) => r === role && (stop(), resolve()));
  });
}

/** Posts on the workspace channel as any script of the origin could, and waits until it is delivered. */
async function post(data: unknown): Promise<void> {
  const from = new BroadcastChannel(LOCK_NAME);
  const seen = new BroadcastChannel(LOCK_NAME);
  channels.push(from, seen);
  const delivered = new Promise((r) => (seen.onmessage = r));
  from.postMessage(data);
  await delivered;
}

describe('the workspace channel', () => {
  it('reads only the messages Longtail sends', () => {
    expect(leaderMessage({ type: 'take-over', tab: '0f8a2c4e-1d2b-4c3a-9e8f-123456789abc' })).toEqual({ type: 'take-over', tab: '0f8a2c4e-1d2b-4c3a-9e8f-123456789abc' });
    for (const bad of [{ type: 'take-over' }, { type: 'take-over', tab: 7 }, { type: 'take-over', tab: 'x' }, { type: 'take-over', tab: '0f8a2c4e-1d2b', extra: 1 }, 'take-over', null, []]) {
      expect(leaderMessage(bad)).toBeNull();
    }
  });

  it('ignores a take-over when no tab is queued for the workspace: the owner keeps it', async () => {
    const fake = new FakeLocks();
    let released = 0;
    const owner = await Leadership.claim(async () => void released++, fake as unknown as Locks);
    await owner.ready;
    // Not a message Longtail sends: not even looked into.
    await post({ type: 'take-over' });
    expect(fake.looks).toBe(0);
    // Well formed, but no tab waits: the owner looks (five times, in case the asker's queueing is late), then keeps it.
    await post({ type: 'take-over', tab: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
    await fake.looked(5);
    await new Promise((r) => setTimeout(r, 0));
    expect([owner.role, released, fake.looks]).toEqual(['leader', 0, 5]);
  });

  it('hands over to a tab that waits for it, and a moved tab can always take it back', async () => {
    const locks = new FakeLocks() as unknown as Locks;
    const released: string[] = [];
    const first = await Leadership.claim(async () => void released.push('first'), locks);
    await first.ready;
    const second = await Leadership.claim(async () => void released.push('second'), locks);
    expect(second.role).toBe('waiting');
    second.requestTakeOver();
    await Promise.all([becomes(first, 'moved'), second.ready]);
    expect([first.role, second.role, released]).toEqual(['moved', 'leader', ['first']]);

    // The first tab reloads ("Take it back") and asks again.
    const again = await Leadership.claim(async () => void released.push('again'), locks);
    again.requestTakeOver();
    await Promise.all([becomes(second, 'moved'), again.ready]);
    expect([second.role, again.role, released]).toEqual(['moved', 'leader', ['first', 'second']]);
  });
});
