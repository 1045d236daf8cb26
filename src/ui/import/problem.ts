/** The import dialog's Problem lives in the core, with the import controller that makes it. */
export { hintIn, messageIn, problemOf, type Problem } from '../../app/problem';
