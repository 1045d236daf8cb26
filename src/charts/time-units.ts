/**
 * Vega-Lite time units computed in SQL, so that DuckDB can group dates before they reach the browser.
 * Each expression gives the same day Vega's UTC time unit gives: the start of the period, and for units
 * without the year, a day in 2012 (Vega's reference year, a leap year so that 29 February has a place).
 * Only units a calendar DATE can carry are here; hours, weeks and weekdays stay with Vega.
 */

const UNITS: Record<string, (f: string) => string> = {
  year: (f) => `make_date(year(${f}), 1, 1)`,
  yearquarter: (f) => `make_date(year(${f}), 3 * quarter(${f}) - 2, 1)`,
  yearquartermonth: (f) => `make_date(year(${f}), month(${f}), 1)`,
  yearmonth: (f) => `make_date(year(${f}), month(${f}), 1)`,
  yearmonthdate: (f) => `CAST(${f} AS DATE)`,
  quarter: (f) => `make_date(2012, 3 * quarter(${f}) - 2, 1)`,
  quartermonth: (f) => `make_date(2012, month(${f}), 1)`,
  month: (f) => `make_date(2012, month(${f}), 1)`,
  monthdate: (f) => `make_date(2012, month(${f}), day(${f}))`,
  date: (f) => `make_date(2012, 1, day(${f}))`,
};

/** SQL for the start of `unit` (with or without the `utc` prefix) of a quoted column; null if unsupported. */
export function timeUnitSql(unit: string, column: string): string | null {
  const make = UNITS[unit.replace(/^utc/, '')];
  return make ? make(column) : null;
}
