/** How the workspace panel writes sizes, fingerprints and times. */
import type { MessageKey, Params } from '../../i18n';
export { formatBytes, bytesIn } from '../../store/quota';

/** What bytesIn (store/quota.ts) needs of the interface's language (useI18n() gives it). */
export interface Speaker {
  t(key: MessageKey, params?: Params): string;
  n(value: number, options?: Intl.NumberFormatOptions): string;
}

/** The first 12 hex digits: enough to compare by eye; the full value is in the tooltip. */
export function shortHash(sha: string): string {
  return sha.slice(0, 12);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "yesterday", "just now" (`justNow`, when given: the language's own words for it). */
export function ago(at: number | null, now = Date.now(), locale?: string, justNow?: string): string {
  if (at === null) return '—';
  const elapsed = now - at;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (elapsed >= ms) return rtf.format(-Math.floor(elapsed / ms), unit);
  if (justNow !== undefined) return justNow;
  return rtf.format(0, 'second') === 'now' ? 'just now' : rtf.format(0, 'second');
}

/**
 * A message with elements inside (<code>, <strong>): give each such placeholder `slot('name')` as its
 * value, then `cut()` the text: even parts are text, odd parts the names of the slots, in order.
 */
const MARK = '\u0000';
export const slot = (name: string): string => `${MARK}${name}${MARK}`;
export const cut = (text: string): string[] => text.split(/\u0000(\w+)\u0000/);
