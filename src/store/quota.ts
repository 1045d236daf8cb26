/**
 * Storage space: how much the browser gives Longtail and how much is used, the request that the browser
 * keep it (not evict it under pressure), and what to tell the user when a write finds the space full.
 */
import { formatBytes } from '../ingest/errors';

export { formatBytes };

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
export function storageFullMessage(items: readonly Deletable[], status: StorageStatus | null): string {
  const usage = status && status.quota > 0 ? ` (${formatBytes(status.used)} used of ${formatBytes(status.quota)})` : '';
  const largest = [...items]
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((i) => `${i.kind} ${i.name} (${formatBytes(i.bytes)})`);
  const advice = largest.length
    ? `To make room, delete what you no longer need, largest first: ${largest.join(', ')}.`
    : 'To make room, delete tables or notebooks you no longer need, or free space on this computer.';
  return (
    `The browser's storage for Longtail is full${usage}. Nothing was lost: your latest changes stay in this tab ` +
    `and are saved as soon as there is room. ${advice} Export the workspace first if you may need them again.`
  );
}
