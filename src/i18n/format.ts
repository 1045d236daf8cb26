/**
 * Numbers, dates and money in a language's conventions, from the platform's Intl: no table of our own
 * to keep. French groups with a narrow no-break space (U+202F), writes a decimal comma and puts the
 * currency after the amount ("1 234,50 €"); English writes "1,234.50" and "€1,234.50".
 */
import { LOCALES, type Lang } from './languages';

export interface Formats {
  /** A number: up to `maximumFractionDigits` decimals (default 2), grouped. */
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** A share as a percentage: 0.125 → "12.5%" / "12,5 %". */
  percent(share: number, maximumFractionDigits?: number): string;
  /** An amount in an ISO 4217 currency (EUR when none is given), with the currency's own decimals. */
  money(amount: number, currency?: string | null): string;
  /** A calendar date (a Date, or ISO text "2024-03-05"), read in UTC so it is the same day everywhere. */
  date(d: Date | string, style?: 'short' | 'medium' | 'long'): string;
  /** A date and time, in the reader's time zone unless one is given. */
  dateTime(d: Date | string, timeZone?: string): string;
}

const DATE_STYLES: Record<'short' | 'medium' | 'long', Intl.DateTimeFormatOptions> = {
  short: { year: 'numeric', month: '2-digit', day: '2-digit' },
  medium: { year: 'numeric', month: 'short', day: 'numeric' },
  long: { year: 'numeric', month: 'long', day: 'numeric' },
};

function asDate(d: Date | string): Date {
  return d instanceof Date ? d : new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d);
}

export function createFormats(lang: Lang): Formats {
  const locale = LOCALES[lang];
  const numbers = new Map<string, Intl.NumberFormat>();
  const cached = (key: string, make: () => Intl.NumberFormat) => {
    let f = numbers.get(key);
    if (!f) numbers.set(key, (f = make()));
    return f;
  };
  return {
    number(n, options) {
      if (options) return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, ...options }).format(n);
      return cached('n', () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })).format(n);
    },
    percent(share, digits = 1) {
      return cached(`p${digits}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits })).format(share);
    },
    money(amount, currency) {
      const code = currency || 'EUR';
      return cached(`m${code}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: code })).format(amount);
    },
    date(d, style = 'short') {
      return new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone: 'UTC' }).format(asDate(d));
    },
    dateTime(d, timeZone) {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(asDate(d));
    },
  };
}
