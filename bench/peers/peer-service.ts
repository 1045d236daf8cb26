/**
 * The child-process side of a remote peer: opens the peer (imported only now, so a missing package is
 * an error sent back, not a crash of the run) and answers calls from the parent until it disconnects.
 */
import type { Peer } from './peer';

export type PeerKind = 'native' | 'arquero';

/** What the parent sends: a method of Peer and its arguments. */
export interface PeerRequest {
  id: number;
  method: 'importDeals' | 'loadPartners' | 'analysis' | 'reset';
  args: unknown[];
}

export type PeerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Sent once, first: the peer opened (its name, version, threads) or could not be. */
export type PeerHello = { ready: true; name: string; version: string; threads: number } | { ready: false; message: string };

async function open(kind: PeerKind): Promise<Peer> {
  if (kind === 'native') return (await import('./native')).openNative();
  return (await import('./arquero')).openArquero();
}

const send = (message: PeerHello | PeerReply) => process.send!(message);

export async function servePeer(kind: string): Promise<void> {
  if (!process.send) throw new Error('peer-child.mjs must be started by the benchmark (it talks over IPC).');
  let peer: Peer;
  try {
    if (kind !== 'native' && kind !== 'arquero') throw new Error(`Unknown peer ${kind}.`);
    peer = await open(kind);
  } catch (err) {
    send({ ready: false, message: err instanceof Error ? err.message : String(err) });
    return;
  }
  send({ ready: true, name: peer.name, version: peer.version, threads: peer.threads });
  await new Promise<void>((resolve) => {
    process.on('disconnect', resolve);
    process.on('message', async (req: PeerRequest) => {
      try {
        const fn = peer[req.method] as (...a: unknown[]) => Promise<unknown>;
        send({ id: req.id, ok: true, value: await fn.apply(peer, req.args) });
      } catch (err) {
        send({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  await peer.close();
}
