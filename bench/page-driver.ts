/**
 * The Node side of the bench page: a browser of its own, the page loaded, files put in its file input,
 * and typed calls into `window.longtailBench` with a time limit each (a call that never returns is a
 * failure to report, not a benchmark that hangs).
 */
import type { Browser, Page } from 'playwright-core';
import { launch, peakTabMemory } from './chromium';
import type { BenchApi } from './page/protocol';
import { withTimeLimit } from './time-limit';

type Method = keyof BenchApi;
type Result<M extends Method> = Awaited<ReturnType<BenchApi[M]>>;

export class BenchPage {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    /** Messages of uncaught errors in the page, for failure reports. */
    readonly pageErrors: string[],
  ) {}

  static async open(url: string, files: readonly string[]): Promise<BenchPage> {
    const browser = await launch();
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    if (files.length) await page.setInputFiles('#files', [...files]);
    return new BenchPage(browser, page, errors);
  }

  call<M extends Method>(method: M, args: Parameters<BenchApi[M]>, limitMs = 10 * 60_000): Promise<Result<M>> {
    const work = this.page.evaluate(
      ({ method, args }) => (window.longtailBench[method] as (...a: unknown[]) => Promise<unknown>)(...args),
      { method, args: args as unknown[] },
    ) as Promise<Result<M>>;
    return withTimeLimit(work, limitMs, `${method} in the bench page`);
  }

  /** Peak resident memory of the tab so far. */
  peakMemory(): Promise<number | null> {
    return peakTabMemory(this.browser);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}
