/**
 * A reload during the service worker's first install (regression). The install downloads the whole app
 * (45 MB); on a busy machine it outlasts the first page, and a user who reloads meanwhile got a page that
 * never said "offline ready": workbox-window follows only a worker that starts installing after its own
 * registration, and this one had started under the previous page. Here the worker's download of the
 * engine's wasm is held until the page has been reloaded, so the install is surely still running then.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { openApp, type AppSession } from './browser';
import { ready } from './workspace-helpers';

let app: AppSession | undefined;
afterAll(async () => {
  await app?.close();
});

describe('first install', () => {
  it('reaches "offline ready" when the page is reloaded while the service worker installs', async () => {
    const held: Route[] = [];
    let release = false;
    app = await openApp({
      beforeOpen: async (context) => {
        await context.route(/\.wasm$/, (route) => {
          // Only the worker's precache download waits; the page's own engine loads as usual.
          if (route.request().serviceWorker() && !release) held.push(route);
          else void route.continue();
        });
      },
    });
    const { page } = app;
    await ready(page);
    // The worker is installing, its wasm download held.
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.installing != null, undefined, { timeout: 120_000 });
    await expect.poll(() => held.length, { timeout: 120_000 }).toBeGreaterThan(0);
    await page.reload();
    await ready(page);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.installing != null)).toBe(true);
    release = true;
    for (const r of held.splice(0)) await r.continue();
    await page.locator('[data-testid="offline-ready"]').waitFor({ timeout: 240_000 });
    // The new worker takes this page over (clientsClaim), so it now opens offline.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  }, 600_000);
});
