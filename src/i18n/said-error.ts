/**
 * Errors thrown with said messages (said.ts): the English text in `message` and `hint`, the said forms
 * in `said` and `hintSaid` for whoever shows the error in the reader's language.
 */
import { CellInputError } from '../errors/input-error';
import { english, type Said } from './said';

/** Keeps the said forms of an error's message and hint on it (made from the same keys as its English text). */
export function withSaid<E extends { said?: unknown; hintSaid?: unknown }>(e: E, message: Said | null, hint: Said | null): E {
  e.said = message;
  e.hintSaid = hint;
  return e;
}

/**
 * A CellInputError of a said message and hint. A hint given as text (an analysis parameter's
 * documentation, which has no translation) is shown as it is.
 */
export function inputError(message: Said, hint: Said | string, kind: 'input' | 'cancelled' = 'input'): CellInputError {
  const e = new CellInputError(english(message), typeof hint === 'string' ? hint : english(hint), kind);
  return withSaid(e, message, typeof hint === 'string' ? null : hint);
}
