/** How the workspace panel writes sizes, fingerprints and times. */
export { formatBytes } from '../../store/quota';

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

/** "3 minutes ago", "yesterday", "just now". */
export function ago(at: number | null, now = Date.now(), locale?: string): string {
  if (at === null) return '—';
  const elapsed = now - at;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (elapsed >= ms) return rtf.format(-Math.floor(elapsed / ms), unit);
  return rtf.format(0, 'second') === 'now' ? 'just now' : rtf.format(0, 'second');
}
