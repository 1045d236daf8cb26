/**
 * A problem the store tells the user about (a version no longer in the bin, no workshop saved…):
 * `said` is what the user reads, in their language (errorText); `message` is its English.
 */
import { english, type Said, type SaidError } from '../i18n/said';

export class StoreError extends Error implements SaidError {
  readonly said: Said;
  constructor(message: Said) {
    super(english(message));
    this.name = 'StoreError';
    this.said = message;
  }
}
