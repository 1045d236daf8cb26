/**
 * Where things live in the workspace's database. One list, so that "which relations are the user's"
 * has one answer (src/catalog/relations.ts) rather than a filter per module.
 *
 * - `main`     the user's own relations: imported files as tables, and whatever their SQL creates.
 * - `model`    the partner model as the notebooks read it: one view per model table (`deals`,
 *              `partners`…), bound to the demo, to the user's mapped imports, or derived (src/model).
 * - `demo`     the demo workspace's tables, never mixed with the user's.
 * - `mapped`   the user's imports mapped onto the model, one table per model table (appended exports).
 * - `cells`    cell results, free to replace.
 * - `longtail` Longtail's bookkeeping: import records, saved mappings, bindings, the bin.
 */
export const USER_SCHEMA = 'main';
export const MODEL_SCHEMA = 'model';
export const DEMO_SCHEMA = 'demo';
export const MAPPED_SCHEMA = 'mapped';
export const RESULTS_SCHEMA = 'cells';
export const BOOKKEEPING_SCHEMA = 'longtail';

/** Schemas a bare name is looked up in, in order (DuckDB's search_path). */
export const SEARCH_PATH = [USER_SCHEMA, MODEL_SCHEMA, RESULTS_SCHEMA] as const;

/** Transient and hidden relations (a load in progress, a deleted table kept for undo). */
export const INTERNAL_PREFIX = '__longtail_';

export function isInternalName(name: string): boolean {
  return name.toLowerCase().startsWith(INTERNAL_PREFIX);
}

let counter = 0;
/** A fresh name for a transient relation (a load in progress…), hidden from the user's lists. */
export function internalName(kind: string): string {
  counter += 1;
  return `${INTERNAL_PREFIX}${kind}_${Date.now().toString(36)}_${counter}`;
}
