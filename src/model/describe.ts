/**
 * The model as the Data panel, the notebooks' notices and the snapshots state it: for each model
 * table, where it comes from (files with their rows, dates and SHA-256), which columns are mapped,
 * derived or missing, and how to bring what is missing.
 */
import type { Engine } from '../engine/types';
import { DEMO_SCHEMA, MODEL_SCHEMA } from '../catalog/schemas';
import { relationsIn, userRelations } from '../catalog/relations';
import { listImports } from '../ingest/catalog';
import type { ImportRecord } from '../ingest/types';
import { qualified, rowsOf, ident } from '../sql/quote';
import { boundImports, dataChoice, modelDefinitions, type DataChoice } from './binding';
import { describingColumns, MODEL_TABLES, ownColumns, type ModelTableName } from './tables';

export type ColumnSource = 'demo' | 'mapped' | 'derived' | 'missing';

export interface ColumnState {
  name: string;
  source: ColumnSource;
  /** The export's column(s) it comes from, when mapped or derived. */
  from: string[];
}

export interface ImportState {
  sourceTable: string;
  importId: number;
  /** The import's record (file name, size, rows, SHA-256); null when it can no longer be found. */
  record: ImportRecord | null;
  /** The user's table it came from still exists. */
  tablePresent: boolean;
}

export interface TableState {
  table: ModelTableName;
  label: string;
  source: 'demo' | 'imports' | 'derived' | 'missing';
  rows: number | null;
  /** Earliest and latest date of the table's main date column (ISO), when it has dates. */
  dates: { column: string; from: string; to: string } | null;
  imports: ImportState[];
  columns: ColumnState[];
  bring: string;
  derivedFrom?: ModelTableName;
  /** A table of the user's own (schema main) with the same name, which hides this one from cells. */
  hiddenBy: string | null;
}

export interface ModelState {
  choice: DataChoice;
  /** The currency the model's amounts are in, when known (the demo's are in euros). */
  currency: string | null;
  /** The demo's tables exist (they are built on a first start). */
  demoAvailable: boolean;
  tables: TableState[];
}

/** The demo's resellers sell in euros. */
export const DEMO_CURRENCY = 'EUR';

/** The column whose range says which period a table covers (a quarter for targets; none for tier rules). */
export const DATE_COLUMN: Partial<Record<ModelTableName, string>> = {
  deals: 'closed_at',
  partners: 'onboarded_at',
  activities: 'occurred_at',
  surveys: 'answered_at',
  programs: 'starts_on',
  enrolments: 'enrolled_on',
  targets: 'quarter',
  mdf: 'requested_at',
};

async function sizeAndDates(engine: Engine, table: ModelTableName): Promise<{ rows: number; dates: TableState['dates'] }> {
  const column = DATE_COLUMN[table];
  const relation = qualified(MODEL_SCHEMA, table);
  if (!column) return { rows: Number(rowsOf(await engine.query(`SELECT count(*) AS n FROM ${relation}`))[0]!.n), dates: null };
  // Dates and timestamps as days; a quarter (text such as 2026-Q1) as it is written.
  const day = (agg: string) => `CASE WHEN typeof(${agg}(${ident(column)})) IN ('DATE', 'TIMESTAMP') THEN CAST(CAST(${agg}(${ident(column)}) AS DATE) AS VARCHAR) ELSE CAST(${agg}(${ident(column)}) AS VARCHAR) END`;
  const [r] = rowsOf(await engine.query(`SELECT count(*) AS n, ${day('min')} AS lo, ${day('max')} AS hi FROM ${relation}`));
  return { rows: Number(r!.n), dates: r!.lo ? { column, from: String(r!.lo), to: String(r!.hi) } : null };
}

export async function describeModel(engine: Engine): Promise<ModelState> {
  const choice = await dataChoice(engine);
  const defs = await modelDefinitions(engine, choice);
  const demoAvailable = (await relationsIn(engine, [DEMO_SCHEMA])).length > 0;
  const bound = await boundImports(engine);
  const records = new Map((await listImports(engine)).map((r) => [r.id, r]));
  const mine = await userRelations(engine);
  const present = new Set(mine.map((r) => r.name.toLowerCase()));
  const tables: TableState[] = [];
  for (const t of MODEL_TABLES) {
    const def = defs.get(t.name);
    const source = def?.source ?? 'missing';
    const imports = bound.filter((b) => b.table === t.name);
    const own = ownColumns(t.name);
    let columns: ColumnState[];
    if (source === 'demo') columns = own.map((c) => ({ name: c.name, source: 'demo', from: [] }));
    else if (source === 'imports') {
      columns = own.map((c) => {
        const from = [...new Set(imports.map((b) => b.mapping.columns[c.name]).filter((v): v is string => !!v))];
        return { name: c.name, source: from.length ? 'mapped' : 'missing', from };
      });
    } else if (source === 'derived') {
      const parent = bound.filter((b) => b.table === t.derivedFrom);
      const describing = new Map(describingColumns(t.derivedFrom!, t.name).map((c) => [c.describes!.column, c.name]));
      columns = own.map((c) => {
        const via = c.name === 'partner_id' ? 'partner_id' : describing.get(c.name);
        const from = via ? [...new Set(parent.map((b) => b.mapping.columns[via]).filter((v): v is string => !!v))] : [];
        // A derived name falls back to the partner's id: it is always there.
        const has = from.length > 0 || c.name === 'name';
        return { name: c.name, source: has ? 'derived' : 'missing', from };
      });
    } else columns = own.map((c) => ({ name: c.name, source: 'missing', from: [] }));
    const measured = def ? await sizeAndDates(engine, t.name) : { rows: null, dates: null };
    tables.push({
      table: t.name,
      label: t.label,
      source,
      ...measured,
      imports: imports.map((b) => ({ sourceTable: b.sourceTable, importId: b.importId, record: records.get(b.importId) ?? null, tablePresent: present.has(b.sourceTable.toLowerCase()) })),
      columns,
      bring: t.bring,
      ...(t.derivedFrom ? { derivedFrom: t.derivedFrom } : {}),
      hiddenBy: mine.find((r) => r.name.toLowerCase() === t.name)?.name ?? null,
    });
  }
  const dealMappings = bound.filter((b) => b.table === 'deals' || b.table === 'programs').map((b) => b.mapping.currency).filter((c): c is string => !!c);
  const currency = choice === 'demo' ? DEMO_CURRENCY : (dealMappings[0] ?? null);
  return { choice, currency, demoAvailable, tables };
}
