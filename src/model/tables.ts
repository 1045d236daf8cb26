/**
 * The partner model's tables (DOMAIN.md, "Data model"): what each is, what identifies a row of it (to
 * append monthly exports without duplicates), and how a user brings it. Columns and their export names
 * are the import dictionary's (src/ingest/mapping-dictionary.ts).
 */
import { CANONICAL, type CanonicalColumn, type CanonicalTable } from '../ingest/mapping-dictionary';

export type ModelTableName = CanonicalTable;

export interface ModelTable {
  name: ModelTableName;
  label: string;
  /** Columns that identify a row; when the export has none of them mapped, the whole row does. */
  key: readonly string[];
  /** What to import to bring it, in the user's words. */
  bring: string;
  /** Another model table it can be derived from, when not imported. */
  derivedFrom?: ModelTableName;
}

export const MODEL_TABLES: readonly ModelTable[] = [
  { name: 'deals', label: 'Deals', key: ['deal_id'], bring: 'import an export of deals or opportunities from your CRM or PRM (one row per deal, with partner, amount, close date and stage)' },
  {
    name: 'partners',
    label: 'Partners',
    key: ['partner_id'],
    bring: 'import your partner list (one row per partner: id or name, sector, region, tier, onboarding date), or a deals export with partner columns',
    derivedFrom: 'deals',
  },
  { name: 'activities', label: 'Activities', key: [], bring: 'import a marketing or PRM activity export (partner, date, kind such as email_open, webinar, training)' },
  { name: 'surveys', label: 'Surveys', key: ['partner_id', 'answered_at'], bring: 'import a survey export (partner, answer date, a score from 0 to 10)' },
  { name: 'programs', label: 'Programmes', key: ['program_id'], bring: 'import the list of your partner programmes (id, name, start and end dates, cost)' },
  { name: 'enrolments', label: 'Enrolments', key: ['program_id', 'partner_id'], bring: 'import the enrolments of partners in programmes (programme id, partner, enrolment date)' },
  { name: 'targets', label: 'Targets', key: ['partner_id', 'tier', 'quarter', 'metric'], bring: 'import your targets (partner or tier, quarter such as 2026-Q1, metric, target), or write them in a SQL cell' },
  { name: 'tier_rules', label: 'Tier rules', key: ['tier'], bring: 'import your tier rules (tier, rank, minimum won revenue, deals and certifications), or write them in a SQL cell' },
  { name: 'mdf', label: 'Marketing funds (MDF)', key: [], bring: 'import an MDF export from your PRM (partner, programme, request date, requested, approved, claimed, paid)' },
];

export const MODEL_TABLE_NAMES: readonly ModelTableName[] = MODEL_TABLES.map((t) => t.name);

export function modelTable(name: string): ModelTable | undefined {
  return MODEL_TABLES.find((t) => t.name === name.toLowerCase());
}

export function isModelTableName(name: string): boolean {
  return modelTable(name) !== undefined;
}

/** The table's own columns (without those that describe another table). */
export function ownColumns(table: ModelTableName): CanonicalColumn[] {
  return CANONICAL[table].filter((c) => !c.describes);
}

/** Columns of `from` that describe `table` (a deals export's partner sector…), by the column they give. */
export function describingColumns(from: ModelTableName, table: ModelTableName): CanonicalColumn[] {
  return CANONICAL[from].filter((c) => c.describes?.table === table);
}
