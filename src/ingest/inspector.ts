/**
 * Who inspects files: the work that reads and parses a file before DuckDB sees it (sniffing, decoding,
 * parsing JSON, Excel and Parquet), behind one interface so the page can have it done in a worker
 * (worker/client.ts) while Node, tests and scripts do it in their own thread.
 */
import { inspectFile, redetect, type FixedSettings, type InspectOptions, type Inspection } from './import';
import type { SourceFile } from './types';

export interface Inspector {
  /** Detects the format and every setting (inspectFile); throws ImportError for files that cannot be imported. */
  inspect(file: SourceFile, options?: InspectOptions): Promise<Inspection>;
  /** Settings re-detected around what the user fixed (redetect), from the inspection `inspect` returned. */
  redetect(insp: Inspection, fixed: FixedSettings): Promise<Inspection>;
  /** Lets go of everything kept for the files inspected (a worker is ended). */
  close(): void;
}

/** Inspection in the calling thread. */
export const localInspector: Inspector = {
  inspect: (file, options) => inspectFile(file, options),
  redetect: async (insp, fixed) => redetect(insp, fixed),
  close: () => undefined,
};
