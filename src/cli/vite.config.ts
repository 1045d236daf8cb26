/**
 * Builds the command line for Node 20 (which cannot run TypeScript): src/cli/main.ts and the TypeScript-
 * cell worker, as ES modules, into node_modules/.longtail/cli (git-ignored, next to the snapshot viewer).
 * Packages stay outside the bundle and load from node_modules — one apache-arrow, and DuckDB's native
 * binding where npm put it. `npm install` runs this (the `prepare` script); bin/longtail.mjs runs it
 * again when a source file is newer than the build.
 *
 *   npx vite build -c src/cli/vite.config.ts --configLoader runner
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where bin/longtail.mjs looks for the build. */
export const CLI_OUT_DIR = 'node_modules/.longtail/cli';

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  // Sucrase's ES-module build imports its files without extensions, which Node refuses: bundle it.
  ssr: { noExternal: ['sucrase'] },
  build: {
    ssr: true,
    outDir: CLI_OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    rolldownOptions: {
      input: { main: 'src/cli/main.ts', 'ts-worker': 'src/cli/ts-worker.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
