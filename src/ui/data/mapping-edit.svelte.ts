/**
 * Editing the mapping of an import already in the model (from the Data panel): the same step as after an
 * import, on the user's table as it is. Saving re-adds it — under another model table if the user chose
 * one, taken out of the first.
 */
import type { Engine } from '../../engine/types';
import { mappingWarningsSaid, proposeMapping, saveMapping, statusValuesFor, type CanonicalTable, type Mapping, type TableProposal } from '../../ingest';
import { columnsOf } from '../../ingest/catalog';
import { bindImport, unbindImport } from '../../model/binding';
import type { ModelState } from '../../model/describe';
import type { ModelTableName } from '../../model/tables';
import { problemOf, type Problem } from '../import/problem';
import type { MappingItem } from '../import/mapping-item';
import { english, type MessageKey, type Params } from '../../i18n';

export class MappingEdit implements MappingItem {
  mapping = $state<Mapping | null>(null);
  proposal = $state.raw<TableProposal | null>(null);
  saveForNextTime = $state(true);
  mappingProblem = $state.raw<Problem | null>(null);
  readonly skipLabel = 'Cancel';
  nothingMatched = false;

  constructor(
    private readonly engine: Engine,
    readonly sourceTable: string,
    private readonly importId: number,
    private readonly from: ModelTableName,
    mapping: Mapping,
    readonly model: () => ModelState | null,
    private readonly onclose: () => void,
    private readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
    /** The interface's words (the Data panel's useI18n().t). */
    private readonly t: (key: MessageKey, params?: Params) => string,
  ) {
    this.mapping = structuredClone(mapping);
  }

  async load(): Promise<void> {
    const source = await columnsOf(this.engine, this.sourceTable);
    if (source.length === 0) {
      this.mappingProblem = { message: this.t('share.x.table_gone', { table: this.sourceTable }), hint: this.t('share.x.table_gone_hint') };
      return;
    }
    const scores = proposeMapping(source.map((c) => c.name)).scores;
    this.proposal = { mapping: this.mapping!, scores, saved: true, source };
  }

  warningsSaid = $derived.by(() => (this.mapping && this.proposal ? mappingWarningsSaid(this.mapping, this.proposal.source) : []));
  warnings = $derived(this.warningsSaid.map(english));

  modelTableNow(table: CanonicalTable) {
    return this.model()?.tables.find((t) => t.table === table) ?? null;
  }

  async setMappingTable(table: CanonicalTable): Promise<void> {
    if (!this.proposal) return;
    const next = proposeMapping(this.proposal.source.map((c) => c.name), { table }).mapping;
    if (table === 'deals' && next.columns.status) next.statusValues = await statusValuesFor(this.engine, this.sourceTable, next.columns.status);
    this.mapping = next;
  }

  async setMappedColumn(canonical: string, source: string | null): Promise<void> {
    if (!this.mapping) return;
    this.mapping.columns[canonical] = source;
    if (canonical === 'status' && this.mapping.table === 'deals') {
      this.mapping.statusValues = source ? await statusValuesFor(this.engine, this.sourceTable, source) : {};
    }
  }

  async addToModel(): Promise<string | null> {
    if (!this.mapping || !this.proposal) return null;
    const mapping = $state.snapshot(this.mapping) as Mapping;
    this.mappingProblem = null;
    try {
      const headers = this.proposal.source.map((c) => c.name);
      await this.exclusive(async () => {
        await bindImport(this.engine, { table: mapping.table, sourceTable: this.sourceTable, importId: this.importId, mapping });
        if (mapping.table !== this.from) await unbindImport(this.engine, this.from, this.sourceTable);
        if (this.saveForNextTime) await saveMapping(this.engine, headers, mapping);
      });
      return mapping.table;
    } catch (err) {
      this.mappingProblem = problemOf(err);
      return null;
    }
  }

  skipMapping(): void {
    this.onclose();
  }
}
