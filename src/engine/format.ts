/**
 * Plain values → text for people, in their locale. Dates are calendar dates (no time zone shift:
 * DuckDB's DATE is a day, so it is shown in UTC); numbers are grouped as the locale writes them.
 */
import type { Plain, ValueKind } from './values';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function fmt<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(v: number, locale: string, integer = false): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (integer || Number.isInteger(v)) return fmt(`${locale}|i`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(v);
  if (abs >= 1 || abs === 0) return fmt(`${locale}|2`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })).format(v);
  return fmt(`${locale}|s`, () => new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 })).format(v);
}

export function formatDate(d: Date, locale: string, withTime: boolean): string {
  const key = `${locale}|d|${withTime}`;
  const f = fmt(key, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' as const } : {}),
    }),
  );
  return f.format(d);
}

export function formatValue(v: Plain, kind: ValueKind, locale: string): string {
  if (v === null) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return 'Invalid date';
    return formatDate(v, locale, kind === 'timestamp');
  }
  if (typeof v === 'number') return formatNumber(v, locale, kind === 'integer');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, x) => (x instanceof Date ? x.toISOString().slice(0, 10) : x));
}

/** ISO text for machines (CSV, JSON): dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS. */
export function isoValue(v: Plain, kind: ValueKind): string {
  if (v === null) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return kind === 'date' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
