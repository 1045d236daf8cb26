// Entry point of `npm run bench [-- --quick]`: bench/main.ts, run through Vite's module runner.
import { withModule } from './module-runner.mjs';

process.exitCode = await withModule('./main.ts', (m) => m.main(process.argv.slice(2)));
