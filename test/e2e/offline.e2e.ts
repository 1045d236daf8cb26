/**
 * Offline, as at a workshop with no network: after one visit the service worker has the whole app
 * (DuckDB's wasm and worker included), so with the network off the app starts, runs a query, draws a
 * chart, imports a file and shares a snapshot. It installs as a PWA. A new version waits for the user
 * and reloads onto it only when asked, after saving. The app is served here from a copy of the build,
 * so that the test can publish a "new version" of it without touching the build the other tests use.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { openApp, cell, resultRows, settled, typeInto, screenshot, type AppSession } from './browser';
import { addSqlCell, editorText, importCsv, ready, saved } from './workspace-helpers';
import { freePort } from './server';

let server: PreviewServer;
let copy: string;
let app: AppSession;

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), 'longtail-offline-dist-'));
  cpSync(process.env.LONGTAIL_DIST ?? 'dist', copy, { recursive: true });
  const port = await freePort();
  server = await preview({ build: { outDir: copy }, preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  app = await openApp({ baseUrl: `http://127.0.0.1:${port}/` });
  await ready(app.page);
  // The service worker has precached everything (35 MB of wasm among it) and controls the page.
  await app.page.locator('[data-testid="offline-ready"]').waitFor({ timeout: 90_000 });
  await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('offline', () => {
  it('installs as a PWA: a manifest with a standalone display and its icons', async () => {
    const manifest = await app.page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      const m = (await (await fetch(href)).json()) as { display: string; start_url: string; icons: { src: string; sizes: string }[] };
      const icons = await Promise.all(m.icons.map(async (i) => ({ sizes: i.sizes, status: (await fetch(new URL(i.src, href))).status })));
      return { display: m.display, start: m.start_url, icons };
    });
    expect(manifest.display).toBe('standalone');
    expect(manifest.start).toBe('/');
    expect(manifest.icons).toEqual(expect.arrayContaining([{ sizes: '192x192', status: 200 }, { sizes: '512x512', status: 200 }]));
  });

  it('starts with the network off, runs a query and draws a chart', async () => {
    const { page, context } = app;
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    // The network is really off: what the service worker has not kept cannot be fetched. (Chromium 156
    // no longer reports navigator.onLine = false in a document loaded after the emulation began.)
    await expect(page.evaluate(() => fetch(`/not-precached-${Date.now()}.txt`).then(() => 'reached', () => 'offline'))).resolves.toBe('offline');
    // 2 programmes in the demo; their ids, worked out from the generator's fixed list
    const q = await addSqlCell(page, "SELECT count(*) AS n, string_agg(program_id, ',' ORDER BY program_id) AS ids FROM programs");
    expect(await resultRows(page, q)).toEqual([['2', 'PRG01,PRG02']]);

    await cell(page, 'revenue_by_year').locator('[data-testid="chart-button"]').click();
    const dialog = page.locator('[data-testid="chart-builder"]');
    await dialog.locator('[data-testid="chart-y"]').selectOption('revenue');
    await dialog.locator('svg text', { hasText: 'Sum of revenue by year' }).waitFor({ timeout: 60_000 });
    await dialog.locator('[data-testid="chart-insert"]').click();
    const chart = cell(page, 'chart1');
    await chart.locator('[data-testid="chart"] svg :is(g.mark-line, g.mark-rect) path').first().waitFor({ timeout: 60_000 });
    await chart.and(page.locator('[data-status="done"]')).waitFor({ timeout: 60_000 });
    await settled(page);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-chart');
  });

  it('imports a file and shares a snapshot with the network off', async () => {
    const { page } = app;
    const csv = 'reseller;visits\nNordic IT;12\nSud Réseaux;7\n';
    await importCsv(page, 'offline_visits.csv', csv);
    const total = await addSqlCell(page, 'SELECT sum(visits) AS total FROM offline_visits');
    // 12 + 7
    expect(await resultRows(page, total)).toEqual([['19']]);

    await page.locator('[data-testid="share"]').click();
    const dialog = page.locator('[data-testid="share-dialog"]');
    const save = dialog.locator('[data-testid="share-save"]');
    await save.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="share-save"]:disabled'), undefined, { timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'longtail-offline-share-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file).toMatch(/\.html$/);
    expect(statSync(file).size).toBeGreaterThan(100_000);
    expect(readFileSync(file, 'utf8')).toContain('offline_visits');
    if (await dialog.isVisible()) await page.keyboard.press('Escape');
  });

  it('offers a new version, and reloads onto it only when asked, keeping the unsaved edit', async () => {
    const { page, context } = app;
    await context.setOffline(false);
    await saved(page);
    // A new build: its service worker differs by a byte, which is what browsers compare.
    appendFileSync(path.join(copy, 'sw.js'), '\n// next version\n');
    await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
    await page.locator('[data-testid="update-banner"]').waitFor({ timeout: 60_000 });
    await screenshot(page, 'update-banner');
    // Nothing reloads by itself: the user is in the middle of an edit.
    const edited = 'SELECT 42 AS answer';
    await typeInto(page, 'revenue_by_year', edited);
    const navigated = page.waitForEvent('framenavigated', { timeout: 60_000 });
    await page.locator('[data-testid="apply-update"]').click();
    await navigated;
    await ready(page);
    expect(await editorText(page, 'revenue_by_year')).toBe(edited);
    await expect(page.locator('[data-testid="update-banner"]').count()).resolves.toBe(0);
  });

  it('made no request outside its own origin', () => {
    expect(app.foreign()).toEqual([]);
  });
});
