/**
 * Money as people read it: two decimals, grouped as the locale writes numbers, with the currency the
 * data is in when known (`6 280 799,60 €` in French, `€6,280,799.60` in English). A column is money
 * when DuckDB types it DECIMAL with two decimals — the partner model's amounts and costs, and their sums,
 * which keep that type.
 */
import type { Column, Plain } from './values';

const cache = new Map<string, Intl.NumberFormat>();

export function isMoneyColumn(column: Pick<Column, 'sqlType'>): boolean {
  return /^DECIMAL\(\d+,\s*2\)$/i.test(column.sqlType);
}

/** ISO 4217 code from what an export writes in a header or beside its amounts. */
export function currencyFromText(text: string): string | null {
  const t = text.toUpperCase();
  if (/€|\bEUR\b|\bEUROS?\b/.test(t)) return 'EUR';
  if (/£|\bGBP\b/.test(t)) return 'GBP';
  if (/\bCHF\b/.test(t)) return 'CHF';
  if (/US\$|\$|\bUSD\b/.test(t)) return 'USD';
  return null;
}

export function formatMoney(v: number, locale: string, currency: string | null): string {
  const key = `${locale}|${currency ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    cache.set(key, f);
  }
  return f.format(v);
}

/** A money value as text, or null when the value or the column is not money (the caller formats it). */
export function formatIfMoney(v: Plain, column: Pick<Column, 'sqlType'>, locale: string, currency: string | null): string | null {
  return typeof v === 'number' && Number.isFinite(v) && isMoneyColumn(column) ? formatMoney(v, locale, currency) : null;
}
