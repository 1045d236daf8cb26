/** Short texts for the grid's header summaries and filter buttons, in the reader's locale. */
import { formatDate, formatNumber } from '../../engine/format';
import type { Column } from '../../engine/values';
import type { ColumnProfile } from '../../grid/profile';

export function compactCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export function percent(part: number, whole: number, locale: string): string {
  if (whole === 0) return '–';
  const share = part / whole;
  // Never round a few nulls to "0 %" or nearly all to "100 %".
  const shown = share > 0 && share < 0.001 ? 0.001 : share < 1 && share > 0.999 ? 0.999 : share;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: shown < 0.1 ? 1 : 0 }).format(shown);
}

/** Years read as 2024, not 2,024: columns named year, annee, fiscal_year… */
export function isYearColumn(name: string): boolean {
  return /(^|_)(year|annee|année|yr)$/i.test(name);
}

/** A measured value (a number, or epoch ms for dates) as the column shows it. */
export function measureText(v: number, column: Pick<Column, 'name' | 'kind'>, locale: string): string {
  const { kind } = column;
  if (kind === 'date' || kind === 'timestamp') return formatDate(new Date(v), locale, kind === 'timestamp');
  if (isYearColumn(column.name) && Number.isInteger(v)) return String(v);
  return formatNumber(v, locale, kind === 'integer');
}

/** "12 % empty · ≈1.1K distinct" */
export function profileLine(p: ColumnProfile, locale: string, words: ProfileWords = ENGLISH_WORDS): string {
  const parts = [p.nulls === 0 ? words.noEmpty : words.empty(percent(p.nulls, p.rows, locale))];
  if (p.distinct !== null) parts.push(words.distinct(`${p.distinctExact ? '' : '≈'}${compactCount(p.distinct, locale)}`));
  return parts.join(' · ');
}

/** The words of a summary line, in the reader's language (the caller passes them from the catalogue). */
export interface ProfileWords {
  noEmpty: string;
  empty: (share: string) => string;
  distinct: (count: string) => string;
}

const ENGLISH_WORDS: ProfileWords = { noEmpty: 'no empty', empty: (s) => `${s} empty`, distinct: (n) => `${n} distinct` };
