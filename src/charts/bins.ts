/**
 * Bins as Vega makes them (vega-statistics `bin`, vega-transforms `Bin`), so that a histogram binned in
 * DuckDB has the same bars as one binned by Vega: a "nice" step of 1, 2 or 5 times a power of ten giving
 * at most `maxbins` bins over the extent, bins aligned on multiples of the step.
 */

export interface BinParams {
  maxbins?: number;
  step?: number;
  steps?: number[];
  minstep?: number;
  nice?: boolean;
  base?: number;
  divide?: number[];
  extent?: [number, number];
  anchor?: number;
}

export interface Bins {
  start: number;
  stop: number;
  step: number;
}

export function niceBins(extent: readonly [number, number], params: BinParams = {}): Bins {
  const maxb = params.maxbins || 20;
  const base = params.base || 10;
  const logb = Math.log(base);
  const div = params.divide || [5, 2];
  let [min, max] = params.extent ?? extent;
  const span = max - min || Math.abs(min) || 1;
  let step: number;
  if (params.step) step = params.step;
  else if (params.steps) {
    const v = span / maxb;
    let i = 0;
    while (i < params.steps.length && params.steps[i]! < v) i++;
    step = params.steps[Math.max(0, i - 1)]!;
  } else {
    const level = Math.ceil(Math.log(maxb) / logb);
    const minstep = params.minstep || 0;
    step = Math.max(minstep, Math.pow(base, Math.round(Math.log(span) / logb) - level));
    // too many bins: a bigger power; then the largest division of it that still fits
    while (Math.ceil(span / step) > maxb) step *= base;
    for (const d of div) {
      const v = step / d;
      if (v >= minstep && span / v <= maxb) step = v;
    }
  }
  const v = Math.log(step);
  const precision = v >= 0 ? 0 : ~~(-v / logb) + 1;
  const eps = Math.pow(base, -precision - 1);
  if (params.nice || params.nice === undefined) {
    const floor = Math.floor(min / step + eps) * step;
    min = min < floor ? floor - step : floor;
    max = Math.ceil(max / step) * step;
  }
  let start = min;
  let stop = start + Math.ceil(((max === min ? min + step : max) - start) / step) * step;
  if (params.anchor !== undefined) {
    const d = params.anchor - (start + step * Math.floor((params.anchor - start) / step));
    start += d;
    stop += d;
  }
  return { start, stop, step };
}

/** Vega's guard against 0.3 / 0.1 = 2.9999999999999996 putting a value in the bin below. */
const EPSILON = 1e-14;

/** SQL for the start of the bin holding the quoted column's value (values are within [start, stop]). */
export function binStartSql(column: string, bins: Bins): string {
  // Doubles throughout, as in JavaScript: a DECIMAL literal would round differently at the edges.
  const d = (n: number) => `CAST(${n} AS DOUBLE)`;
  const { start, stop, step } = bins;
  return `(${d(start)} + ${d(step)} * floor(${EPSILON} + (least(CAST(${column} AS DOUBLE), ${d(stop - step)}) - ${d(start)}) / ${d(step)}))`;
}

/** Vega-Lite's default number of bins for a channel: fewer where each bin needs a colour or a panel. */
export function defaultMaxBins(channel: string): number {
  if (['row', 'column', 'size', 'color', 'fill', 'stroke', 'strokeWidth', 'opacity', 'fillOpacity', 'strokeOpacity', 'shape'].includes(channel)) return 6;
  if (channel === 'strokeDash') return 4;
  return 10;
}
