/** Steps the persistence and offline tests share: waiting for the app, reading the workspace panel, storage. */
import type { BrowserContext, Page } from 'playwright-core';
import { runEdited, settled, typeNewSqlCell } from './browser';

/** The notebook is shown, every code cell has run, and none is queued or running. */
export async function ready(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector('[data-testid="cell"]', { timeout });
  // A notebook just opened shows its cells idle for a moment before they are queued.
  await page.waitForFunction(() => !document.querySelector('section.cell:not(.markdown)[data-status="idle"]'), undefined, { timeout });
  await settled(page, timeout);
}

/** Autosave has written everything (it does within a second of the last edit). */
export async function saved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
}

export interface PanelFingerprints {
  notebooks: Record<string, string>;
  tables: Record<string, string>;
}

/** Opens the workspace panel and waits until the listing it starts is done, every table's fingerprint computed. */
export async function openPanel(page: Page): Promise<void> {
  const listed = async () => Number((await page.locator('[data-testid="ws-tables"]').getAttribute('data-listed')) ?? 0);
  if (!(await page.locator('[data-testid="workspace-panel"][open]').count())) {
    const before = await listed();
    await page.locator('[data-testid="workspace-button"]').click();
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid="ws-tables"]')?.getAttribute('data-listed')) > b, before, { timeout: 60_000 });
  }
  await page.waitForSelector('[data-testid="workspace-panel"][open]');
  await page.waitForFunction(() => {
    if (document.querySelector('[data-testid="ws-tables"][aria-busy="true"]')) return false;
    const rows = [...document.querySelectorAll('[data-testid="ws-table"]')];
    return rows.every((r) => r.querySelector('[data-testid="fingerprint"], [data-testid="no-fingerprint"]'));
  }, undefined, { timeout: 60_000 });
}

export async function closePanel(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="workspace-panel"][open]', { state: 'detached' });
}

/** Full SHA-256 of every notebook and table, as the panel shows them (in the tooltip). */
export async function panelFingerprints(page: Page): Promise<PanelFingerprints> {
  await openPanel(page);
  return page.evaluate(() => {
    const read = (selector: string, key: string) =>
      Object.fromEntries(
        [...document.querySelectorAll(selector)].map((row) => [
          row.getAttribute(key)!,
          row.querySelector('[data-testid="fingerprint"]')!.getAttribute('title')!.match(/[0-9a-f]{64}/)![0],
        ]),
      );
    return { notebooks: read('[data-testid="ws-notebook"]', 'data-file'), tables: read('[data-testid="ws-table"]', 'data-name') };
  });
}

/** Names in the browser's storage for this origin: OPFS entries and IndexedDB databases. */
export async function localData(page: Page): Promise<{ files: string[]; databases: string[] }> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const files: string[] = [];
    for await (const k of (root as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(k);
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
    return { files: files.sort(), databases: databases.sort() };
  });
}

/** Adds a SQL cell at the end, types `sql`, runs it; returns the new cell's name. */
export async function addSqlCell(page: Page, sql: string): Promise<string> {
  const name = await typeNewSqlCell(page, sql);
  // A new cell is idle until it runs: wait for its own run to end, not for a moment of calm before it.
  await runEdited(page, name);
  return name;
}

/** The text of a cell's editor, as CodeMirror shows it (line by line). */
export async function editorText(page: Page, name: string): Promise<string> {
  return page.locator(`[data-testid="cell"][data-name="${name}"] .cm-content`).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

/** Kills the page's renderer, as a crash or the task manager would: no unload, no last save. */
export async function killPage(context: BrowserContext, page: Page): Promise<void> {
  const crashed = new Promise((resolve) => page.once('crash', resolve));
  const cdp = await context.newCDPSession(page);
  // The command never answers: the renderer that would is gone.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await Promise.race([page.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
}

/** Imports a small CSV through the file picker with the detected settings, skipping the mapping step. */
export async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  await page.locator('[data-testid="file-input"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-testid="import-confirm"]:enabled').click({ timeout: 30_000 });
  await page.locator('[data-testid="import-summary"]').waitFor({ timeout: 30_000 });
  if (await page.locator('[data-testid="mapping-step"]').count()) await page.locator('[data-testid="mapping-skip"]').first().click();
  await page.locator('[data-testid="import-done"]').waitFor();
  await page.locator('[data-testid="import-cancel"]').click();
}
