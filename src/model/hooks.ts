/** What the runner asks of the model: why a table is missing, and which data a read reads. */
import type { RunnerOptions } from '../notebook/runner';
import type { ModelState } from './describe';
import { provenanceOf } from './provenance';
import { MODEL_TABLE_NAMES, modelTable } from './tables';

/**
 * The runner's hooks for a model state. `userTables` are the user's own relations (schema main): a
 * name they hold is theirs, not the model's.
 */
export function modelHooks(state: ModelState, userTables: readonly string[]): RunnerOptions {
  const mine = new Set(userTables.map((n) => n.toLowerCase()));
  return {
    explainMissing(name) {
      const t = modelTable(name);
      if (!t || mine.has(name.toLowerCase())) return null;
      const s = state.tables.find((x) => x.table === t.name);
      if (s && s.source !== 'missing') return null;
      const where = state.choice === 'demo' ? 'the demo data does not have it' : 'your data does not have it yet';
      return {
        message: `This cell needs \`${t.name}\`, and ${where}.`,
        hint: state.choice === 'demo' ? `Switch to your data in the Data panel, or ${t.bring}.` : `To bring it, ${t.bring}; or switch to the demo data in the Data panel.`,
      };
    },
    provenance: (reads) => provenanceOf(state, userTables, reads),
    possibleTables: () => MODEL_TABLE_NAMES,
  };
}
