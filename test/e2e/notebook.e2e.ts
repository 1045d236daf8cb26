import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, settled, cell, typeInto, screenshot, runEdited, resultText, clickRun, type AppSession, typeNewSqlCell } from './browser';
import { ready } from './workspace-helpers';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
  // The opened notebook's cells are idle for a moment before they are queued: wait for its run to end.
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

const rowCount = async (name: string) => (await cell(app.page, name).locator('[data-testid="row-count"]').innerText()).trim();

describe('the app in Chromium', () => {
  it('opens on the welcome notebook over the demo data, with results visible', async () => {
    const { page } = app;
    await expect(page.locator('[data-testid="notebook-title"]').innerText()).resolves.toBe('Welcome to Longtail');
    for (const name of ['tables_overview', 'revenue_by_year', 'partner_revenue', 'top_fifth']) {
      await expect(cell(page, name).getAttribute('data-status')).resolves.toBe('done');
    }
    expect(await rowCount('tables_overview')).toBe('6 rows');
    expect(await rowCount('revenue_by_year')).toBe('5 rows');
    // the overview shows real counts from the demo generator
    const text = await resultText(page, 'tables_overview');
    expect(text).toMatch(/partners/);
    expect(text).toMatch(/deals/);
    await screenshot(page, 'welcome');
  });

  it('re-runs the dependants of an edited upstream cell', async () => {
    const { page } = app;
    const before = await resultText(page, 'top_fifth');
    await typeInto(page, 'partner_revenue', "SELECT partner_id, 1000.0 AS revenue FROM partners WHERE sector = 'SaaS B2B'");
    await runEdited(page, 'partner_revenue');
    const after = await resultText(page, 'top_fifth');
    expect(after).not.toBe(before);
    // every partner has the same revenue now, so the top fifth holds exactly 20 % of it
    expect(after).toMatch(/20/);
  });

  it('cancels a running query from the UI and keeps everything else', async () => {
    const { page } = app;
    const overviewBefore = await resultText(page, 'tables_overview');
    await typeNewSqlCell(page, 'SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="cell"][data-status="running"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="stop-all"]').click();
    await settled(page);
    const stopped = page.locator('[data-testid="cell"]').last();
    await expect(stopped.getAttribute('data-status')).resolves.toBe('error');
    await expect(stopped.locator('[data-testid="cell-error"]').innerText()).resolves.toMatch(/stopped/i);
    expect(await resultText(page, 'tables_overview')).toBe(overviewBefore);
    // the engine still answers
    await clickRun(page, 'tables_overview');
    await expect(cell(page, 'tables_overview').getAttribute('data-status')).resolves.toBe('done');
  });

  it('explains a syntax error and a missing table, and keeps the last good result', async () => {
    const { page } = app;
    await typeInto(page, 'revenue_by_year', 'SELEC 1');
    await runEdited(page, 'revenue_by_year');
    const err = cell(page, 'revenue_by_year').locator('[data-testid="cell-error"]');
    await expect(err.innerText()).resolves.toMatch(/could not be read/);
    expect(await rowCount('revenue_by_year')).toBe('5 rows');
    await typeInto(page, 'revenue_by_year', 'SELECT * FROM dealz');
    await runEdited(page, 'revenue_by_year');
    await expect(err.innerText()).resolves.toMatch(/"dealz" is neither a table nor the name of a cell/);
  });

  it('handles a 50-million-row result by paging it', async () => {
    const { page } = app;
    await typeNewSqlCell(page, 'SELECT range AS n FROM range(50000000)');
    const big = page.locator('[data-testid="cell"]').last();
    // Its own run, not a moment of calm before it starts.
    await runEdited(page, (await big.getAttribute('data-name'))!, 90_000);
    await expect(big.locator('[data-testid="row-count"]').innerText()).resolves.toBe('50,000,000 rows');
    await expect(big.locator('.notice').innerText()).resolves.toMatch(/page by page/);
    // jump to the end: the last row is fetched from DuckDB
    const viewport = big.locator('.viewport');
    await viewport.focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => [...document.querySelectorAll('tbody td')].some((td) => td.textContent === '49,999,999'));
  });

  it('refuses a malformed notebook file with a clear message and keeps the current one', async () => {
    const { page } = app;
    const cellsBefore = await page.locator('[data-testid="cell"]').count();
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'broken.md', mimeType: 'text/markdown', buffer: Buffer.from('# Broken\n\n```sql oops\nSELECT 1\n') });
    await expect(page.locator('[data-testid="banner"]').innerText()).resolves.toMatch(/broken\.md could not be opened: Line 3: the sql cell "oops" is never closed/);
    expect(await page.locator('[data-testid="cell"]').count()).toBe(cellsBefore);
  });

  it('made no request outside its own origin', () => {
    expect(app.requests.length).toBeGreaterThan(3);
    expect(app.foreign()).toEqual([]);
  });
});
