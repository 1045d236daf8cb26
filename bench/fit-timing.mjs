// Hand-run: node bench/fit-timing.mjs [scale] [repeats] (see fit-timing.ts).
import { withModule } from './module-runner.mjs';

process.exitCode = await withModule('./fit-timing.ts', (m) => m.main(process.argv.slice(2)));
