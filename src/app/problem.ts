/** A failure in the import dialog (and the mapping steps), as it shows it. */
import { ImportError } from '../ingest';

/** What the dialog shows of a failure: the problem, and what to do about it. */
export interface Problem {
  message: string;
  hint: string;
  /** The ImportError code, when there is one (e.g. 'bad-rows' offers to skip them). */
  code?: string;
}

export function problemOf(err: unknown): Problem {
  if (err instanceof ImportError) return { message: err.message, hint: err.hint, code: err.code };
  return { message: err instanceof Error ? err.message : String(err), hint: 'Try again; if it keeps failing, export the file again.' };
}
