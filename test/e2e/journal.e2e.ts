/**
 * Zero lost edits (issue 15.1: "durable before the next frame"): an edit survives a reload, a closed
 * tab, a browser restart and a SIGKILL of the whole browser process 0, 50, 150, 250 and 1,000 ms after
 * it. The delay is the test's input, counted from the first frame the page draws after the last
 * keystroke. Each case types a new text into the same cell and checks, after the browser comes back,
 * that the editor shows exactly that text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { typeInto } from './browser';
import { launchKillable, type KillableApp } from './killable';
import { addSqlCell, editorText, ready, saved } from './workspace-helpers';

const profile = mkdtempSync(path.join(tmpdir(), 'longtail-journal-'));
let app: KillableApp;
const foreign: string[] = [];
let name = '';

async function relaunch(): Promise<Page> {
  foreign.push(...app.foreign());
  app = await launchKillable(profile);
  await ready(app.page);
  return app.page;
}

/** Types `text` into the cell; then, from the next frame the page draws, lets `ms` go by (the input). */
async function edit(page: Page, text: string, ms: number): Promise<void> {
  await typeInto(page, name, text);
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

beforeAll(async () => {
  app = await launchKillable(profile);
  await ready(app.page);
  name = await addSqlCell(app.page, 'SELECT 0 AS k');
  await saved(app.page);
});

afterAll(async () => {
  await app?.close();
});

describe('the edit journal', () => {
  it('keeps an edit made just before a reload', async () => {
    const text = 'SELECT 1 AS reloaded';
    await edit(app.page, text, 0);
    await app.page.reload();
    await ready(app.page);
    expect(await editorText(app.page, name)).toBe(text);
  });

  it('keeps an edit made just before the tab is closed', async () => {
    const text = 'SELECT 2 AS tab_closed';
    await edit(app.page, text, 0);
    await app.page.close({ runBeforeUnload: false });
    app.page = await app.context.newPage();
    await app.page.goto(app.baseUrl);
    await ready(app.page);
    expect(await editorText(app.page, name)).toBe(text);
  });

  it('keeps an edit made just before the browser is quit and started again', async () => {
    const text = 'SELECT 3 AS restarted';
    await edit(app.page, text, 0);
    await app.close();
    const page = await relaunch();
    expect(await editorText(page, name)).toBe(text);
  });

  for (const ms of [0, 50, 150, 250, 1000]) {
    it(`keeps an edit when the browser process is killed ${ms} ms after it`, async () => {
      const text = `SELECT ${ms} AS killed_after_ms`;
      await edit(app.page, text, ms);
      await app.kill();
      const page = await relaunch();
      expect(await editorText(page, name)).toBe(text);
    });
  }

  it('made no request outside its own origin', () => {
    foreign.push(...app.foreign());
    expect(app.requests.length).toBeGreaterThan(3);
    expect(foreign).toEqual([]);
  });
});
