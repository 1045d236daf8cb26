/**
 * Chromium for the benchmark: Debian's build driven by playwright-core with the e2e suite's flags
 * (test/e2e/chromium.ts), and the peak memory of a tab read from the operating system.
 *
 * A tab's memory is its renderer process: the page, its workers and DuckDB's wasm heap all live there.
 * Linux keeps each process's resident high-water mark (VmHWM), so the peak is exact however short it
 * was, with no sampling. Each scenario gets its own browser, hence its own renderer and its own peak.
 */
import { chromium, type Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { CHROMIUM, FLAGS } from '../test/e2e/chromium';

export { CHROMIUM, FLAGS };

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** Bytes of a /proc/<pid>/status field given in kB; null once the process is gone. */
export function procStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** Process ids of the browser's renderers, as Chromium itself lists them. */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}

/** The highest resident memory any renderer of this browser has reached: the one tab we opened. */
export async function peakTabMemory(browser: Browser): Promise<number | null> {
  const peaks = (await rendererPids(browser)).map((pid) => procStatusBytes(pid, 'VmHWM') ?? 0);
  return peaks.length ? Math.max(...peaks) : null;
}

export async function chromiumVersion(): Promise<string> {
  const browser = await launch();
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}
