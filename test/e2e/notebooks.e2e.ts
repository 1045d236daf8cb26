/**
 * Tidy notebooks (issue 17.4): a template opens as the template, and only an edit makes it one of the
 * user's notebooks, named after it, once; "+ New" asks for a name; notebooks are renamed, reset to their
 * template (with undo), deleted to a bin that outlives a reload, restored from it, and the bin emptied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, openApp, type AppSession } from './browser';
import { closePanel, editorText, openPanel, ready, saved } from './workspace-helpers';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

const mine = (page: Page) => page.locator('[data-testid="workspace-notebook"]').allInnerTexts();
const template = (page: Page, title: string) => page.locator('[data-testid="template"]', { hasText: title });
const title = (page: Page) => page.locator('[data-testid="notebook-title"]').innerText();

/** Opens a template and waits for its run (its copy has the same title: the side panel says which is open). */
async function openTemplate(page: Page, name: string): Promise<void> {
  await template(page, name).click();
  await template(page, name).and(page.locator('[aria-current="page"]')).waitFor();
  await page.waitForFunction((t) => document.querySelector('[data-testid="notebook-title"]')?.textContent === t, name);
  await ready(page);
}

describe('tidy notebooks', () => {
  it('opens on the welcome template, which is not yet one of the notebooks', async () => {
    const { page } = app;
    await expect(title(page)).resolves.toBe('Welcome to Longtail');
    expect(await mine(page)).toEqual([]);
    await expect(template(page, 'Welcome to Longtail').getAttribute('aria-current')).resolves.toBe('page');
  });

  it('shows a template as it ships, as often as it is opened, and adds nothing to the list', async () => {
    const { page } = app;
    await openTemplate(page, 'RFM segmentation');
    await openTemplate(page, 'Welcome to Longtail');
    await openTemplate(page, 'RFM segmentation');
    expect(await mine(page)).toEqual([]);
    await expect(template(page, 'RFM segmentation').getAttribute('aria-current')).resolves.toBe('page');
  });

  let edited = '';
  it('makes the template one of the notebooks on the first edit, named after it, and the template stays as it ships', async () => {
    const { page } = app;
    const before = await editorText(page, 'rfm_scores');
    edited = `${before}\n-- reviewed`;
    await cell(page, 'rfm_scores').locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n-- reviewed');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="workspace-notebook"]').length === 1);
    expect(await mine(page)).toEqual(['RFM segmentation']);
    await expect(page.locator('[data-testid="workspace-notebook"]').getAttribute('title')).resolves.toBe('rfm.md');
    await expect(page.locator('[data-testid="workspace-notebook"]').getAttribute('aria-current')).resolves.toBe('page');
    await saved(page);
    // The template itself is unchanged; opening it shows it, not the copy.
    await openTemplate(page, 'RFM segmentation');
    expect(await editorText(page, 'rfm_scores')).toBe(before);
    expect(await mine(page)).toEqual(['RFM segmentation']);
    // The copy opens from the list, with the edit.
    await page.locator('[data-testid="workspace-notebook"]').click();
    // Same title as the template: wait for the list to mark the copy as the one open.
    await page.locator('[data-testid="workspace-notebook"][aria-current="page"]').waitFor();
    await ready(page);
    expect(await editorText(page, 'rfm_scores')).toBe(edited);
  });

  it('asks "+ New" for a name, says what is wrong with one, and opens the new notebook', async () => {
    const { page } = app;
    await page.locator('[data-testid="new-notebook"]').click();
    const field = page.locator('[data-testid="new-notebook-form"] [data-testid="rename-input"]');
    await field.fill('rfm');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="new-notebook-form"] [role="alert"]').innerText()).resolves.toBe('A notebook named rfm.md already exists.');
    await field.fill('Q3 review');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="new-notebook-form"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="notebook-title"]')?.textContent === 'Q3 review');
    expect((await mine(page)).sort()).toEqual(['Q3 review', 'RFM segmentation']);
  });

  it('renames, resets to the template with undo, deletes to a bin that outlives a reload, restores and empties it', async () => {
    const { page } = app;
    await openPanel(page);
    await page.getByRole('button', { name: 'Rename Q3 review.md' }).click();
    await page.locator('[data-testid="workspace-panel"] [data-testid="rename-input"]').fill('q3.md');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="ws-notebook"][data-file="q3.md"]');

    // Only a notebook made from a template can be reset.
    expect(await page.locator('[data-testid="ws-notebook"][data-file="q3.md"] [data-testid="reset-notebook"]').count()).toBe(0);
    await page.locator('[data-testid="ws-notebook"][data-file="rfm.md"] [data-testid="reset-notebook"]').click();
    await page.locator('[data-testid="undo-toast"]').waitFor();
    await expect(page.locator('[data-testid="undo-toast"]').innerText()).resolves.toMatch(/Reset rfm\.md to the template RFM segmentation\./);
    await page.locator('[data-testid="undo"]').click();
    await page.locator('[data-testid="undo-toast"]').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Delete q3.md' }).click();
    await page.waitForSelector('[data-testid="ws-bin-notebook"][data-file="q3.md"]');
    await page.locator('[data-testid="undo-toast"] button[aria-label="Dismiss"]').click();
    await closePanel(page);
    await saved(page);
    await page.reload();
    await ready(page);
    await openPanel(page);
    await page.waitForSelector('[data-testid="ws-bin-notebook"][data-file="q3.md"]');
    await page.getByRole('button', { name: 'Restore q3.md' }).click();
    await page.waitForSelector('[data-testid="ws-notebook"][data-file="q3.md"]');
    await page.getByRole('button', { name: 'Delete q3.md' }).click();
    await page.locator('[data-testid="empty-bin"]').click();
    await page.waitForSelector('[data-testid="ws-bin"]', { state: 'detached' });
    await closePanel(page);
    expect(await mine(page)).toEqual(['RFM segmentation']);
    // The reset was undone: the notebook has the user's edit.
    await page.locator('[data-testid="workspace-notebook"]').click();
    // Same title as the template: wait for the list to mark the copy as the one open.
    await page.locator('[data-testid="workspace-notebook"][aria-current="page"]').waitFor();
    await ready(page);
    expect(await editorText(page, 'rfm_scores')).toBe(edited);
  });

  it('made no request outside its own origin', () => {
    expect(app.requests.length).toBeGreaterThan(3);
    expect(app.foreign()).toEqual([]);
  });
});
