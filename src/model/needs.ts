/**
 * What a notebook reads of the partner model, as its front matter declares it:
 *   needs: deals(partner_id, closed_at, amount, status), partners(partner_id)
 *   uses: partners(name, sector, tier)
 * `needs` are what its figures cannot do without; `uses` what it reads when there (a breakdown by tier
 * shows one "(none)" group without tiers). A notebook whose needs are not met opens with a notice that
 * says what is missing and how to bring it, and runs what it can.
 */
import { i18nFor, type I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/catalogue';
import { isModelTableName, modelTable, type ModelTableName } from './tables';
import type { ModelState } from './describe';

const EN = i18nFor('en').t;

/** How to bring each table, in the catalogues (the English is the model's own `bring`, tables.ts). */
const BRING: Record<ModelTableName, MessageKey> = {
  deals: 'core.bring.deals',
  partners: 'core.bring.partners',
  activities: 'core.bring.activities',
  surveys: 'core.bring.surveys',
  programs: 'core.bring.programs',
  enrolments: 'core.bring.enrolments',
  targets: 'core.bring.targets',
  tier_rules: 'core.bring.tier_rules',
  mdf: 'core.bring.mdf',
};

/** What to import to bring `table`, in the language of `t` ("import a survey export (…)"). */
export function bringText(table: ModelTableName, t: I18n['t'] = EN): string {
  return t(BRING[table]);
}

export type Needs = Map<ModelTableName, string[]>;

/** The `needs:` (or `uses:`) line of a front matter; an empty map when there is none. */
export function parseNeeds(frontMatter: string | null, key: 'needs' | 'uses' = 'needs'): Needs {
  const out: Needs = new Map();
  const line = frontMatter?.match(new RegExp(`^${key}:\\s*(.+)$`, 'm'))?.[1];
  if (!line) return out;
  for (const m of line.matchAll(/([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?/g)) {
    const table = m[1]!.toLowerCase();
    if (!isModelTableName(table)) continue;
    const cols = (m[2] ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    out.set(table as ModelTableName, [...new Set([...(out.get(table as ModelTableName) ?? []), ...cols])]);
  }
  return out;
}

export function formatNeeds(needs: Needs): string {
  return [...needs].map(([t, cols]) => (cols.length ? `${t}(${cols.join(', ')})` : t)).join(', ');
}

export interface MissingNeed {
  table: ModelTableName;
  /** The whole table is missing, or only these columns. */
  tableMissing: boolean;
  columns: string[];
  bring: string;
}

export function unmetNeeds(needs: Needs, state: ModelState): MissingNeed[] {
  const out: MissingNeed[] = [];
  for (const [table, cols] of needs) {
    const t = state.tables.find((x) => x.table === table);
    const bring = modelTable(table)!.bring;
    if (!t || t.source === 'missing') {
      out.push({ table, tableMissing: true, columns: cols, bring });
      continue;
    }
    const missing = cols.filter((c) => t.columns.find((x) => x.name === c)?.source === 'missing');
    if (missing.length) out.push({ table, tableMissing: false, columns: missing, bring });
  }
  return out;
}

/** One sentence per unmet need, in the user's words and the language of `t` (the notebook's title goes before it). */
export function needSentence(n: MissingNeed, t: I18n['t'] = EN): string {
  const bring = bringText(n.table, t);
  if (n.tableMissing) return t('core.needs.table', { table: n.table, columns: n.columns.length ? ` (${n.columns.join(', ')})` : '', bring });
  return t('core.needs.columns', { count: n.columns.length, columns: n.columns.map((c) => `\`${n.table}.${c}\``).join(', '), table: n.table, bring });
}

export interface TemplateReadiness {
  file: string;
  title: string;
  /** Every need met: every figure can be computed. */
  ready: boolean;
  missing: MissingNeed[];
  /** What it reads when there and the data lacks (a breakdown that will show one group). */
  partial: MissingNeed[];
}

/** For the Data panel: which templates the current data can run, and what each one still needs. */
export function templateReadiness(templates: readonly { file: string; title: string; frontMatter: string | null }[], state: ModelState): TemplateReadiness[] {
  return templates.map((t) => {
    const missing = unmetNeeds(parseNeeds(t.frontMatter), state);
    return { file: t.file, title: t.title, ready: missing.length === 0, missing, partial: unmetNeeds(parseNeeds(t.frontMatter, 'uses'), state) };
  });
}
