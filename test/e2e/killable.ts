/**
 * A Chromium the test can kill for real: started as a child process on a profile folder, driven over
 * the DevTools protocol, and ended with SIGKILL — no unload, no flush of what the browser keeps in
 * memory (localStorage's pending commits, a checkpoint half written), as a crash or a power cut would.
 * The process is the test's own (its pid, not a name).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM, FLAGS } from './chromium';

export interface KillableApp {
  process: ChildProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  requests: string[];
  foreign(): string[];
  /** SIGKILL to the browser process; resolves once it is gone. */
  kill(): Promise<void>;
  /** Closes the browser as a user would (it writes what it keeps in memory). */
  close(): Promise<void>;
}

export async function launchKillable(profile: string, options: { goto?: boolean } = {}): Promise<KillableApp> {
  const baseUrl = inject('baseUrl');
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1280,800', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = text.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${text.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0]!;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1280, height: 800 });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  if (options.goto !== false) await page.goto(baseUrl);
  const origin = new URL(baseUrl).origin;
  return {
    process: child,
    browser,
    context,
    page,
    baseUrl,
    requests,
    foreign: () => requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank'),
    async kill() {
      child.kill('SIGKILL');
      await exited;
      await browser.close().catch(() => undefined);
    },
    async close() {
      // Browser.close: the browser shuts down as when the user quits it, writing what it holds.
      const cdp = await browser.newBrowserCDPSession().catch(() => null);
      await cdp?.send('Browser.close').catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
