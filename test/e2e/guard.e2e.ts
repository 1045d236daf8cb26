/**
 * A statement that would destroy the user's data asks first (issue 15.2), in Chromium: the dialog names
 * the table, its rows and what happens to it; Cancel (or Escape) changes nothing; Run moves the table to
 * the bin, from which the Workspace panel brings it back whole.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, cell, resultRows, runEdited, screenshot, type AppSession, typeNewSqlCell } from './browser';
import { importCsv, openPanel, ready } from './workspace-helpers';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
  await ready(app.page);
  await importCsv(app.page, 'resellers.csv', 'id,name\n1,Alpha\n2,Beta\n3,Gamma\n');
});

afterAll(async () => {
  await app?.close();
});

async function addCell(sql: string): Promise<string> {
  return typeNewSqlCell(app.page, sql);
}

/** The count a check cell shows, once its value has arrived (a clean-clone run read the '…' shown before). */
const count = async (name: string) => (await resultRows(app.page, name))[0]![0]!.trim();

describe('a cell that would destroy imported data', () => {
  it('asks, naming the table and its rows; Cancel and Escape change nothing', async () => {
    const { page } = app;
    const name = await addCell('DROP TABLE resellers');
    await page.keyboard.press('Control+Enter');
    const dialog = page.locator('[data-testid="confirm-changes"]');
    await dialog.waitFor();
    await expect(dialog.locator('[data-testid="confirm-change"]').innerText()).resolves.toMatch(/deletes resellers \(3 rows\)\. It moves to the bin/);
    await screenshot(page, 'confirm-changes-1280');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'confirm-changes-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
    // The safe answer has the focus.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('confirm-cancel');
    await page.keyboard.press('Escape');
    await cell(page, name).and(page.locator(':is([data-status="error"], [data-status="idle"], [data-status="stale"])')).waitFor();
    await expect(dialog.count()).resolves.toBe(0);

    const check = await addCell('SELECT count(*) AS n FROM resellers');
    await runEdited(page, check);
    expect(await count(check)).toBe('3');
  });

  it('runs when the user says so, and the table comes back from the bin', async () => {
    const { page } = app;
    const drop = page.locator('[data-testid="cell"]').filter({ has: page.locator('.cm-content', { hasText: 'DROP TABLE resellers' }) });
    await drop.locator('[data-testid="run-cell"]').click();
    await page.locator('[data-testid="confirm-run"]').click();
    await drop.and(page.locator('[data-status="done"]')).waitFor();
    await openPanel(page);
    await expect(page.locator('[data-testid="ws-table"]', { hasText: 'resellers' }).count()).resolves.toBe(0);
    const binned = page.locator('[data-testid="ws-bin-table"][data-name="resellers"]');
    await expect(binned.innerText()).resolves.toMatch(/3 rows/);
    await binned.getByRole('button', { name: /^Restore/ }).click();
    await binned.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    const check = await addCell('SELECT count(*) AS n FROM resellers');
    await runEdited(page, check);
    expect(await count(check)).toBe('3');
    expect(app.foreign()).toEqual([]);
  });
});
