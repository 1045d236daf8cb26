/**
 * What the benchmark asks of a peer (native DuckDB, Arquero): load the same CSV files, run the same
 * analyses. Each call resolves once its result is fully materialised; the caller times it.
 */
import type { CsvLocale } from '../../src/demo';
import type { BenchAnalysis } from '../analyses';

export interface Peer {
  readonly name: string;
  readonly version: string;
  /** Threads it computes with (DuckDB's setting; 1 for Arquero, single-threaded JS). */
  readonly threads: number;
  /** Loads a deals CSV into the peer's `deals` table, replacing it; resolves to its row count. */
  importDeals(path: string, locale: CsvLocale): Promise<number>;
  loadPartners(path: string): Promise<void>;
  /** Runs an analysis over `deals` and `partners`; resolves to its row count. */
  analysis(id: BenchAnalysis): Promise<number>;
  /** Frees the loaded tables (between data sets, so memory does not pile up). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
