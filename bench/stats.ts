/**
 * Several runs of one measurement reduced to what the report shows: the median (robust to the odd
 * run disturbed by other work on a shared machine), the min and the max, and the runs themselves.
 */
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('The median of no values is undefined.');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(runs: readonly number[]): Figure {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: [...runs] };
}

/** Longtail's median over a peer's: above 1, Longtail is slower by that factor. */
export function ratio(longtail: Figure | null | undefined, peer: Figure | null | undefined): number | null {
  if (!longtail || !peer || peer.median <= 0) return null;
  return longtail.median / peer.median;
}

/** Runs `fn` `times` times, one after the other, and summarises what each run returned. */
export async function repeat(times: number, fn: (run: number) => Promise<number>): Promise<Figure> {
  const runs: number[] = [];
  for (let k = 0; k < times; k++) runs.push(await fn(k));
  return summarize(runs);
}
