/** What the runner asks of the model: why a table is missing, and which data a read reads. */
import { i18nFor, type I18n } from '../i18n/i18n';
import type { RunnerOptions } from '../notebook/runner';
import type { ModelState } from './describe';
import { bringText } from './needs';
import { provenanceOf } from './provenance';
import { MODEL_TABLE_NAMES, modelTable } from './tables';

/**
 * The runner's hooks for a model state. `userTables` are the user's own relations (schema main): a
 * name they hold is theirs, not the model's. Why a table is missing is said in the language of `t`
 * (read at each call: pass the interface's translator to follow its language).
 */
export function modelHooks(state: ModelState, userTables: readonly string[], t: I18n['t'] = i18nFor('en').t): RunnerOptions {
  const mine = new Set(userTables.map((n) => n.toLowerCase()));
  return {
    explainMissing(name) {
      const table = modelTable(name);
      if (!table || mine.has(name.toLowerCase())) return null;
      const s = state.tables.find((x) => x.table === table.name);
      if (s && s.source !== 'missing') return null;
      const demo = state.choice === 'demo';
      const bring = bringText(table.name, t);
      return {
        message: t(demo ? 'core.hooks.missing_demo' : 'core.hooks.missing_mine', { table: table.name }),
        hint: t(demo ? 'core.hooks.hint_demo' : 'core.hooks.hint_mine', { bring }),
      };
    },
    provenance: (reads) => provenanceOf(state, userTables, reads),
    possibleTables: () => MODEL_TABLE_NAMES,
  };
}
