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
  /** Measure DuckDB's multi-threaded build too: the import pipeline, and the analyses when `analytics`. */
  threaded: boolean;
  /** The tab's peak with the workspace kept as the app keeps it (OPFS), everything run once. */
  appMemory: boolean;
}

/** The command line at scale: the deals file of `scale`, repeated `copies` times. */
export interface CliSetPlan {
  label: string;
  scale: number;
  copies: number;
  runs: number;
}

export interface Plan {
  mode: 'full' | 'quick' | 'cli' | 'quick-cli' | 'cold';
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
  /** `longtail run` of the RFM and long-tail templates with --data, each set once (bench/cli-scale.ts). */
  cli: CliSetPlan[];
  /** Time limit of one `longtail run`. */
  cliLimitMs: number;
  /**
   * `--memory-limit` of every `longtail run`: the machine is shared, and 100 M deals do not fit in
   * DuckDB's default (80 % of RAM) with room for anything else; beyond it DuckDB spills to disk.
   */
  cliMemoryLimit: string;
}

export const FULL: Plan = {
  mode: 'full',
  sets: [
    { label: '100 k', scale: 2, locale: 'en', runs: 5, analytics: true, notebooks: false, threaded: true, appMemory: false },
    { label: '1 M', scale: 20, locale: 'en', runs: 3, analytics: true, notebooks: true, threaded: true, appMemory: true },
    { label: '1 M fr', scale: 20, locale: 'fr', runs: 3, analytics: false, notebooks: false, threaded: false, appMemory: false },
    { label: '5 M', scale: 100, locale: 'en', runs: 3, analytics: true, notebooks: false, threaded: true, appMemory: false },
  ],
  notebookRuns: 3,
  coldStartRuns: 3,
  // As shipped, 20 M rows (2.1 GiB) import and 40 M (4.2 GiB) are refused by the size guard, which
  // follows the memory the browser can give (src/ingest/limits.ts); lifted, 40 M find where the engine
  // itself stops.
  largest: [
    { copies: 4, guard: true, lifted: false },
    { copies: 8, guard: true, lifted: true },
  ],
  largestLimitMs: 240_000,
  cli: [
    { label: '5 M', scale: 100, copies: 1, runs: 1 },
    { label: '20 M', scale: 100, copies: 4, runs: 1 },
    { label: '100 M', scale: 100, copies: 20, runs: 1 },
  ],
  cliLimitMs: 2_700_000,
  cliMemoryLimit: '8GB',
};

export const QUICK: Plan = {
  mode: 'quick',
  sets: [{ label: '100 k', scale: 2, locale: 'en', runs: 3, analytics: true, notebooks: true, threaded: true, appMemory: true }],
  notebookRuns: 1,
  coldStartRuns: 1,
  largest: [],
  largestLimitMs: 0,
  cli: [{ label: '100 k', scale: 2, copies: 1, runs: 1 }],
  cliLimitMs: 300_000,
  cliMemoryLimit: '8GB',
};

/**
 * `--quick`, and `--cli[=5M,20M]`: only the command line part (of the full or the quick plan), on the
 * data sets named (spaces left out), all of them when none is.
 */
export function planFor(args: readonly string[]): Plan {
  const cliArg = args.find((a) => a === '--cli' || a.startsWith('--cli='));
  const unknown = args.filter((a) => a !== '--quick' && a !== '--cold' && a !== '--no-cli' && a !== cliArg);
  if (unknown.length) throw new Error(`Unknown argument ${unknown.join(' ')}: the options are --quick, --cold, --no-cli and --cli[=5M,20M,100M].`);
  // Everything but the command line at scale (its own run: --cli), which takes longer than the rest.
  if (args.includes('--no-cli')) return { ...(args.includes('--quick') ? QUICK : FULL), cli: [] };
  // Only the start of the app against a bare DuckDB-WASM page (issue 16.1, 16.2): minutes, not an hour.
  if (args.includes('--cold')) return { ...(args.includes('--quick') ? QUICK : FULL), mode: 'cold' };
  const base = args.includes('--quick') ? QUICK : FULL;
  if (!cliArg) return base;
  const wanted = cliArg.includes('=') ? cliArg.slice(6).split(',').map((l) => l.replace(/\s/g, '')) : null;
  const cli = wanted ? base.cli.filter((c) => wanted.includes(c.label.replace(/\s/g, ''))) : base.cli;
  if (wanted && cli.length !== wanted.length) throw new Error(`--cli=${wanted.join(',')}: the data sets are ${base.cli.map((c) => c.label.replace(/\s/g, '')).join(', ')}.`);
  return { ...base, mode: base === QUICK ? 'quick-cli' : 'cli', cli };
}
