/**
 * Dates as whole days since 1970-01-01 (UTC), the unit the generator computes with, and their text
 * forms. Formatting millions of dates through Date objects is slow, so each day's strings are built
 * once and cached.
 */

/** Days since 1970-01-01, UTC. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Parses `YYYY-MM-DD`. */
export function parseDay(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  // Date.UTC rolls 2021-02-30 over to March: a round trip catches impossible dates.
  if (!m || isoDate(day) !== iso) throw new Error(`Not a date (YYYY-MM-DD): ${iso}`);
  return day;
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 1–12. */
export function monthOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}

export function daysInMonth(year: number, month: number): number {
  return dayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayOf(year, month, 1);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: Day): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** A calendar month of the generated period. */
export interface Month {
  year: number;
  /** 1–12 */
  month: number;
  first: Day;
  /** First day of the next month. */
  end: Day;
}

/** The months from the one holding `from` to the one holding `to`, both included. */
export function monthsBetween(from: Day, to: Day): Month[] {
  const out: Month[] = [];
  let year = yearOf(from);
  let month = monthOf(from);
  for (;;) {
    const first = dayOf(year, month, 1);
    if (first > to) return out;
    const end = first + daysInMonth(year, month);
    out.push({ year, month, first, end });
    if (month === 12) {
      year++;
      month = 1;
    } else month++;
  }
}

const isoCache = new Map<Day, string>();
const frCache = new Map<Day, string>();

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** `YYYY-MM-DD` */
export function isoDate(day: Day): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** `dd/mm/yyyy`, as French spreadsheets and CRMs write dates. */
export function frDate(day: Day): string {
  let s = frCache.get(day);
  if (s === undefined) {
    const iso = isoDate(day);
    s = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    frCache.set(day, s);
  }
  return s;
}

const clockCache: string[] = [];

/** `HH:MM:SS` for a second of the day (0–86399). */
export function clock(second: number): string {
  let s = clockCache[second];
  if (s === undefined) {
    s = `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}`;
    clockCache[second] = s;
  }
  return s;
}

/** `YYYY-MM-DD HH:MM:SS` */
export function isoTimestamp(day: Day, second: number): string {
  return isoDate(day) + ' ' + clock(second);
}
