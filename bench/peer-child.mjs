// A peer (native DuckDB or Arquero) in a process of its own, started by bench/peers/remote-peer.ts:
// a call that never ends (a model fit that does not converge blocks JavaScript) can then be stopped
// by ending the process, and its memory goes back to the system between runs.
import { withModule } from './module-runner.mjs';

await withModule('./peers/peer-service.ts', (m) => m.servePeer(process.argv[2]));
