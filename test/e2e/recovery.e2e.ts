/**
 * The database survives (issue 15.3): the browser killed in the middle of an import and in the middle
 * of a checkpoint starts again on the tables it had; a damaged write-ahead log and an unreadable
 * database file are set aside, the start says so, recovers what it can, and offers the workspace
 * archive — which brings the tables back with the same fingerprints. No request leaves the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { cell, typeNewSqlCell } from './browser';
import { launchKillable, type KillableApp } from './killable';
import { closePanel, importCsv, localData, openPanel, panelFingerprints, ready, saved } from './workspace-helpers';

const profile = mkdtempSync(path.join(tmpdir(), 'longtail-recovery-'));
let app: KillableApp;
const foreign: string[] = [];
let archive = '';
let before: Record<string, string> = {};

const CSV = 'reseller,region,visits\nNordic IT,North,12\nSud Réseaux,South,7\nAlpenData,East,3\n';

async function relaunch(options: { goto?: boolean } = {}): Promise<Page> {
  foreign.push(...app.foreign());
  app = await launchKillable(profile, options);
  return app.page;
}

/** Overwrites part of a file of the origin's private file system, from a page of the origin that is not the app. */
async function damage(page: Page, file: string, at: number, bytes: number): Promise<number> {
  await page.goto(new URL('favicon.svg', app.baseUrl).href);
  return page.evaluate(
    async ([name, offset, length]) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(name as string);
      const size = (await handle.getFile()).size;
      const w = await handle.createWritable({ keepExistingData: true });
      await w.write({ type: 'write', position: offset as number, data: new Uint8Array(length as number).fill(0x5a) });
      await w.close();
      return size;
    },
    [file, at, bytes] as const,
  );
}

/** A table's row count as the workspace panel shows it. */
async function rowsOf(page: Page, table: string): Promise<string> {
  return page.locator(`[data-testid="ws-table"][data-name="${table}"] td`).nth(1).innerText();
}

async function startApp(page: Page): Promise<void> {
  await page.goto(app.baseUrl);
  await ready(page);
}

beforeAll(async () => {
  app = await launchKillable(profile);
  await ready(app.page);
  await importCsv(app.page, 'visits.csv', CSV);
  await saved(app.page);
  before = (await panelFingerprints(app.page)).tables;
  expect(Object.keys(before)).toEqual(['visits']);
  const download = app.page.waitForEvent('download');
  await app.page.locator('[data-testid="export-workspace"]').click();
  archive = path.join(mkdtempSync(path.join(tmpdir(), 'longtail-recovery-export-')), 'workspace.longtail.zip');
  await (await download).saveAs(archive);
  await closePanel(app.page);
});

afterAll(async () => {
  await app?.close();
});

describe('the database survives', () => {
  it('opens the tables as last saved when the write-ahead log is garbage', async () => {
    await app.close();
    const page = await relaunch({ goto: false });
    const files = await (async () => (await page.goto(new URL('favicon.svg', app.baseUrl).href), localData(page)))();
    expect(files.files).toContain('workspace.duckdb.wal');
    await damage(page, 'workspace.duckdb.wal', 0, 4096);
    await startApp(page);
    // Measured: DuckDB-WASM 1.32 opens such a file without replaying the log (the app checkpoints every
    // commit, so the log holds nothing); were the replay to fail, the log would be set aside (db-open.ts).
    const notice = page.locator('[data-testid="recovery-notice"]');
    if (await notice.count()) await expect(notice.getAttribute('data-kind')).resolves.toBe('log-set-aside');
    expect((await panelFingerprints(page)).tables).toEqual(before);
    await closePanel(page);
  });

  it('sets an unreadable database file aside, starts a new one, says so, and the archive brings the tables back', async () => {
    await app.close();
    const page = await relaunch({ goto: false });
    await damage(page, 'workspace.duckdb', 0, 8192);
    await startApp(page);
    const notice = page.locator('[data-testid="recovery-notice"]');
    await expect(notice.getAttribute('data-kind')).resolves.toBe('file-set-aside');
    const text = await notice.innerText();
    console.log('[recovery] after a damaged file:', text);
    expect(text).toMatch(/could not open your database/);
    expect(text).toMatch(/workspace\.duckdb\.damaged-/);
    expect(text).toMatch(/Your notebooks are not affected/);
    // The notebook is the one the user had, run on the demo built again.
    await expect(page.locator('[data-testid="notebook-title"]').innerText()).resolves.toBe('Welcome to Longtail');
    const saveIt = page.waitForEvent('download');
    await page.locator('[data-testid="recovery-save"]').click();
    expect((await saveIt).suggestedFilename()).toMatch(/^workspace\.duckdb\.damaged-/);
    // The archive, as offered.
    await page.locator('[data-testid="recovery-import"]').click();
    await page.waitForSelector('[data-testid="workspace-panel"][open]');
    await page.locator('[data-testid="import-workspace-input"]').setInputFiles({ name: 'workspace.longtail.zip', mimeType: 'application/zip', buffer: readFileSync(archive) });
    await page.locator('[data-testid="confirm-import"]').click();
    await page.waitForSelector('[data-testid="workspace-panel"][open]', { state: 'detached', timeout: 60_000 });
    // The archive holds no notebook of the user's (the welcome template was never edited): nothing waits to run.
    await ready(page);
    expect((await panelFingerprints(page)).tables).toEqual(before);
    await closePanel(page);
    // The damaged copy is still kept, until the user removes it.
    // The file, and its log: the one tried aside first, and the one the failed open left (each there or not).
    const stamp = /workspace\.duckdb\.damaged-(\S+?)(?= and)/.exec(text)![1]!;
    const kept = (await localData(page)).files.filter((f) => f.includes('damaged'));
    console.log('[recovery] set aside:', kept.join(', '));
    expect(kept).toContain(`workspace.duckdb.damaged-${stamp}`);
    for (const f of kept) expect([`workspace.duckdb.damaged-${stamp}`, `workspace.duckdb.damaged-${stamp}.wal`, `workspace.duckdb.wal.damaged-${stamp}`]).toContain(f);
    await page.locator('[data-testid="recovery-remove"]').click();
    await page.locator('[data-testid="recovery-notice"]').waitFor({ state: 'detached' });
    expect((await localData(page)).files.filter((f) => f.includes('damaged'))).toEqual([]);
  });

  it('starts on the tables it had when the browser is killed in the middle of an import', async () => {
    const page = app.page;
    // 400,000 rows, about 16 MB: an import of a few seconds, killed once its progress shows.
    const rows = 400_000;
    const lines = ['id,partner,amount,day'];
    for (let i = 0; i < rows; i++) lines.push(`${i},P${i % 997},${(i * 37) % 10_000}.25,2024-0${(i % 9) + 1}-1${i % 10}`);
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'big_import.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.locator('[data-testid="import-confirm"]:enabled').click({ timeout: 60_000 });
    await page.locator('[data-testid="import-progress"]').waitFor();
    await app.kill();
    const again = await relaunch();
    await ready(again);
    const { tables } = await panelFingerprints(again);
    const { big_import: made, ...rest } = tables;
    expect(rest).toEqual(before);
    // Whole or not at all.
    if (made) expect(await rowsOf(again, 'big_import')).toBe(rows.toLocaleString('en-US'));
    console.log(`[recovery] killed mid-import: the import ${made ? 'had committed, whole' : 'left nothing'}`);
    await closePanel(again);
  });

  /** The statement of a large write: its commit ends with a checkpoint that writes about 60 MB. */
  const WRITE = 'CREATE OR REPLACE TABLE churn AS SELECT range AS i, md5(CAST(range AS VARCHAR)) AS h FROM range(1500000)';
  let writeMs = 0;

  it('takes this long to write the large table and checkpoint it (measured, for the kills below)', async () => {
    const page = app.page;
    const name = await typeNewSqlCell(page, WRITE);
    await page.keyboard.press('Control+Enter');
    await cell(page, name).and(page.locator('[data-status="running"]')).waitFor();
    const t0 = Date.now();
    await cell(page, name).and(page.locator('[data-status="done"]')).waitFor({ timeout: 120_000 });
    writeMs = Date.now() - t0;
    console.log(`[recovery] the large write and its checkpoint took ${writeMs} ms`);
    await cell(page, name).getByRole('button', { name: 'Delete cell' }).click();
    await openPanel(page);
    await page.getByRole('button', { name: 'Delete table churn', exact: true }).click();
    await page.locator('[data-testid="undo-toast"] button[aria-label="Dismiss"]').click();
    await page.waitForSelector('[data-testid="ws-table"][data-name="churn"]', { state: 'detached' });
    // The bin keeps what the panel deletes: emptied, so that the kills below start from the same database.
    await page.locator('[data-testid="empty-bin"]').click();
    await page.waitForSelector('[data-testid="ws-bin"]', { state: 'detached' });
    await closePanel(page);
    await saved(page);
  });

  // The commit's checkpoint is the last part of the run: these fractions of it land in the write, then in the checkpoint.
  for (const fraction of [0.5, 0.85, 0.97]) {
    it(`starts on the tables it had when the browser is killed at ${fraction * 100} % of a large write and its checkpoint`, async () => {
      const page = app.page;
      const name = await typeNewSqlCell(page, WRITE);
      await page.keyboard.press('Control+Enter');
      await cell(page, name).and(page.locator('[data-status="running"]')).waitFor();
      const t0 = Date.now();
      // The cell goes from the notebook while its statement runs on, so that the next start does not run it again.
      await cell(page, name).getByRole('button', { name: 'Delete cell' }).click();
      await cell(page, name).waitFor({ state: 'detached' });
      const ms = Math.max(0, Math.round(writeMs * fraction) - (Date.now() - t0));
      await new Promise((r) => setTimeout(r, ms));
      await app.kill();
      const again = await relaunch();
      await ready(again);
      expect(await again.locator('[data-testid="recovery-notice"][data-kind="file-set-aside"]').count()).toBe(0);
      const { tables } = await panelFingerprints(again);
      const { churn: made, ...rest } = tables;
      expect(rest).toEqual(before);
      if (made) expect(await rowsOf(again, 'churn')).toBe((1_500_000).toLocaleString('en-US'));
      console.log(`[recovery] killed at ${Math.round(writeMs * fraction)} ms of ${writeMs}: the table ${made ? 'had committed, whole' : 'was not there'}`);
      if (made) {
        await again.getByRole('button', { name: 'Delete table churn', exact: true }).click();
        await again.locator('[data-testid="undo-toast"] button[aria-label="Dismiss"]').click();
        await again.waitForSelector('[data-testid="ws-table"][data-name="churn"]', { state: 'detached' });
        await again.locator('[data-testid="empty-bin"]').click();
        await again.waitForSelector('[data-testid="ws-bin"]', { state: 'detached' });
      }
      await closePanel(again);
      await saved(again);
    });
  }

  it('made no request outside its own origin', () => {
    foreign.push(...app.foreign());
    expect(foreign).toEqual([]);
  });
});
