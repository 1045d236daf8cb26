/**
 * Builds the bench page (bench/page) with the settings of the app's own build (vite.config.ts) that
 * matter to the engine: self-hosted DuckDB files, ES workers, the same target. No service worker and
 * no UI. Beside it, the bare DuckDB-WASM page (bare.html) the cold-start rows are compared with. The
 * output folder is given by the caller (bench/build.ts), never dist/.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
    emptyOutDir: true,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        bare: fileURLToPath(new URL('./bare.html', import.meta.url)),
      },
    },
  },
});
