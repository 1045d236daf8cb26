/**
 * A file into the partner model, headless: what a drop in the app does when the user accepts every
 * proposal — inspect (encoding, delimiter, decimals, dates), import as one of the user's tables, propose
 * the mapping (a saved one for files of the same shape first), and bind it onto its model table. The
 * command line and the tests use it; the app's dialog runs the same steps with the user in between.
 */
import type { Engine } from '../engine/types';
import { userRelations } from '../catalog/relations';
import { importFile, inspectFile, suggestedTableName } from '../ingest/import';
import { proposeForTable, saveMapping, type TableProposal } from '../ingest/mapping-store';
import { resolveTableName } from '../ingest/names';
import type { ImportSettings, ImportResult, Note, ProgressFn, SourceFile } from '../ingest/types';
import type { SizeLimits } from '../ingest/limits';
import { bindImport } from './binding';
import { MODEL_TABLE_NAMES } from './tables';

export interface ImportedIntoModel {
  result: ImportResult;
  proposal: TableProposal;
  /** The model table it was bound to; null when no header resembled the model (kept as a table only). */
  boundTo: string | null;
  /** What detection could not settle alone (the dialog shows these next to the settings). */
  notes: Note[];
}

export interface ImportIntoModelOptions {
  /** Size limits per format (the command line's native engine takes larger files than a tab). */
  limits?: SizeLimits;
  /** Import the rows that can be read and count the others, instead of refusing the file. */
  skipBadRows?: boolean;
  onProgress?: ProgressFn;
}

/**
 * The name an import's own table gets: the file's name, never one of the model's (a table of the user's
 * named `deals` would hide the model's `deals` from every notebook), and never one already taken.
 */
export function importTableName(suggested: string, existing: readonly string[]): string {
  const base = (MODEL_TABLE_NAMES as readonly string[]).includes(suggested.toLowerCase()) ? `${suggested}_import` : suggested;
  const choice = resolveTableName(base, [...existing, ...MODEL_TABLE_NAMES]);
  return choice.clash ? choice.alternative : base;
}

export async function importIntoModel(engine: Engine, file: SourceFile, options: ImportIntoModelOptions = {}): Promise<ImportedIntoModel> {
  const insp = await inspectFile(file, { limits: options.limits });
  const settings = (options.skipBadRows ? { ...insp.settings, skipBadRows: true } : insp.settings) as ImportSettings;
  const existing = (await userRelations(engine)).map((r) => r.name);
  const table = importTableName(suggestedTableName(insp), existing);
  const result = await importFile(engine, insp, settings, { table, replace: false, limits: options.limits, onProgress: options.onProgress });
  const proposal = await proposeForTable(engine, result.table);
  const matched = proposal.saved || Object.values(proposal.scores).some((v) => v > 0);
  const notes = insp.notes;
  if (!matched) return { result, proposal, boundTo: null, notes };
  const { mapping } = proposal;
  await bindImport(engine, { table: mapping.table, sourceTable: result.table, importId: result.record.id, mapping });
  await saveMapping(engine, proposal.source.map((c) => c.name), mapping);
  return { result, proposal, boundTo: mapping.table, notes };
}
