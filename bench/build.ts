/**
 * Builds the app as `npm run build` does, and the bench page, each into its own folder under /tmp
 * (never dist/, which the e2e suite and other engineers use). The app build also writes Vite's
 * manifest, from which bench/sizes.ts finds the initial chunks.
 *
 * The builds run as `vite build` child processes, as npm's scripts run them, with NODE_ENV set to
 * production: the module runner that runs this benchmark sets it to development, and a build that
 * inherits that is a development build (no service worker registration, Svelte's dev checks, workbox in
 * development mode).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const APP_DIST = process.env.LONGTAIL_BENCH_APP_DIST ?? '/tmp/bench-dist';
export const PAGE_DIST = process.env.LONGTAIL_BENCH_PAGE_DIST ?? '/tmp/bench-page-dist';

/** Where src/ui/snapshot/vite.viewer.config.ts puts the snapshot viewer the app embeds. */
const VIEWER = 'node_modules/.longtail/snapshot-viewer/viewer.js';

function vite(repo: string, args: string[]): void {
  const bin = path.join(repo, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [bin, 'build', '--logLevel', 'warn', ...args], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export function buildApp(repo: string): void {
  // The viewer's folder is shared by every build of every working copy and emptied by its build:
  // rebuilding it while someone else's build reads it would break theirs, so build it only if absent.
  if (!existsSync(path.join(repo, VIEWER))) vite(repo, ['-c', 'src/ui/snapshot/vite.viewer.config.ts']);
  vite(repo, ['--outDir', APP_DIST, '--emptyOutDir', '--manifest']);
}

export function buildPage(repo: string): void {
  vite(repo, ['-c', 'bench/page/vite.config.ts', '--outDir', PAGE_DIST, '--emptyOutDir']);
}
