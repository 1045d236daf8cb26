/**
 * Storage space: how much the browser gives Longtail and how much is used, the request that the browser
 * keep it (not evict it under pressure), and what to tell the user when a write finds the space full.
 */
import { formatBytes } from '../ingest/errors';
import { i18nFor, type I18n } from '../i18n';

export { formatBytes };

/** What sizes and messages need of a language (an I18n, or the interface's LangState). */
export type QuotaWords = Pick<I18n, 'lang' | 't' | 'n'>;

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** formatBytes in a language: "1.5 MB" / "1,5 Mo", "200 bytes" / "200 octets". */
export function bytesIn(i18n: Pick<I18n, 't' | 'n'>, n: number): string {
  const tenths = (v: number) => i18n.n(v, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  if (n >= GB) return i18n.t('ws.size.gb', { size: tenths(n / GB) });
  if (n >= MB) return i18n.t('ws.size.mb', { size: tenths(n / MB) });
  if (n >= 1024) return i18n.t('ws.size.kb', { size: tenths(n / 1024) });
  return i18n.t('ws.size.bytes', { count: n });
}

/** A size in the messages below: in English as formatBytes has always written it, else in the language's units. */
function sizeIn(words: QuotaWords, n: number): string {
  return words.lang === 'en' ? formatBytes(n) : bytesIn(words, n);
}

export interface StorageStatus {
  used: number;
  quota: number;
  /** The browser promised not to evict the data without asking the user. */
  persisted: boolean;
}

export async function storageStatus(): Promise<StorageStatus | null> {
  if (!navigator.storage?.estimate) return null;
  const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? Promise.resolve(false)]);
  return { used: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}

/**
 * Asks the browser to keep Longtail's data. Chromium decides without a prompt (granted for installed
 * apps and sites used often); Firefox asks the user. Without it, data is kept unless space runs low.
 */
export async function requestPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

/** A write refused for lack of space: IndexedDB's QuotaExceededError, or DuckDB's failed OPFS write. */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  if (!e) return false;
  if (e.name === 'QuotaExceededError') return true;
  return /QuotaExceeded|No space available|not enough space|disk is full|out of disk/i.test(e.message ?? '');
}

export interface Deletable {
  kind: 'table' | 'notebook';
  name: string;
  bytes: number;
}

/** What the user reads when storage is full: that nothing is lost, and what to delete, largest first. */
export function storageFullMessage(items: readonly Deletable[], status: StorageStatus | null, words: QuotaWords = i18nFor('en')): string {
  const t = words.t;
  const size = (n: number) => sizeIn(words, n);
  const title =
    status && status.quota > 0 ? t('core.app.storage_full.title_usage', { used: size(status.used), quota: size(status.quota) }) : t('core.app.storage_full.title');
  const largest = [...items]
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((i) => t(i.kind === 'table' ? 'core.app.storage_full.item_table' : 'core.app.storage_full.item_notebook', { name: i.name, size: size(i.bytes) }));
  const advice = largest.length ? t('core.app.storage_full.largest', { items: largest.join(', ') }) : t('core.app.storage_full.nothing_large');
  return `${title} ${t('core.app.storage_full.body', { advice })}`;
}
