/**
 * Decimal and thousands separators from the values themselves. Each number-looking value votes:
 * `1.234,56` says "comma decimal, dot thousands"; `12,5` says "comma decimal" (a thousands group has
 * three digits); `1,234,567` says "comma thousands". A lone `1,234` is ambiguous and votes for nothing;
 * it follows the decision made from the others.
 */
import type { DecimalSeparator, ThousandsSeparator } from './types';
import { SPACES } from './value-patterns';

export interface SeparatorGuess {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  /** No value decided it: the defaults were used. */
  ambiguous: boolean;
}

const NUMBERISH = new RegExp(`^[-+]?\\d[\\d.,'${SPACES}]*$`);
const SPACE_GROUPS = new RegExp(`^[-+]?[1-9]\\d{0,2}(?:[${SPACES}]\\d{3})+(?:[.,]\\d+)?$`);

interface Votes {
  decimalDot: number;
  decimalComma: number;
  thousands: Map<ThousandsSeparator, number>;
  ambiguousComma: number;
  ambiguousDot: number;
}

const SEPARATOR_CHARS = new RegExp(`[.,'${SPACES}]`);

function vote(v: string, votes: Votes): void {
  if (!SEPARATOR_CHARS.test(v) || !NUMBERISH.test(v)) return;
  const add = (t: ThousandsSeparator) => votes.thousands.set(t, (votes.thousands.get(t) ?? 0) + 1);
  if (SPACE_GROUPS.test(v)) {
    add(' ');
    if (v.includes(',')) votes.decimalComma++;
    else if (v.includes('.')) votes.decimalDot++;
    return;
  }
  if (v.includes("'")) {
    if (/^[-+]?[1-9]\d{0,2}(?:'\d{3})+(?:\.\d+)?$/.test(v)) add("'");
    return;
  }
  const body = v.replace(/^[-+]/, '');
  const commas = body.split(',').length - 1;
  const dots = body.split('.').length - 1;
  if (commas > 0 && dots > 0) {
    // The separator that comes last is the decimal one.
    if (body.lastIndexOf(',') > body.lastIndexOf('.')) {
      if (/^[1-9]\d{0,2}(?:\.\d{3})+,\d+$/.test(body)) {
        votes.decimalComma++;
        add('.');
      }
    } else if (/^[1-9]\d{0,2}(?:,\d{3})+\.\d+$/.test(body)) {
      votes.decimalDot++;
      add(',');
    }
    return;
  }
  const [sep, count] = commas > 0 ? [',', commas] : [dots > 0 ? '.' : '', dots];
  if (sep === '') return;
  if (count > 1) {
    if (new RegExp(`^[1-9]\\d{0,2}(?:\\${sep}\\d{3})+$`).test(body)) add(sep as ThousandsSeparator);
    return;
  }
  const [intPart = '', frac = ''] = body.split(sep);
  // `0,125` or `1234,5`: a thousands group never follows a leading 0 nor has other than 3 digits after it,
  // nor follows more than 3 digits.
  const couldBeThousands = frac.length === 3 && /^[1-9]\d{0,2}$/.test(intPart);
  if (couldBeThousands) {
    if (sep === ',') votes.ambiguousComma++;
    else votes.ambiguousDot++;
  } else if (sep === ',') votes.decimalComma++;
  else votes.decimalDot++;
}

export function guessSeparators(values: Iterable<string>): SeparatorGuess {
  const votes: Votes = { decimalDot: 0, decimalComma: 0, thousands: new Map(), ambiguousComma: 0, ambiguousDot: 0 };
  for (const v of values) vote(v, votes);
  const decided = votes.decimalDot + votes.decimalComma > 0;
  let decimal: DecimalSeparator = votes.decimalComma > votes.decimalDot ? ',' : '.';
  // A thousands separator seen on its own (1.234.567) settles the decimal as the other character.
  if (!decided && (votes.thousands.get('.') ?? 0) > 0) decimal = ',';
  let thousands: ThousandsSeparator = '';
  let best = 0;
  for (const [t, n] of votes.thousands) {
    if (t !== decimal && n > best) {
      thousands = t;
      best = n;
    }
  }
  // Ambiguous `1,234` with a dot decimal can only be a thousands group (and `1.234` with a comma decimal).
  if (thousands === '') {
    if (decimal === '.' && votes.ambiguousComma > 0) thousands = ',';
    else if (decimal === ',' && votes.ambiguousDot > 0) thousands = '.';
  }
  const ambiguous = !decided && votes.thousands.size === 0 && votes.ambiguousComma + votes.ambiguousDot > 0;
  return { decimal, thousands, ambiguous };
}
