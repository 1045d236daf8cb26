/**
 * The public API of the partner-analytics library. Everything a notebook or a TypeScript cell may call
 * is exported here; `ANALYSES` is the registry the notebook's `analysis` cells look ids up in.
 * This folder imports nothing else of Longtail's.
 */
import type { AnalysisDef } from './types';

export * from './types';
export { ident, lit, dateLit } from './sql';

// Core four (issue 4): add `export * from './x'` and the module's definitions below.

// The rest (issue 5): add `export * from './x'` and the module's definitions below.

/** Every analysis a notebook can name in an `analysis` cell, by id. */
const DEFINITIONS: AnalysisDef[] = [
  // core four (issue 4): ...rfmDefinitions, …

  // the rest (issue 5): ...paretoDefinitions, …
];

/** Every analysis a notebook can name in an `analysis` cell, by id. */
export const ANALYSES: Record<string, AnalysisDef> = Object.fromEntries(DEFINITIONS.map((d) => [d.id, d]));
