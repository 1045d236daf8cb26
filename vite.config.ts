import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { appPolicy, responseHeaders } from './src/security/csp';
import { demoDatabase } from './build/demo-database';

const ARROW_IS_VALID = fileURLToPath(new URL('./src/engine/arrow-is-valid.ts', import.meta.url));

/**
 * apache-arrow compiles its builders' null test with `new Function`, which the app's policy forbids
 * (no 'unsafe-eval'): its `builder/valid.mjs` is replaced by src/engine/arrow-is-valid.ts everywhere,
 * the TypeScript cells' worker included.
 */
function arrowWithoutEval(): Plugin {
  return {
    name: 'longtail-arrow-without-eval',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './builder/valid.mjs' && importer && /[\\/]apache-arrow[\\/]/.test(importer)) return ARROW_IS_VALID;
      return null;
    },
  };
}

/**
 * The app's Content Security Policy in index.html's <meta> (right after the charset, before any script),
 * from src/security/csp.ts: it holds on any static server.
 */
function policyMeta(): Plugin {
  const meta = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;
  return {
    name: 'longtail-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!meta.test(html)) throw new Error('index.html has no Content-Security-Policy <meta> to fill in.');
        return html.replace(meta, (_m, open: string, close: string) => `${open}${appPolicy().replace(/"/g, '&quot;')}${close}`);
      },
    },
  };
}

/**
 * `virtual:longtail-demo-database`: the URL of the demo workspace as a DuckDB file (build/demo-database.ts),
 * emitted with the build and precached, which a first start copies in instead of generating the demo
 * (src/ui/demo.ts). The dev server has none (null): the page generates the demo.
 */
function demoDatabaseAsset(): Plugin {
  const id = 'virtual:longtail-demo-database';
  let building = false;
  return {
    name: 'longtail-demo-database',
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId: (source) => (source === id ? `\0${id}` : null),
    async load(resolved) {
      if (resolved !== `\0${id}`) return null;
      if (!building) return 'export default null;';
      const ref = this.emitFile({ type: 'asset', name: 'demo.duckdb', source: await demoDatabase(fileURLToPath(new URL('.', import.meta.url))) });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}

/**
 * Headers of `npm start`'s server (and the e2e tests'): the policy again, with what a <meta> cannot say,
 * and cross-origin isolation (COOP/COEP), which lets DuckDB run its multi-threaded build.
 */
const HEADERS = responseHeaders();

export default defineConfig({
  plugins: [
    arrowWithoutEval(),
    policyMeta(),
    demoDatabaseAsset(),
    svelte(),
    // Offline: a service worker (src/sw.ts) precaches the whole app, DuckDB's eh wasm and worker included
    // (35 MB), and adds the policy to every response it serves. The mvp build (39 MB more) is left out:
    // only browsers without WebAssembly exceptions pick it, and those (before 2022) cannot run Longtail
    // anyway. Updates wait for the user (src/ui/workspace/pwa.svelte.ts).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Longtail — partner analytics',
        short_name: 'Longtail',
        description: 'Local-first partner analytics notebook. Your data never leaves this machine.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest,duckdb}'],
        globIgnores: ['**/duckdb-mvp-*.wasm', '**/duckdb-browser-mvp.worker-*.js'],
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
      },
    }),
  ],
  // DuckDB-WASM ships its own workers and wasm; Vite must not pre-bundle it.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  // One classic script per worker: the TypeScript cells' runtime is read as text and run from a blob
  // inside the sandbox (src/notebook/ts/sandbox.ts), where module imports could not be fetched.
  worker: { format: 'iife', plugins: () => [arrowWithoutEval()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  preview: { port: 4173, strictPort: false, headers: HEADERS },
});
