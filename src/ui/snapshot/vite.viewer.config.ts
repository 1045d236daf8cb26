/**
 * Builds the snapshot viewer on its own, before the app: one classic script (IIFE, no module loading,
 * since a snapshot opens from file:// where module scripts are refused) and one stylesheet, both made
 * safe to inline in an HTML page. The app embeds them as text (viewer-assets.ts).
 *
 *   npx vite build -c src/ui/snapshot/vite.viewer.config.ts --configLoader runner
 *
 * (The runner loader takes this file's TypeScript imports as they are; the default one warns about them.)
 */
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { inlineSafeScript } from '../../snapshot/html';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Where the app expects the built viewer (git-ignored with node_modules, shared by every app build). */
export const VIEWER_OUT_DIR = 'node_modules/.longtail/snapshot-viewer';

function inlineSafe(): Plugin {
  return {
    name: 'longtail-inline-safe-viewer',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        file.code = inlineSafeScript(file.code);
        // The escapes are only valid inside strings, regexps and comments: prove the script still parses.
        new Script(file.code, { filename: file.fileName });
      }
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [svelte(), inlineSafe()],
  // Library builds leave process.env alone; a snapshot has no bundler after it to replace it.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: VIEWER_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    copyPublicDir: false,
    lib: {
      entry: 'src/ui/snapshot/viewer.ts',
      formats: ['iife'],
      name: 'LongtailSnapshotViewer',
      fileName: () => 'viewer.js',
      cssFileName: 'viewer',
    },
  },
});
