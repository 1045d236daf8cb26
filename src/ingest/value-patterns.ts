/**
 * What a single text value can be read as, under given number and date settings. The patterns accept
 * exactly what DuckDB's CSV reader will accept with the same settings, so that a column typed from the
 * sample loads without rejects (values outside the sample are still checked by DuckDB).
 */
import type { ColumnType, DateFormat, DecimalSeparator, ThousandsSeparator, TimeFormat } from './types';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The characters `' '` stands for: space, no-break space, narrow no-break space. */
export const SPACES = ' \u00a0\u202f';

function thousandsClass(t: ThousandsSeparator): string {
  return t === ' ' ? `[${SPACES}]` : esc(t);
}

export interface NumberPatterns {
  integer: RegExp;
  number: RegExp;
}

/**
 * Integers have no leading zero ("007" and postcodes stay text: they are codes, not quantities) and at
 * most 18 digits (beyond that they are identifiers that a double would round).
 */
export function numberPatterns(decimal: DecimalSeparator, thousands: ThousandsSeparator): NumberPatterns {
  const grouped = thousands === '' ? '' : `|[1-9]\\d{0,2}(?:${thousandsClass(thousands)}\\d{3})+`;
  const intPart = `(?:0|[1-9]\\d*${grouped})`;
  const exponent = decimal === '.' ? '(?:[eE][-+]?\\d+)?' : '';
  return {
    integer: new RegExp(`^[-+]?${intPart}$`),
    number: new RegExp(`^[-+]?${intPart}(?:${esc(decimal)}\\d+)?${exponent}$`),
  };
}

function digitCount(v: string): number {
  let n = 0;
  for (let k = 0; k < v.length; k++) if (v.charCodeAt(k) >= 48 && v.charCodeAt(k) <= 57) n++;
  return n;
}

export const BOOLEAN = /^(?:true|false)$/i;

const ISO_DATE = /^\d{4}-(\d{1,2})-(\d{1,2})$/;
const ISO_TIMESTAMP = /^\d{4}-(\d{1,2})-(\d{1,2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

const TIME_PATTERNS: Record<TimeFormat, string> = {
  '%H:%M:%S': '\\d{1,2}:\\d{2}:\\d{2}',
  '%H:%M': '\\d{1,2}:\\d{2}',
  '%I:%M:%S %p': '\\d{1,2}:\\d{2}:\\d{2} [AaPp][Mm]',
  '%I:%M %p': '\\d{1,2}:\\d{2} [AaPp][Mm]',
};

interface DateShape {
  re: RegExp;
  /** Indices of the day and month groups. */
  day: number;
  month: number;
}

function dateShape(format: DateFormat): DateShape {
  switch (format) {
    case '%Y-%m-%d':
      return { re: /^\d{4}-(\d{1,2})-(\d{1,2})/, day: 2, month: 1 };
    case '%Y/%m/%d':
      return { re: /^\d{4}\/(\d{1,2})\/(\d{1,2})/, day: 2, month: 1 };
    default: {
      const sep = esc(format.charAt(2));
      const dayFirst = format.startsWith('%d');
      return { re: new RegExp(`^(\\d{1,2})${sep}(\\d{1,2})${sep}\\d{4}`), day: dayFirst ? 1 : 2, month: dayFirst ? 2 : 1 };
    }
  }
}

function validDayMonth(m: RegExpExecArray, shape: DateShape): boolean {
  const day = Number(m[shape.day]);
  const month = Number(m[shape.month]);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

export function isDate(v: string, format: DateFormat): boolean {
  if (format === '%Y-%m-%d') {
    const m = ISO_DATE.exec(v);
    return m !== null && validDayMonth(m, { re: ISO_DATE, day: 2, month: 1 });
  }
  const shape = dateShape(format);
  const m = shape.re.exec(v);
  return m !== null && m[0].length === v.length && validDayMonth(m, shape);
}

export function isTimestamp(v: string, format: DateFormat, time: TimeFormat): boolean {
  if (format === '%Y-%m-%d') {
    const m = ISO_TIMESTAMP.exec(v);
    return m !== null && validDayMonth(m, { re: ISO_TIMESTAMP, day: 2, month: 1 });
  }
  const shape = dateShape(format);
  const m = shape.re.exec(v);
  if (m === null || !validDayMonth(m, shape)) return false;
  return new RegExp(`^ ${TIME_PATTERNS[time]}$`).test(v.slice(m[0].length));
}

export interface ValueContext {
  numbers: NumberPatterns;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
}

/** The narrowest type every value fits; empty values are NULL and fit anything. */
export function inferType(values: readonly string[], ctx: ValueContext): ColumnType {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return 'VARCHAR';
  const all = (test: (v: string) => boolean) => present.every(test);
  if (all((v) => BOOLEAN.test(v))) return 'BOOLEAN';
  if (all((v) => ctx.numbers.integer.test(v) && digitCount(v) <= 18)) return 'BIGINT';
  // A long run of digits is an identifier (a double would round it), not a quantity.
  if (all((v) => ctx.numbers.number.test(v) && !(ctx.numbers.integer.test(v) && digitCount(v) > 18))) return 'DOUBLE';
  if (all((v) => isDate(v, ctx.dateFormat))) return 'DATE';
  const iso = ctx.dateFormat === '%Y-%m-%d';
  // DuckDB's own ISO parser reads a bare date as midnight; a strptime pattern with a time does not.
  if (all((v) => isTimestamp(v, ctx.dateFormat, ctx.timeFormat) || (iso && isDate(v, ctx.dateFormat)))) return 'TIMESTAMP';
  return 'VARCHAR';
}

/** True when `v` is a valid value of `type` (used to tell a header row from data). */
export function fitsType(v: string, type: ColumnType, ctx: ValueContext): boolean {
  switch (type) {
    case 'VARCHAR':
      return true;
    case 'BOOLEAN':
      return BOOLEAN.test(v);
    case 'BIGINT':
      return ctx.numbers.integer.test(v);
    case 'DOUBLE':
      return ctx.numbers.number.test(v);
    case 'DATE':
      return isDate(v, ctx.dateFormat);
    case 'TIMESTAMP':
      return isTimestamp(v, ctx.dateFormat, ctx.timeFormat) || (ctx.dateFormat === '%Y-%m-%d' && isDate(v, ctx.dateFormat));
  }
}
