/**
 * Everyday comfort (issue 17.5) in the built app: the command palette, the SQL formatter, the skip link,
 * dark mode following the system, the side panel getting out of the way on a tablet, choosing an Excel
 * sheet — and an accessibility check of the main screens with axe-core (labels, roles, contrast).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { openApp, cell, screenshot, type AppSession, typeNewSqlCell } from './browser';
import { ready } from './workspace-helpers';
import { dialog, fixture, previewRows } from './import-helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is, described in one line each. */
async function axe(page: Page, include?: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's policy (rightly) refuses injected scripts otherwise.
  await page.evaluate(AXE);
  const found = await page.evaluate(async (sel) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(sel ? { include: [sel] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  }, include);
  return found;
}

let app: AppSession;
const violations: Record<string, string[]> = {};

beforeAll(async () => {
  app = await openApp();
  await ready(app.page);
});

afterAll(async () => {
  console.log('axe violations by screen:', JSON.stringify(violations, null, 1));
  await app?.close();
});

describe('everyday comfort', () => {
  it('runs any action by name from the command palette (Ctrl+K)', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const palette = page.locator('[data-testid="command-palette"][open]');
    await palette.waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('command-input');
    await page.keyboard.type('long tail');
    await expect(palette.locator('[data-testid="command"]').first().innerText()).resolves.toMatch(/^Long tail/);
    await screenshot(page, 'command-palette');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="notebook-title"]')?.textContent === 'Long tail');
    await ready(page);
    expect(await page.locator('[data-testid="command-palette"][open]').count()).toBe(0);
  });

  it('formats a SQL cell with one click, and it still gives the same rows', async () => {
    const { page } = app;
    await page.locator('[data-testid="template"]', { hasText: 'Welcome to Longtail' }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="notebook-title"]')?.textContent === 'Welcome to Longtail');
    await ready(page);
    const name = await typeNewSqlCell(page, "select status, count(*) as n from deals where amount > 100 group by all order by status");
    await cell(page, name).locator('[data-testid="format-sql"]').click();
    await page.waitForFunction((n) => document.querySelector(`[data-testid="cell"][data-name="${n}"] .cm-content`)?.textContent?.startsWith('SELECT'), name);
    const lines = await cell(page, name).locator('.cm-line').allInnerTexts();
    expect(lines.slice(0, 4)).toEqual(['SELECT', '  status,', '  count(*) AS n', 'FROM']);
  });

  it('offers a skip link as the first Tab stop, which moves focus to the notebook', async () => {
    const { page } = app;
    // Start the keyboard from the top of the page, as a fresh load does.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('skip-link');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('notebook');
  });

  it('follows the system in dark mode', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    await screenshot(page, 'dark-mode');
    violations['notebook, dark'] = await axe(page);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('has no accessibility violation on the main screens', async () => {
    const { page } = app;
    violations.notebook = await axe(page);
    await page.keyboard.press('Control+k');
    await page.locator('[data-testid="command-palette"][open]').waitFor();
    violations.palette = await axe(page, '[data-testid="command-palette"]');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="data-button"]').click();
    await page.locator('[data-testid="data-panel"][open]').waitFor();
    violations['data panel'] = await axe(page, '[data-testid="data-panel"]');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="workspace-button"]').click();
    await page.locator('[data-testid="workspace-panel"][open]').waitFor();
    violations['workspace panel'] = await axe(page, '[data-testid="workspace-panel"]');
    await page.keyboard.press('Escape');
    for (const [screen, found] of Object.entries(violations)) expect({ screen, found }).toEqual({ screen, found: [] });
  });

  it('lets the user pick the sheet of an Excel workbook in the import preview', async () => {
    const { page } = app;
    await page.locator('[data-testid="file-input"]').setInputFiles({ ...fixture('deals.xlsx'), mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    await previewRows(page);
    const sheets = await page.locator('[data-testid="import-sheet"] option').allInnerTexts();
    expect(sheets).toEqual(['Deals', 'Partners']);
    violations['import dialog'] = await axe(page, '[data-testid="import-dialog"]');
    await page.locator('[data-testid="import-sheet"]').selectOption('Partners');
    // The Partners sheet: Partenaire, Pays.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="import-column-name-"]')].some((e) => (e as HTMLInputElement).value === 'Pays'));
    await previewRows(page);
    expect(await page.locator('[data-testid="import-table-name"]').count()).toBe(1);
    await page.locator('[data-testid="import-cancel"]').click();
    await dialog(page).waitFor({ state: 'detached' });
    expect(violations['import dialog']).toEqual([]);
  });

  it('closes the side panel after a choice on a tablet', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 820, height: 1180 });
    if (!(await page.locator('aside.side').count())) await page.locator('button.menu').click();
    await page.locator('[data-testid="template"]', { hasText: 'Cohort retention' }).first().click();
    await page.waitForSelector('aside.side', { state: 'detached' });
    await ready(page);
    await screenshot(page, 'tablet-after-template');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('completes table and column names from the workspace as the user types', async () => {
    const { page } = app;
    const options = page.locator('.cm-tooltip-autocomplete [role="option"]');
    const name = await typeNewSqlCell(page, 'SELECT * FROM dea');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => options.allInnerTexts(), { timeout: 30_000 }).toContain('deals');
    await page.keyboard.press('Escape');
    // A column of a table named before the dot.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('SELECT deals.amo');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => options.allInnerTexts(), { timeout: 30_000 }).toContain('amount');
    // Chosen from the list (Enter right after the list opens is taken as a new line: CodeMirror waits 75 ms).
    await options.filter({ hasText: /^amount$/ }).click();
    await expect.poll(() => cell(page, name).locator('.cm-content').innerText()).toBe('SELECT deals.amount');
  });

  it("requested nothing outside the app's origin", () => {
    expect(app.foreign()).toEqual([]);
  });
});
