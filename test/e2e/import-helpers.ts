/** Steps of the import dialog the e2e tests share: dropping files, reading the preview, leaving the dialog. */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const FIXTURES = path.resolve('test/fixtures');
export const fixture = (name: string) => ({ name, mimeType: 'text/csv', buffer: readFileSync(path.join(FIXTURES, name)) });

export const dialog = (page: Page) => page.locator('[data-testid="import-dialog"]');
export const tableNames = (page: Page) => page.locator('nav[aria-label="Workspace"] .tname').allInnerTexts();

/** A real drag and drop onto the notebook: the File is built in the page from the fixture's bytes. */
export async function dropFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/csv' }));
    return dt;
  }, files.map((f) => ({ name: f.name, bytes: [...f.buffer] })));
  const target = page.locator('main');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  // The page says where the file will go while it is held over it.
  await expect(page.locator('.drop').innerText()).resolves.toMatch(/Drop CSV|Déposez un fichier CSV/);
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

/** The preview once it shows the current settings (it follows them after a short pause). */
export async function previewRows(page: Page): Promise<string[][]> {
  await page.locator('[data-testid="import-preview"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="import-dialog"] .preview-title [role="status"]'));
  return page.locator('[data-testid="import-preview-row"]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Confirms the import of the file shown and leaves the mapping step without a view. */
export async function importAndSkipMapping(page: Page): Promise<string> {
  await page.locator('[data-testid="import-confirm"]:enabled').click({ timeout: 30_000 });
  const summary = await page.locator('[data-testid="import-summary"]').innerText({ timeout: 30_000 });
  await page.locator('[data-testid="mapping-skip"]').click();
  await page.locator('[data-testid="import-done"]').waitFor();
  return summary;
}

export async function closeDialog(page: Page): Promise<void> {
  await page.locator('[data-testid="import-cancel"]').click();
  await dialog(page).waitFor({ state: 'detached' });
}


/** Drops a file, imports it with what was detected, and adds it to the model table proposed; returns that table. */
export async function importIntoModel(page: Page, name: string): Promise<string> {
  await dropFiles(page, [fixture(name)]);
  await previewRows(page);
  await page.locator('[data-testid="import-confirm"]:enabled').click({ timeout: 30_000 });
  await page.locator('[data-testid="mapping-step"]').waitFor({ timeout: 30_000 });
  const table = await page.locator('[data-testid="mapping-table"]').inputValue();
  await page.locator('[data-testid="mapping-create"]').click();
  await page.locator('[data-testid="import-done"], [data-testid="mapping-error"]').first().waitFor({ timeout: 60_000 });
  const problem = page.locator('[data-testid="mapping-error"]');
  if (await problem.count()) throw new Error(`The mapping step refused ${name}: ${await problem.innerText()}`);
  await closeDialog(page);
  return table;
}
