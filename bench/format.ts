/** How figures read in the Markdown table: short, with the unit, min–max beside the median. */
import type { Figure } from './stats';

export type Unit = 'ms' | 'bytes';

interface Scale {
  div: number;
  digits: number;
  suffix: string;
}

/** One scale per figure, chosen from its median, so min, median and max read in the same unit. */
function scaleFor(value: number, unit: Unit): Scale {
  if (unit === 'ms') {
    if (value < 1) return { div: 1, digits: 2, suffix: 'ms' };
    if (value < 100) return { div: 1, digits: 1, suffix: 'ms' };
    if (value < 1000) return { div: 1, digits: 0, suffix: 'ms' };
    if (value < 100_000) return { div: 1000, digits: 2, suffix: 's' };
    return { div: 1000, digits: 0, suffix: 's' };
  }
  // Binary units, as the browser's storage and DuckDB's memory settings count.
  if (value < 1024) return { div: 1, digits: 0, suffix: 'B' };
  if (value < 1024 ** 2) return { div: 1024, digits: 1, suffix: 'KiB' };
  if (value < 1024 ** 3) return { div: 1024 ** 2, digits: 1, suffix: 'MiB' };
  return { div: 1024 ** 3, digits: 2, suffix: 'GiB' };
}

const number = (v: number, s: Scale) => (v / s.div).toFixed(s.digits);

export function formatValue(value: number, unit: Unit): string {
  const s = scaleFor(value, unit);
  return `${number(value, s)} ${s.suffix}`;
}

export const formatMs = (ms: number) => formatValue(ms, 'ms');
export const formatBytes = (bytes: number) => formatValue(bytes, 'bytes');

/** `1.23 s (1.20–1.31)`; a single run shows its value alone. */
export function formatFigure(f: Figure | null | undefined, unit: Unit): string {
  if (!f) return '—';
  const s = scaleFor(f.median, unit);
  const m = `${number(f.median, s)} ${s.suffix}`;
  return f.runs.length < 2 ? m : `${m} (${number(f.min, s)}–${number(f.max, s)})`;
}

export function formatRatio(r: number | null): string {
  if (r === null) return '—';
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`;
}

/** Row counts as the issue names the data sets: 100 k, 1 M, 5 M. */
export function formatRows(rows: number): string {
  if (rows >= 1e6) return `${+(rows / 1e6).toFixed(rows >= 1e7 ? 0 : 2)} M`;
  if (rows >= 1e3) return `${Math.round(rows / 1e3)} k`;
  return String(rows);
}
