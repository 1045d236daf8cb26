/**
 * The public API of the partner-analytics library. Everything a notebook or a TypeScript cell may call
 * is exported here; `ANALYSES` is the registry the notebook's `analysis` cells look ids up in.
 * This folder imports nothing else of Longtail's.
 */
import type { AnalysisDef } from './types';

export * from './types';
export { ident, lit, dateLit } from './sql';

// Core four (issue 4): add `export * from './x'` and the module's definitions below.
import { rfmDefinitions } from './rfm';
import { cohortDefinitions } from './cohorts';
import { benchmarkDefinitions } from './benchmark';
import { peerDefinitions } from './peers';
import { roiDefinitions } from './roi';
export * from './rfm';
export * from './cohorts';
export * from './benchmark';
export * from './peers';
export * from './roi';

// The rest (issue 5): add `export * from './x'` and the module's definitions below.
import { paretoDefinitions } from './pareto';
export * from './pareto';
import { engagementDefinitions } from './engagement';
export * from './engagement';
import { npsDefinitions } from './nps';
export * from './nps';
import { ltvDefinitions } from './ltv';
export * from './ltv';
import { conflictDefinitions } from './conflict';
export * from './conflict';
import { churnDefinitions } from './churn';
export * from './churn';

// The quarter's review (issue 18): partner pages, health, tiers, pipeline, registrations, funds.
import { registrationDefinitions } from './registrations';
export * from './registrations';
import { pipelineDefinitions } from './pipeline';
export * from './pipeline';
import { tierDefinitions } from './tiers';
export * from './tiers';
import { healthDefinitions } from './health';
export * from './health';
import { scorecardDefinitions } from './scorecard';
export * from './scorecard';
import { mdfDefinitions } from './mdf';
export * from './mdf';
export * from './bgnbd';
export * from './gammagamma';
export * from './special';
export * from './optimize';

/** Every analysis a notebook can name in an `analysis` cell, by id. */
const DEFINITIONS: AnalysisDef[] = [
  // core four (issue 4): ...rfmDefinitions, …
  ...rfmDefinitions,
  ...cohortDefinitions,
  ...benchmarkDefinitions,
  ...peerDefinitions,
  ...roiDefinitions,

  // the rest (issue 5): ...paretoDefinitions, …
  ...paretoDefinitions,
  ...engagementDefinitions,
  ...npsDefinitions,
  ...ltvDefinitions,
  ...conflictDefinitions,
  ...churnDefinitions,

  // the quarter's review (issue 18)
  ...registrationDefinitions,
  ...pipelineDefinitions,
  ...tierDefinitions,
  ...healthDefinitions,
  ...scorecardDefinitions,
  ...mdfDefinitions,
];

/** Every analysis a notebook can name in an `analysis` cell, by id. */
export const ANALYSES: Record<string, AnalysisDef> = Object.fromEntries(DEFINITIONS.map((d) => [d.id, d]));
