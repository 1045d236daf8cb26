/**
 * The app in a French browser (fr-FR): French on the main screens — the header, the side panel, the
 * command palette, the welcome notebook (opened in French on first start) with its cells and result
 * tables, the Data panel and the import dialog — with no English text of the catalogue's converted keys
 * on the page (visible text, and the aria-labels, titles and placeholders of those screens); switched to English and back, the choice kept across a reload; and a snapshot shared in
 * French opened from file:// with the network off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { openApp, runEdited, settled, screenshot, typeNewSqlCell, type AppSession } from './browser';
import { dialog, dropFiles, fixture, previewRows } from './import-helpers';
import en from '../../src/i18n/messages/en.json';
import fr from '../../src/i18n/messages/fr.json';

/** The keys of the screens converted so far: what a French room sees first. */
const CONVERTED = /^(app|side|cmd|kind|lang|cell|adder|run_prompt|output|grid|filter|profile|data|needs|import|settings|tablename|preview|coltype|rejects|summary|progress|mapping|present|notice|loading|ws|view|share|core)\./;
/** Words put inside other messages ("this cell", "result"), not sentences of their own. */
const PARTS = new Set(['cell.this_cell', 'cell.the_cell', 'output.result']);
const catalogue = (c: Record<string, unknown>) =>
  Object.entries(c)
    .filter(([k]) => CONVERTED.test(k) && !PARTS.has(k))
    .flatMap(([, v]) => (typeof v === 'string' ? [v] : Object.values(v as Record<string, string>)));
/**
 * English texts of the converted keys that French does not share (Tables, SQL, TypeScript… are the same).
 * Single words (Save, Data, Workspace) are left out: screens not converted yet (the workspace buttons)
 * still show them in English.
 */
const FRENCH = catalogue(fr);
/**
 * A message is looked for whole when it has two words or more, and a message with placeholders by its
 * fixed parts of three words or more ("and its dependants"): shorter parts ("SQL cell") can be a
 * notebook's own English prose.
 */
const ENGLISH_ONLY = [
  ...new Set(
    catalogue(en).flatMap((s) =>
      /\{\w+\}/.test(s)
        ? s
            .split(/\{\w+\}/)
            .map((p) => p.trim())
            .filter((p) => /\S\s+\S+\s+\S/.test(p))
        : /\s/.test(s)
          ? [s]
          : [],
    ),
  ),
].filter((s) => !FRENCH.some((f) => f.includes(s)));

/** What a screen says: its visible text, and the names, titles and placeholders it gives its controls. */
async function screenWords(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluateAll((roots) =>
    roots
      .flatMap((root) => [
        (root as HTMLElement).innerText,
        ...[...root.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((e) => ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? '')),
      ])
      .join('\n'),
  );
}

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

function englishOn(text: string): string[] {
  return ENGLISH_ONLY.filter((s) => text.includes(s));
}

describe('Longtail in French', () => {
  let app: AppSession;
  const profile = mkdtempSync(path.join(tmpdir(), 'longtail-i18n-'));

  beforeAll(async () => {
    app = await openApp({ locale: 'fr-FR', userDataDir: profile });
    await app.page.locator('[data-testid="run-all"]').waitFor({ timeout: 120_000 });
    await settled(app.page, 120_000);
  }, 180_000);
  afterAll(async () => app?.close());

  it('speaks French from the first screen, with no English text of the converted screens', async () => {
    const { page } = app;
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect(page.locator('[data-testid="run-all"]').innerText()).resolves.toContain('Tout exécuter');
    await expect(page.locator('[data-testid="language"]').inputValue()).resolves.toBe('fr');
    // The first start opened the French welcome notebook.
    await expect(page.locator('[data-testid="notebook-title"]').innerText()).resolves.toBe('Bienvenue dans Longtail');
    const text = await visibleText(page);
    expect(text.toLowerCase()).toContain('modèles');
    expect(text).toContain('100 % local');
    expect(englishOn(text)).toEqual([]);
    // The command palette's entries.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.waitFor();
    const paletteText = await palette.innerText();
    expect(paletteText).toContain('Exécuter toutes les cellules');
    expect(englishOn(paletteText)).toEqual([]);
    await screenshot(page, 'i18n-fr-palette');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'hidden' });
    expect(app.foreign()).toEqual([]);
  }, 60_000);

  it('shows the cells, a result table, the Data panel and the import dialog in French', async () => {
    const { page } = app;
    // The welcome notebook has run: its cells and their result tables.
    const done = page.locator('[data-testid="cell"][data-status="done"]');
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(page.locator('[data-testid="run-cell"]').first().innerText()).resolves.toContain('Exécuter');
    await expect(page.locator('[data-testid="row-count"]').first().innerText()).resolves.toMatch(/ lignes?$/);
    const grid = page.locator('[data-testid="grid"]').first();
    await grid.waitFor();
    await expect(grid.locator('thead .sr-only').first().innerText()).resolves.toBe('Ligne');
    const cells = await screenWords(page, '[data-testid="cell"]');
    expect(cells).toContain('Monter la cellule');
    expect(englishOn(cells)).toEqual([]);
    await screenshot(page, 'i18n-fr-cells');

    // The Data panel.
    await page.locator('[data-testid="data-button"]').click();
    const panel = page.locator('[data-testid="data-panel"]');
    await panel.locator('[data-testid="data-table"]').first().waitFor({ timeout: 30_000 });
    const panelText = await screenWords(page, '[data-testid="data-panel"]');
    expect(panelText.toLowerCase()).toContain('tables du modèle partenaires');
    expect(englishOn(panelText)).toEqual([]);
    await screenshot(page, 'i18n-fr-data-panel');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });

    // The workspace panel: notebooks, tables, storage.
    await page.locator('[data-testid="workspace-button"]').click();
    const workspace = page.locator('[data-testid="workspace-panel"][open]');
    await workspace.waitFor();
    await expect.poll(() => screenWords(page, '[data-testid="workspace-panel"]'), { timeout: 30_000 }).toContain('Espace de travail');
    const workspaceText = await screenWords(page, '[data-testid="workspace-panel"]');
    expect(workspaceText.toLowerCase()).toContain('carnets');
    expect(englishOn(workspaceText)).toEqual([]);
    await screenshot(page, 'i18n-fr-workspace');
    await page.keyboard.press('Escape');
    await workspace.waitFor({ state: 'detached' });

    // The import dialog, on the French Windows-1252 export.
    await dropFiles(page, [fixture('french-export-1252.csv')]);
    await expect(dialog(page).locator('h2').innerText()).resolves.toBe('Importer french-export-1252.csv');
    await previewRows(page);
    const importText = await screenWords(page, '[data-testid="import-dialog"]');
    expect(importText).toContain('Séparateur décimal');
    expect(englishOn(importText)).toEqual([]);
    await screenshot(page, 'i18n-fr-import');
    await page.locator('[data-testid="import-cancel"]').click();
    await dialog(page).waitFor({ state: 'detached' });
    expect(app.foreign()).toEqual([]);
  }, 180_000);

  it('says what is wrong in French: a damaged UTF-8 export, an empty file, a query on an unknown name', async () => {
    const { page } = app;
    // The encoding's detection names the first bad byte and the choice of Windows-1252.
    await dropFiles(page, [fixture('invalid-utf8.csv')]);
    await previewRows(page);
    const importText = await screenWords(page, '[data-testid="import-dialog"]');
    expect(importText).toMatch(/(n'est pas valide|ne sont pas valides) en UTF-8/);
    expect(importText).toMatch(/Windows-1252/);
    expect(englishOn(importText)).toEqual([]);
    await screenshot(page, 'i18n-fr-import-utf8');
    await page.locator('[data-testid="import-cancel"]').click();
    await dialog(page).waitFor({ state: 'detached' });
    // An empty file: the problem and what to do, in French.
    await dropFiles(page, [fixture('empty.csv')]);
    await expect.poll(() => screenWords(page, '[data-testid="import-dialog"]'), { timeout: 30_000 }).toContain('empty.csv est vide (0 octet).');
    const problemText = await screenWords(page, '[data-testid="import-dialog"]');
    expect(problemText).toContain('Exportez de nouveau les données');
    expect(englishOn(problemText)).toEqual([]);
    await screenshot(page, 'i18n-fr-import-empty');
    await page.locator('[data-testid="import-cancel"]').last().click();
    await dialog(page).waitFor({ state: 'detached' });

    // A query on a name that is neither a table nor a cell: said in French before anything runs.
    const name = await typeNewSqlCell(page, 'SELECT * FROM nulle_part');
    await runEdited(page, name);
    const cellText = await screenWords(page, `[data-testid="cell"][data-name="${name}"]`);
    expect(cellText).toContain(`"nulle_part" n'est ni une table ni le nom d'une cellule.`);
    expect(englishOn(cellText)).toEqual([]);
    await screenshot(page, 'i18n-fr-sql-error');
    expect(app.foreign()).toEqual([]);
  }, 120_000);

  it('opens a template in French with the same cells, its charts labelled in French', async () => {
    const { page } = app;
    await page.locator('[data-testid="template"]', { hasText: 'Segmentation RFM' }).click();
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').innerText(), { timeout: 30_000 }).toBe('Segmentation RFM');
    await settled(page, 120_000);
    await expect(page.locator('[data-testid="cell"][data-name="rfm_segments"]').count()).resolves.toBe(1);
    await expect.poll(() => visibleText(page), { timeout: 30_000 }).toContain('Qui sont mes champions');
    await screenshot(page, 'i18n-fr-rfm');
  }, 180_000);

  it('switches to English and back, and keeps the choice across a reload', async () => {
    const { page } = app;
    await page.locator('[data-testid="language"]').selectOption('en');
    await expect.poll(() => page.locator('[data-testid="run-all"]').innerText()).toContain('Run all');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.locator('[data-testid="run-all"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('[data-testid="run-all"]').innerText()).toContain('Run all');
    await expect(page.locator('[data-testid="language"]').inputValue()).resolves.toBe('en');
    await page.locator('[data-testid="language"]').selectOption('fr');
    await expect.poll(() => page.locator('[data-testid="run-all"]').innerText()).toContain('Tout exécuter');
    // The template on screen follows the switch once its French words have loaded.
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').innerText(), { timeout: 60_000 }).toBe('Segmentation RFM');
    await settled(page, 120_000);
    expect(englishOn(await visibleText(page))).toEqual([]);
    expect(app.foreign()).toEqual([]);
  }, 240_000);

  it('shares a snapshot in French that opens from file:// offline and says so', async () => {
    const { page } = app;
    await page.locator('[data-testid="share"]').click();
    const dialog = page.locator('[data-testid="share-dialog"]');
    await dialog.waitFor();
    await expect(dialog.locator('[data-testid="share-language"]').inputValue()).resolves.toBe('fr');
    expect(englishOn(await screenWords(page, '[data-testid="share-dialog"]'))).toEqual([]);
    const save = dialog.locator('[data-testid="share-save"]');
    await expect.poll(() => save.isEnabled(), { timeout: 60_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'longtail-i18n-snap-')), download.suggestedFilename());
    await download.saveAs(file);

    // The app's profile is a persistent context (no second context from it): the network goes off for it.
    await app.context.setOffline(true);
    const viewerPage = await app.context.newPage();
    const requests: string[] = [];
    viewerPage.on('request', (r) => requests.push(r.url()));
    await viewerPage.goto(pathToFileURL(file).href);
    await viewerPage.locator('[data-testid="snapshot"]').waitFor({ timeout: 30_000 });
    await expect(viewerPage.evaluate(() => document.documentElement.lang)).resolves.toBe('fr');
    await expect(viewerPage.locator('[data-testid="snapshot-language"]').textContent()).resolves.toBe('Instantané en français');
    const text = await viewerPage.evaluate(() => document.body.innerText);
    expect(text.toLowerCase()).toContain('instantané longtail');
    expect(text).toContain('En lecture seule');
    expect(text).not.toContain('Read-only: it shows results');
    await screenshot(viewerPage, 'i18n-fr-snapshot');
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    await viewerPage.close();
  }, 180_000);
});
