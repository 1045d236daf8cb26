/**
 * Opening on the last results (issue 16.1) and not starting again what the user stopped (issue 14), in
 * Chromium: a reload shows the last session's results before the engine is up, then adopts the cells
 * whose inputs did not change (the same finishing time, the same random value), runs the edited one, and
 * leaves stopped the query that was stopped, or that was running when the tab was killed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, cell, settled, screenshot, resultRows, type AppSession, typeNewSqlCell } from './browser';
import { addSqlCell, killPage, ready, saved } from './workspace-helpers';

let app: AppSession;
const profile = mkdtempSync(path.join(tmpdir(), 'longtail-last-'));

beforeAll(async () => {
  app = await openApp({ userDataDir: profile });
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

/** The open notebook's results were kept as they were after the given cell's last run. */
async function kept(page: Page, name: string): Promise<void> {
  const after = Number(await finished(page, name));
  await page.waitForFunction((t) => Number(document.querySelector('main#notebook')?.getAttribute('data-last-kept') ?? 0) >= t, after, { timeout: 30_000 });
}

const finished = (page: Page, name: string) => cell(page, name).getAttribute('data-finished');
const value = async (page: Page, name: string) => (await resultRows(page, name))[0]![0]!.trim();

describe('opening on the last results', () => {
  let randomName = '';
  let endless = '';

  it('shows the last results at once after a reload, then adopts them without running', async () => {
    const { page } = app;
    randomName = await addSqlCell(page, 'SELECT round(random() * 1e9) AS r');
    await saved(page);
    await kept(page, randomName);
    const r = await value(page, randomName);
    const before = { overview: await finished(page, 'tables_overview'), random: await finished(page, randomName) };

    await page.reload();
    // Before the engine: the kept results, marked, with their values.
    const early = page.locator(`[data-testid="readonly-cell"][data-name="${randomName}"][data-from-last-session="done"]`);
    await early.waitFor({ timeout: 30_000 });
    await expect(early.locator('[data-testid="kept-table"] tbody td').first().innerText()).resolves.toBe(r);
    await screenshot(page, 'last-results-before-engine');
    await ready(page);
    // Adopted, not run: the same finishing times, and random() gave the same value.
    expect({ overview: await finished(page, 'tables_overview'), random: await finished(page, randomName) }).toEqual(before);
    expect(await value(page, randomName)).toBe(r);
    expect(app.foreign()).toEqual([]);
  });

  it('runs again only what was edited', async () => {
    const { page } = app;
    const overview = await finished(page, 'tables_overview');
    const editor = cell(page, randomName).locator('.cm-content');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(', 1 AS one');
    await saved(page);
    const edited = await finished(page, randomName);
    await page.reload();
    await ready(page);
    expect(await finished(page, 'tables_overview')).toBe(overview);
    // The edited cell ran (it had not run since the edit): a new finishing time, its new column.
    await expect(cell(page, randomName).getAttribute('data-status')).resolves.toBe('done');
    expect(await finished(page, randomName)).not.toBe(edited);
    expect((await resultRows(page, randomName))[0]![1]!.trim()).toBe('1');
  });

  it('does not run again a query the user stopped', async () => {
    const { page } = app;
    endless = await (async () => {
      const name = await typeNewSqlCell(page, 'SELECT sum(a.range * b.range) AS s FROM range(300000) a, range(300000) b');
      await page.keyboard.press('Control+Enter');
      return name;
    })();
    await cell(page, endless).and(page.locator('[data-status="running"]')).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="stop-all"]').click();
    await settled(page);
    await expect(cell(page, endless).getAttribute('data-status')).resolves.toBe('error');
    await saved(page);
    // Kept after the stop.
    const stoppedAt = await page.evaluate(() => Date.now());
    await page.waitForFunction((t) => Number(document.querySelector('main#notebook')?.getAttribute('data-last-kept') ?? 0) >= t, stoppedAt, { timeout: 30_000 });

    await page.reload();
    await ready(page);
    await expect(cell(page, endless).getAttribute('data-status')).resolves.toBe('error');
    await expect(cell(page, endless).locator('[data-testid="cell-error"]').innerText()).resolves.toMatch(/stopped/i);
    expect(await page.locator('[data-testid="cell"][data-status="running"]').count()).toBe(0);
  });

  it('does not start again the query that was running when the tab was killed', async () => {
    const { page, context } = app;
    await cell(page, endless).locator('[data-testid="run-cell"]').click();
    await cell(page, endless).and(page.locator('[data-status="running"]')).waitFor({ timeout: 30_000 });
    await killPage(context, page);

    const next = await context.newPage();
    await next.goto(app.baseUrl);
    await ready(next);
    await expect(cell(next, endless).getAttribute('data-status')).resolves.toBe('error');
    await expect(cell(next, endless).locator('[data-testid="cell-error"]').innerText()).resolves.toMatch(/still running when the page was closed/);
    expect(await next.locator('[data-testid="cell"][data-status="running"]').count()).toBe(0);
    await screenshot(next, 'last-results-after-kill');
    app.page = next;
  });
});
