/**
 * Debian's Chromium and the flags that keep the browser itself quiet (no updates, sync or background
 * requests), so that every request seen is the app's. Shared by the e2e tests and the benchmark.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
