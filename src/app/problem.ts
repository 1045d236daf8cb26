/** A failure in the import dialog (and the mapping steps), as it shows it. */
import { ImportError } from '../ingest';
import { i18nFor, isSaid, sayIn, type I18n, type Said, type SaidError } from '../i18n';

/**
 * What the dialog shows of a failure: the problem, and what to do about it. `message` and `hint` are
 * English; `said` and `hintSaid`, when the code that failed said them, are the same in the catalogue's
 * words, for the dialog to show in the interface's language (messageIn, hintIn).
 */
export interface Problem {
  message: string;
  hint: string;
  /** The ImportError code, when there is one (e.g. 'bad-rows' offers to skip them). */
  code?: string;
  said?: Said | null;
  hintSaid?: Said | null;
}

/** The hint a failure that is not an ImportError gets (in English: hintIn gives it in the interface's language). */
export const GENERIC_HINT = i18nFor('en').t('core.app.problem.retry');

export function problemOf(err: unknown): Problem {
  if (err instanceof ImportError) {
    return { message: err.message, hint: err.hint, code: err.code, ...(err.said ? { said: err.said } : {}), ...(err.hintSaid ? { hintSaid: err.hintSaid } : {}) };
  }
  const s = (err as SaidError | null)?.said;
  return { message: err instanceof Error ? err.message : String(err), hint: GENERIC_HINT, ...(s && isSaid(s) ? { said: s } : {}) };
}

/** The problem as the interface shows it: its said form in the interface's language, else its own text. */
export function messageIn(problem: Problem, t: I18n['t']): string {
  return problem.said ? sayIn(t, problem.said) : problem.message;
}

/** The problem's hint as the interface shows it: its said form, or the generic one, in the interface's language. */
export function hintIn(problem: Problem, t: I18n['t']): string {
  if (problem.hintSaid) return sayIn(t, problem.hintSaid);
  return problem.hint === GENERIC_HINT ? t('core.app.problem.retry') : problem.hint;
}
