/**
 * A peer's side of one data set, in this Node process: the same CSV file loaded the same number of
 * times, then the same analyses, in the rows the page's figures are in.
 *
 * Warm means one untimed run first; a peer's process keeps its compiled code from one data set to the
 * next, so that run is only needed on the first set. An analysis computed in the library's own
 * TypeScript (churn.bgnbd fits its model in JS) that failed in the page is not run here: the same
 * code would fail the same way, after as long. Nor is one this peer failed on a smaller data set.
 */
import { BENCH_ANALYSES, definition } from './analyses';
import type { SetFiles } from './page-suite';
import { PIPELINE, type FailedAnalyses } from './page-suite';
import type { Peer } from './peers/peer';
import type { DataSetPlan } from './plan';
import type { Results } from './results';
import { repeat } from './stats';

export type PeerColumn = 'native' | 'arquero';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface PeerSetOptions {
  /** Run each analysis once untimed first. */
  warmUp: boolean;
  failedInPage: FailedAnalyses;
  /** This peer's own failures, on the data sets before this one. */
  failedHere: FailedAnalyses;
}

export async function measurePeer(peer: Peer, column: PeerColumn, set: DataSetPlan, files: SetFiles, options: PeerSetOptions, results: Results): Promise<void> {
  try {
    const importRow = results.row('Import', PIPELINE, set.label, 'ms');
    try {
      importRow[column] = await repeat(set.runs, () => timed(() => peer.importDeals(files.deals.path, set.locale)));
    } catch (err) {
      results.failCell(importRow, column, err);
      return;
    }
    if (!set.analytics || !files.partners) return;
    await peer.loadPartners(files.partners.path);
    for (const id of BENCH_ANALYSES) {
      const row = results.row('Analytics, warm', id, set.label, 'ms');
      const before = options.failedHere.first(id);
      const skip = before
        ? `not tried: it failed on ${before}`
        : definition(id).compute && options.failedInPage.on(id, set.label)
          ? 'not run: the library code it runs failed in the page on this data set'
          : null;
      if (skip) {
        options.failedHere.record(id, set.label);
        results.failCell(row, column, new Error(skip));
        continue;
      }
      try {
        if (options.warmUp) await peer.analysis(id);
        row[column] = await repeat(set.runs, () => timed(() => peer.analysis(id)));
      } catch (err) {
        options.failedHere.record(id, set.label);
        results.failCell(row, column, err);
      }
    }
  } finally {
    await peer.reset();
  }
}
