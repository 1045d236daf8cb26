/**
 * What a run measures, and how many times: the full run (the data sets, under 15 minutes on 2
 * cores) or `--quick` (the smallest data set, everything once or three times, under 2 minutes).
 */
import type { CsvLocale } from '../src/demo';

export interface DataSetPlan {
  /** Row-count label, e.g. `1 M`, or `1 M fr` for the French export. */
  label: string;
  /** Demo generator scale: 2 ≈ 100 k deals, 20 ≈ 1 M, 100 ≈ 5 M. */
  scale: number;
  locale: CsvLocale;
  /** Runs of each import, and of each analysis after one warm-up run. */
  runs: number;
  analytics: boolean;
  /** Run all the template notebooks on this data set (with its whole workspace). */
  notebooks: boolean;
}

export interface Plan {
  mode: 'full' | 'quick';
  sets: DataSetPlan[];
  notebookRuns: number;
  /** First visits and later visits each. */
  coldStartRuns: number;
  /**
   * The largest-table probe: files of `copies` × the largest data set's rows (2 → 10 M, 4 → 20 M), tried
   * as the app ships (`guard`: its size guard on) and/or with the guard lifted (`lifted`). None in quick mode.
   */
  largest: { copies: number; guard: boolean; lifted: boolean }[];
  /** Time limit of one largest-table import. */
  largestLimitMs: number;
}

export const FULL: Plan = {
  mode: 'full',
  sets: [
    { label: '100 k', scale: 2, locale: 'en', runs: 5, analytics: true, notebooks: false },
    { label: '1 M', scale: 20, locale: 'en', runs: 3, analytics: true, notebooks: true },
    { label: '1 M fr', scale: 20, locale: 'fr', runs: 3, analytics: false, notebooks: false },
    { label: '5 M', scale: 100, locale: 'en', runs: 3, analytics: true, notebooks: false },
  ],
  notebookRuns: 3,
  coldStartRuns: 3,
  // The guard refuses both sizes the issue names; lifted, 20 M rows load and 40 M (4.2 GiB) find
  // where the engine itself stops. (10 M lifted would only repeat what 20 M shows.)
  largest: [
    { copies: 2, guard: true, lifted: false },
    { copies: 4, guard: true, lifted: true },
    { copies: 8, guard: false, lifted: true },
  ],
  largestLimitMs: 240_000,
};

export const QUICK: Plan = {
  mode: 'quick',
  sets: [{ label: '100 k', scale: 2, locale: 'en', runs: 3, analytics: true, notebooks: true }],
  notebookRuns: 1,
  coldStartRuns: 1,
  largest: [],
  largestLimitMs: 0,
};

export function planFor(args: readonly string[]): Plan {
  const unknown = args.filter((a) => a !== '--quick');
  if (unknown.length) throw new Error(`Unknown argument ${unknown.join(' ')}: the only option is --quick.`);
  return args.includes('--quick') ? QUICK : FULL;
}
