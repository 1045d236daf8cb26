/** Day numbers and their text forms, checked against dates worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  clock,
  dayOf,
  daysInMonth,
  frDate,
  isoDate,
  isoTimestamp,
  isWeekend,
  monthOf,
  monthsBetween,
  parseDay,
  weekday,
  yearOf,
} from '../../src/demo/calendar';

// 1970-01-01 → 2021-01-01: 51 years of 365 days + 13 leap days (1972 … 2020) = 18,628 days.
const JAN_1_2021 = 18_628;
// → 2026-01-01: 56·365 + 14 leap days (1972 … 2024) = 20,454, so 2025-12-31 is day 20,453.
const DEC_31_2025 = 20_453;
// 2024-01-01 = 54·365 + 13 = 19,723; plus 31 days of January and 28 of February = 2024-02-29.
const FEB_29_2024 = 19_782;

describe('calendar', () => {
  it('numbers days since 1970-01-01', () => {
    expect([dayOf(1970, 1, 1), dayOf(2021, 1, 1), dayOf(2025, 12, 31), dayOf(2024, 2, 29)]).toEqual([0, JAN_1_2021, DEC_31_2025, FEB_29_2024]);
    expect([parseDay('2021-01-01'), parseDay('2024-02-29')]).toEqual([JAN_1_2021, FEB_29_2024]);
  });

  it('rejects text that is not a real date', () => {
    for (const bad of ['2021-13-01', '2023-02-29', '2021-1-1', '01/01/2021', '']) expect(() => parseDay(bad)).toThrow(/Not a date/);
  });

  it('reads back year, month and weekday', () => {
    expect([yearOf(FEB_29_2024), monthOf(FEB_29_2024)]).toEqual([2024, 2]);
    // 1970-01-01 was a Thursday (4), 2021-01-01 a Friday (5), 2024-02-29 a Thursday, 2025-12-31 a Wednesday.
    expect([weekday(0), weekday(JAN_1_2021), weekday(FEB_29_2024), weekday(DEC_31_2025)]).toEqual([4, 5, 4, 3]);
    // 2025-12-27 is a Saturday, 2025-12-28 a Sunday, 2025-12-29 a Monday.
    expect([isWeekend(DEC_31_2025 - 4), isWeekend(DEC_31_2025 - 3), isWeekend(DEC_31_2025 - 2)]).toEqual([true, true, false]);
  });

  it('knows month lengths, leap years included', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(2025, 12), daysInMonth(2025, 4)]).toEqual([29, 28, 31, 30]);
  });

  it('lists the 60 months of 2021–2025 with their bounds', () => {
    const months = monthsBetween(JAN_1_2021, DEC_31_2025);
    expect(months).toHaveLength(60);
    expect(months[0]).toEqual({ year: 2021, month: 1, first: JAN_1_2021, end: JAN_1_2021 + 31 });
    expect(months[37]).toEqual({ year: 2024, month: 2, first: FEB_29_2024 - 28, end: FEB_29_2024 + 1 });
    expect(months[59]).toEqual({ year: 2025, month: 12, first: DEC_31_2025 - 30, end: DEC_31_2025 + 1 });
  });

  it('formats ISO and French dates, clocks and timestamps', () => {
    expect([isoDate(JAN_1_2021), isoDate(FEB_29_2024), frDate(DEC_31_2025), frDate(FEB_29_2024)]).toEqual([
      '2021-01-01',
      '2024-02-29',
      '31/12/2025',
      '29/02/2024',
    ]);
    // 12:34:56 is 12·3600 + 34·60 + 56 = 45,296 s after midnight.
    expect([clock(0), clock(3661), clock(86_399), isoTimestamp(DEC_31_2025, 45_296)]).toEqual([
      '00:00:00',
      '01:01:01',
      '23:59:59',
      '2025-12-31 12:34:56',
    ]);
  });
});
