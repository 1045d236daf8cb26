/**
 * One file of the import dialog for Svelte: a reactive mirror of the FileImportController (src/app),
 * which does all the work. Each field is copied when the controller says it changed; the fields the
 * dialog binds (table name, keep both, save the mapping) write through to the controller.
 */
import type { Engine } from '../../engine/types';
import { FileImportController, type ImportKey, type Step } from '../../app/import-controller';
import type { CanonicalTable, ColumnEdits, ColumnType, FixedSettings, ImportResult, ImportSettings, Inspection, Mapping, Preview, ProgressPhase, TableProposal } from '../../ingest';
import type { ModelState, TableState } from '../../model/describe';
import type { MappingItem } from './mapping-item';
import type { Inspector } from '../../ingest/inspector';
import type { Problem } from './problem';
import type { Said } from '../../i18n';

export type { Step };
export { problemOf, type Problem } from './problem';

export class FileImport implements MappingItem {
  readonly skipLabel = 'Keep as a table only';
  readonly ctl: FileImportController;

  #step = $state.raw<Step>('inspecting');
  #inspection = $state.raw<Inspection | null>(null);
  #fixed = $state.raw<FixedSettings>({});
  #edits = $state.raw<ColumnEdits>({});
  #skipBadRows = $state.raw(false);
  #settings = $state.raw<ImportSettings | null>(null);
  #tableName = $state.raw('');
  #keepBoth = $state.raw(true);
  #preview = $state.raw<Preview | null>(null);
  #previewing = $state.raw(false);
  #previewColumns = $state.raw(0);
  #previewProblem = $state.raw<Problem | null>(null);
  #problem = $state.raw<Problem | null>(null);
  #progress = $state.raw<{ fraction: number; phase: ProgressPhase } | null>(null);
  #result = $state.raw<ImportResult | null>(null);
  #proposal = $state.raw<TableProposal | null>(null);
  #mapping = $state.raw<Mapping | null>(null);
  #nothingMatched = $state.raw(false);
  #warnings = $state.raw<string[]>([]);
  #warningsSaid = $state.raw<Said[]>([]);
  #saveForNextTime = $state.raw(true);
  #mappingProblem = $state.raw<Problem | null>(null);
  #boundTo = $state.raw<string | null>(null);

  /**
   * `model`: the model as it is before this import (what the mapping step says it adds to);
   * `exclusive`: runs database work between cell runs (Session.exclusive);
   * `inspector`: reads and parses the file (the dialog's ingest worker, so the page never freezes).
   */
  constructor(
    engine: Engine,
    file: File,
    model: () => ModelState | null = () => null,
    exclusive: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
    inspector?: Inspector,
  ) {
    const c = (this.ctl = new FileImportController(engine, file, { model, exclusive, ...(inspector ? { inspector } : {}) }));
    const copy: Record<ImportKey, () => void> = {
      step: () => (this.#step = c.step),
      inspection: () => (this.#inspection = c.inspection),
      fixed: () => (this.#fixed = c.fixed),
      edits: () => (this.#edits = c.edits),
      skipBadRows: () => (this.#skipBadRows = c.skipBadRows),
      settings: () => (this.#settings = c.settings),
      tableName: () => (this.#tableName = c.tableName),
      keepBoth: () => (this.#keepBoth = c.keepBoth),
      preview: () => (this.#preview = c.preview),
      previewing: () => (this.#previewing = c.previewing),
      previewColumns: () => (this.#previewColumns = c.previewColumns),
      previewProblem: () => (this.#previewProblem = c.previewProblem),
      problem: () => (this.#problem = c.problem),
      progress: () => (this.#progress = c.progress),
      result: () => (this.#result = c.result),
      proposal: () => (this.#proposal = c.proposal),
      mapping: () => (this.#mapping = c.mapping),
      nothingMatched: () => (this.#nothingMatched = c.nothingMatched),
      warnings: () => (this.#warnings = c.warnings),
      warningsSaid: () => (this.#warningsSaid = c.warningsSaid),
      saveForNextTime: () => (this.#saveForNextTime = c.saveForNextTime),
      mappingProblem: () => (this.#mappingProblem = c.mappingProblem),
      boundTo: () => (this.#boundTo = c.boundTo),
    };
    c.subscribe((key) => copy[key]());
  }

  get file(): File {
    return this.ctl.file;
  }
  get step() {
    return this.#step;
  }
  get inspection() {
    return this.#inspection;
  }
  get fixed() {
    return this.#fixed;
  }
  get edits() {
    return this.#edits;
  }
  get skipBadRows() {
    return this.#skipBadRows;
  }
  get settings() {
    return this.#settings;
  }
  get tableName() {
    return this.#tableName;
  }
  set tableName(name: string) {
    this.ctl.setTableName(name);
  }
  get keepBoth() {
    return this.#keepBoth;
  }
  set keepBoth(keep: boolean) {
    this.ctl.setKeepBoth(keep);
  }
  get preview() {
    return this.#preview;
  }
  get previewing() {
    return this.#previewing;
  }
  get previewColumns() {
    return this.#previewColumns;
  }
  get previewProblem() {
    return this.#previewProblem;
  }
  get problem() {
    return this.#problem;
  }
  get progress() {
    return this.#progress;
  }
  get result() {
    return this.#result;
  }
  get proposal() {
    return this.#proposal;
  }
  get mapping() {
    return this.#mapping;
  }
  get nothingMatched() {
    return this.#nothingMatched;
  }
  get warnings() {
    return this.#warnings;
  }
  get warningsSaid() {
    return this.#warningsSaid;
  }
  get saveForNextTime() {
    return this.#saveForNextTime;
  }
  set saveForNextTime(save: boolean) {
    this.ctl.setSaveForNextTime(save);
  }
  get mappingProblem() {
    return this.#mappingProblem;
  }
  get boundTo() {
    return this.#boundTo;
  }
  get busy(): boolean {
    return this.#step === 'importing';
  }

  model = (): ModelState | null => this.ctl.model();
  modelTableNow = (table: CanonicalTable): TableState | null => this.ctl.modelTableNow(table);
  inspect = (): Promise<void> => this.ctl.inspect();
  nameChoice = (existing: readonly string[]) => {
    void this.#tableName;
    return this.ctl.nameChoice(existing);
  };
  nameProblem = (): string | null => {
    void this.#tableName;
    return this.ctl.nameProblem();
  };
  /** The same problem as a said message, for the field to show in the interface's language. */
  nameProblemSaid = (): Said | null => {
    void this.#tableName;
    return this.ctl.nameProblemSaid();
  };
  fix = (change: FixedSettings): void => void this.ctl.fix(change);
  showColumns = (from: number): void => this.ctl.showColumns(from);
  editColumn = (k: number, change: { name?: string; type?: ColumnType }): void => this.ctl.editColumn(k, change);
  setSkipBadRows = (skip: boolean): void => this.ctl.setSkipBadRows(skip);
  schedulePreview = (): void => this.ctl.schedulePreview();
  runImport = (existing: readonly string[]): Promise<string | null> => this.ctl.runImport(existing);
  cancelImport = (): void => this.ctl.cancelImport();
  setMappingTable = (table: CanonicalTable): Promise<void> => this.ctl.setMappingTable(table);
  setMappedColumn = (canonical: string, source: string | null): Promise<void> => this.ctl.setMappedColumn(canonical, source);
  addToModel = (): Promise<string | null> => this.ctl.addToModel();
  skipMapping = (): void => this.ctl.skipMapping();
}
