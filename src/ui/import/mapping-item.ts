/** What the mapping step shows and edits: a fresh import's proposal, or an import already in the model. */
import type { CanonicalTable, Mapping, TableProposal } from '../../ingest';
import type { ModelState, TableState } from '../../model/describe';
import type { Problem } from './problem';
import type { Said } from '../../i18n';

export interface MappingItem {
  mapping: Mapping | null;
  proposal: TableProposal | null;
  nothingMatched: boolean;
  warnings: string[];
  /** The same warnings as said messages, shown in the interface's language. */
  warningsSaid: Said[];
  saveForNextTime: boolean;
  mappingProblem: Problem | null;
  model(): ModelState | null;
  modelTableNow(table: CanonicalTable): TableState | null;
  setMappingTable(table: CanonicalTable): Promise<void>;
  setMappedColumn(canonical: string, source: string | null): Promise<void>;
  /** Adds (or re-adds) the rows to the model; the model table, or null when it failed (the problem says why). */
  addToModel(): Promise<string | null>;
  skipMapping(): void;
  /** The label of the way out without adding ("Keep as a table only", "Cancel"). */
  readonly skipLabel: string;
}
