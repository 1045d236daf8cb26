/**
 * Workshops (issue 19.5), in Chromium: a consultant saves the prepared workspace as the workshop; a
 * session then edits a notebook, imports a table and deletes one; "Reset to the workshop" puts back the
 * same notebooks and tables, fingerprint for fingerprint; the workshop downloads as an archive; and it is
 * still there after a reload.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, typeInto, runEdited, screenshot, type AppSession } from './browser';
import { addSqlCell, closePanel, importCsv, openPanel, panelFingerprints, ready, saved } from './workspace-helpers';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

describe('a workshop', () => {
  it('saves the prepared workspace, and resets to it exactly after a session', async () => {
    const { page } = app;
    // The consultant prepares: a table of their own, and a notebook of their own (the welcome, edited).
    await importCsv(page, 'targets_q1.csv', 'partner,target\nP1,100\nP2,250\n');
    const prepared = await addSqlCell(page, 'SELECT count(*) AS n FROM targets_q1');
    await saved(page);
    const before = await panelFingerprints(page);
    expect(Object.keys(before.tables)).toEqual(['targets_q1']);
    expect(Object.keys(before.notebooks)).toHaveLength(1);
    await page.locator('[data-testid="save-workshop"]').click();
    await page.locator('[data-testid="workshop-info"]', { hasText: /1 notebook, 1 table/ }).waitFor();
    await page.locator('[data-testid="ws-workshop"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'workshop-1280');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'workshop-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
    await closePanel(page);

    // The session: the notebook edited, a participant's file imported, the prepared table deleted.
    await typeInto(page, prepared, 'SELECT 42 AS changed');
    await runEdited(page, prepared);
    await importCsv(page, 'participant.csv', 'a,b\n1,2\n');
    await saved(page);
    await openPanel(page);
    await page.locator('[data-testid="ws-table"][data-name="targets_q1"]').getByRole('button', { name: /^Delete/ }).click();
    await page.locator('[data-testid="ws-table"][data-name="targets_q1"]').waitFor({ state: 'detached' });
    expect(Object.keys((await panelFingerprints(page)).tables)).toEqual(['participant']);

    // Reset: asked, then everything as it was saved.
    await page.locator('[data-testid="reset-workshop"]').click();
    await page.locator('[data-testid="confirm-reset-workshop"]').click();
    await page.waitForSelector('[data-testid="workspace-panel"][open]', { state: 'detached', timeout: 60_000 });
    // The panel closes as the reset begins; the tables come back after. A clean-clone run opened the
    // panel in between and read no table: wait for the reset's own word, then for the listing to show it.
    await page.locator('[data-testid="workspace-notice"]', { hasText: 'back to the workshop' }).waitFor({ timeout: 60_000 });
    await ready(page);
    await expect
      .poll(
        async () => {
          const shown = await panelFingerprints(page);
          await closePanel(page);
          return shown;
        },
        { timeout: 60_000 },
      )
      .toEqual(before);
  });

  it('downloads the workshop for participants, and keeps it across a reload', async () => {
    const { page } = app;
    await openPanel(page);
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="download-workshop"]').click();
    expect((await download).suggestedFilename()).toMatch(/^longtail-workshop-\d{4}-\d{2}-\d{2}\.longtail\.zip$/);
    await closePanel(page);
    await page.reload();
    await ready(page);
    await openPanel(page);
    await page.locator('[data-testid="workshop-info"]', { hasText: /1 notebook, 1 table/ }).waitFor();
    expect(app.foreign()).toEqual([]);
  });
});
