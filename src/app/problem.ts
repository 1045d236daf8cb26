/** A failure in the import dialog (and the mapping steps), as it shows it. */
import { ImportError } from '../ingest';
import { i18nFor, type I18n } from '../i18n';

/** What the dialog shows of a failure: the problem, and what to do about it. */
export interface Problem {
  message: string;
  hint: string;
  /** The ImportError code, when there is one (e.g. 'bad-rows' offers to skip them). */
  code?: string;
}

/** The hint a failure that is not an ImportError gets (in English: hintIn gives it in the interface's language). */
export const GENERIC_HINT = i18nFor('en').t('core.app.problem.retry');

export function problemOf(err: unknown): Problem {
  if (err instanceof ImportError) return { message: err.message, hint: err.hint, code: err.code };
  return { message: err instanceof Error ? err.message : String(err), hint: GENERIC_HINT };
}

/** The problem's hint as the interface shows it: the generic one in the interface's language. */
export function hintIn(problem: Problem, t: I18n['t']): string {
  return problem.hint === GENERIC_HINT ? t('core.app.problem.retry') : problem.hint;
}
