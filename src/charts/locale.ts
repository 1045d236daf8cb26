/**
 * Number and date formats for Vega in the reader's locale, derived from the browser's own `Intl` data
 * rather than a table of locales: the grouping and decimal marks, the minus and percent signs, and the
 * names of months and days come out exactly as the rest of the app (and the operating system) writes
 * them. Vega takes them as d3-format / d3-time-format locale definitions in `config.locale`.
 */
import { isObject, type JsonObject } from './json';

export interface NumberLocale {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
  minus: string;
  percent: string;
  nan: string;
  /** Digits when the locale does not write 0–9 (Arabic, Persian, Devanagari…). */
  numerals?: string[];
}

export interface TimeLocale {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
}

export interface VegaLocale {
  number: NumberLocale;
  time: TimeLocale;
}

function part(parts: Intl.NumberFormatPart[] | Intl.DateTimeFormatPart[], type: string): string | undefined {
  return (parts as { type: string; value: string }[]).find((p) => p.type === type)?.value;
}

/**
 * Group sizes from the right, as d3 wants them: 1234567890 is "1,234,567,890" → [3]; in Indian English
 * "1,23,45,67,890" → [3, 2] (d3 repeats the last size).
 */
function grouping(parts: Intl.NumberFormatPart[]): number[] {
  const sizes = parts.filter((p) => p.type === 'integer').map((p) => p.value.length).reverse();
  if (sizes.length < 2) return [3];
  const inner = sizes.slice(0, -1);
  // [3, 2, 2] and [3, 2] say the same thing to d3; keep the shortest.
  while (inner.length > 1 && inner[inner.length - 1] === inner[inner.length - 2]) inner.pop();
  return inner;
}

/** `currency` (ISO 4217) is optional: without it, d3's `$` formats show no symbol at all. */
export function numberLocale(locale: string, currency?: string): NumberLocale {
  const plain = new Intl.NumberFormat(locale, { useGrouping: true });
  const big = plain.formatToParts(1234567890.5);
  const percentParts = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(0.5);
  const afterNumber = percentParts.slice(percentParts.findIndex((p) => p.type === 'integer') + 1);
  let symbol: [string, string] = ['', ''];
  if (currency) {
    const c = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
    const at = c.findIndex((p) => p.type === 'integer');
    const end = c.findIndex((p, k) => k > at && p.type !== 'integer' && p.type !== 'decimal' && p.type !== 'fraction' && p.type !== 'group');
    symbol = [c.slice(0, at).map((p) => p.value).join(''), end < 0 ? '' : c.slice(end).map((p) => p.value).join('')];
  }
  const digits = Array.from({ length: 10 }, (_, d) => new Intl.NumberFormat(locale, { useGrouping: false }).format(d));
  return {
    ...(digits.join('') === '0123456789' ? {} : { numerals: digits }),
    decimal: part(big, 'decimal') ?? '.',
    thousands: part(big, 'group') ?? ',',
    grouping: grouping(big),
    currency: symbol,
    minus: part(plain.formatToParts(-1), 'minusSign') ?? '−',
    percent: afterNumber.map((p) => p.value).join('') || '%',
    nan: part(plain.formatToParts(NaN), 'nan') ?? 'NaN',
  };
}

/** A d3 time pattern from Intl's ordering of the parts ("%d/%m/%Y" in French, "%m/%d/%Y" in US English). */
function pattern(parts: Intl.DateTimeFormatPart[]): string {
  const codes: Record<string, string> = { year: '%Y', month: '%m', day: '%d', hour: '%H', minute: '%M', second: '%S', dayPeriod: '%p' };
  return parts.map((p) => (p.type === 'literal' ? p.value.replace(/%/g, '%%') : (codes[p.type] ?? ''))).join('');
}

function names(locale: string, option: Intl.DateTimeFormatOptions, dates: Date[]): string[] {
  const f = new Intl.DateTimeFormat(locale, { ...option, timeZone: 'UTC' });
  return dates.map((d) => f.format(d));
}

export function timeLocale(locale: string): TimeLocale {
  // 2012-01-01 was a Sunday, the first day in d3's lists.
  const week = Array.from({ length: 7 }, (_, k) => new Date(Date.UTC(2012, 0, 1 + k)));
  const year = Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2012, k, 15)));
  const sample = new Date(Date.UTC(2012, 10, 23, 15, 4, 5));
  const date = pattern(new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(sample));
  const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone: 'UTC' });
  const h12 = clock.resolvedOptions().hour12 === true;
  const timeParts = clock.formatToParts(sample);
  const time = pattern(timeParts).replace('%H', h12 ? '%I' : '%H');
  const period = (h: number) =>
    part(new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2012, 0, 1, h))), 'dayPeriod') ?? '';
  return {
    dateTime: `${date} ${time}`,
    date,
    time,
    periods: [period(9) || 'AM', period(15) || 'PM'],
    days: names(locale, { weekday: 'long' }, week),
    shortDays: names(locale, { weekday: 'short' }, week),
    months: names(locale, { month: 'long' }, year),
    shortMonths: names(locale, { month: 'short' }, year),
  };
}

export function vegaLocale(locale: string, currency?: string): VegaLocale {
  return { number: numberLocale(locale, currency), time: timeLocale(locale) };
}

/** The spec with the reader's formats, unless it names its own locale. */
export function withLocale(spec: JsonObject, locale: string): JsonObject {
  const config = isObject(spec.config) ? spec.config : {};
  if (config.locale !== undefined) return spec;
  return { ...spec, config: { ...config, locale: vegaLocale(locale) } };
}
