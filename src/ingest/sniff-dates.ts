/**
 * The date format of a file, from its values. Day/month order follows the rule of the issue: a value
 * whose first field is 13 or more can only be day-first, one whose second field is 13 or more only
 * month-first. When no value decides (every day is 12 or less), the file's other habits break the tie —
 * `;` delimiters and decimal commas are European, so day-first — and the result is flagged for the user.
 */
import type { DateFormat, TimeFormat } from './types';

export interface DateGuess {
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
  /** No value told day from month: the order was chosen from the hint. */
  ambiguous: boolean;
  /** Values contradicted each other (some day-first, some month-first). */
  conflicting: boolean;
  /** How many values looked like dates at all. */
  seen: number;
}

const ISO = /^\d{4}([-/])\d{1,2}\1\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DMY_OR_MDY = /^(\d{1,2})([/.-])(\d{1,2})\2\d{4}(?: (\d{1,2}:\d{2})(:\d{2})?( [AaPp][Mm])?)?$/;

export function guessDateFormat(values: Iterable<string>, europeanHint: boolean): DateGuess {
  let iso = 0;
  let isoSlash = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  let other = 0;
  const seps = new Map<string, number>();
  let withTime = 0;
  let withSeconds = 0;
  let withMeridiem = 0;
  for (const v of values) {
    // Most values are not dates: a cheap look at length and first character spares the patterns.
    const c = v.charCodeAt(0);
    if (v.length < 8 || v.length > 35 || c < 48 || c > 57) continue;
    const i = ISO.exec(v);
    if (i) {
      if (i[1] === '/') isoSlash++;
      else iso++;
      continue;
    }
    const m = DMY_OR_MDY.exec(v);
    if (!m) continue;
    other++;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
    seps.set(m[2]!, (seps.get(m[2]!) ?? 0) + 1);
    if (m[4]) {
      withTime++;
      if (m[5]) withSeconds++;
      if (m[6]) withMeridiem++;
    }
  }
  const seen = iso + isoSlash + other;
  const seconds = withSeconds * 2 > withTime;
  const meridiem = withMeridiem * 2 > withTime;
  const timeFormat: TimeFormat = meridiem ? (seconds ? '%I:%M:%S %p' : '%I:%M %p') : seconds ? '%H:%M:%S' : '%H:%M';
  if (other === 0 || iso + isoSlash > other) {
    return { dateFormat: isoSlash > iso ? '%Y/%m/%d' : '%Y-%m-%d', timeFormat, ambiguous: false, conflicting: false, seen };
  }
  let sep = '/';
  let best = 0;
  for (const [s, n] of seps) {
    if (n > best) {
      sep = s;
      best = n;
    }
  }
  const ambiguous = dayFirst === 0 && monthFirst === 0;
  const isDayFirst = ambiguous ? europeanHint || sep === '.' : dayFirst >= monthFirst;
  const order = isDayFirst ? ['%d', '%m'] : ['%m', '%d'];
  const format = `${order[0]}${sep}${order[1]}${sep}%Y` as DateFormat;
  // German-style dotted dates are only ever day-first; there is no %m.%d.%Y choice.
  const dateFormat: DateFormat = sep === '.' ? '%d.%m.%Y' : format;
  return { dateFormat, timeFormat, ambiguous, conflicting: dayFirst > 0 && monthFirst > 0, seen };
}
