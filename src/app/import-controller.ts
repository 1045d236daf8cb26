/**
 * One file through the import dialog, step by step, free of any UI framework: inspect → review settings
 * and preview → import (with progress) → mapping onto the partner model → done. The dialog's Svelte
 * adapter (ui/import/file-import.svelte.ts) mirrors its fields; the unit tests drive it on the Node
 * engine with the fixtures. All detection, loading and mapping happen in src/ingest and src/model.
 *
 * Fields are replaced, never mutated in place, and their names emitted (observable.ts).
 */
import type { Engine } from '../engine/types';
import {
  applyColumnEdits,
  ImportError,
  importFile,
  isPlainIdentifier,
  mappingWarningsSaid,
  previewImport,
  proposeForTable,
  proposeMapping,
  resolveTableName,
  saveMapping,
  statusValuesFor,
  suggestedTableName,
  type CanonicalTable,
  type ColumnEdits,
  type ColumnType,
  type FixedSettings,
  type ImportResult,
  type ImportSettings,
  type Inspection,
  type Mapping,
  type Preview,
  type ProgressPhase,
  type TableProposal,
} from '../ingest';
import { bindImport } from '../model/binding';
import { importTableName } from '../model/import-file';
import { isModelTableName } from '../model/tables';
import type { ModelState, TableState } from '../model/describe';
import { Observable } from './observable';
import { localInspector, type Inspector } from '../ingest/inspector';
import { problemOf, type Problem } from './problem';
import { english, said, type Said } from '../i18n';

export type Step = 'inspecting' | 'review' | 'importing' | 'mapping' | 'done' | 'failed';

export { problemOf, type Problem } from './problem';

export type ImportKey =
  | 'step'
  | 'inspection'
  | 'fixed'
  | 'edits'
  | 'skipBadRows'
  | 'settings'
  | 'tableName'
  | 'keepBoth'
  | 'preview'
  | 'previewing'
  | 'previewColumns'
  | 'previewProblem'
  | 'problem'
  | 'progress'
  | 'result'
  | 'proposal'
  | 'mapping'
  | 'nothingMatched'
  | 'warnings'
  | 'warningsSaid'
  | 'saveForNextTime'
  | 'mappingProblem'
  | 'boundTo';

export const PREVIEW_DELAY_MS = 150;

export interface FileImportOptions {
  /** The model as it is before this import (what the mapping step says it adds to). */
  model?: () => ModelState | null;
  /** Runs database work between cell runs (SessionController.exclusive). */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Reads and parses the file (the ingest worker in the page, so that the page never freezes); defaults to this thread. */
  inspector?: Inspector;
  /** Runs `fn` after `ms`; returns a cancel. Defaults to setTimeout. */
  after?: (ms: number, fn: () => void) => () => void;
}

const defaultAfter = (ms: number, fn: () => void) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export class FileImportController extends Observable<ImportKey> {
  readonly skipLabel = 'Keep as a table only';
  private detected: Inspection | null = null;
  private previewRun = 0;
  private redetectRun = 0;
  private readonly inspector: Inspector;
  private abort: AbortController | null = null;
  private cancelPreview: (() => void) | null = null;
  private readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly after: (ms: number, fn: () => void) => () => void;
  readonly model: () => ModelState | null;

  step: Step = 'inspecting';
  inspection: Inspection | null = null;
  fixed: FixedSettings = {};
  edits: ColumnEdits = {};
  skipBadRows = false;
  /** The settings as they will be used: detected, re-detected around the user's choices, columns edited. */
  settings: ImportSettings | null = null;
  tableName = '';
  /** On a name clash, keep both (the safe default) unless the user chooses to replace. */
  keepBoth = true;
  preview: Preview | null = null;
  previewing = false;
  /** First column (0-based) of the window the preview shows: a file may have thousands of columns. */
  previewColumns = 0;
  /** A problem with the current settings (the preview failed); the user can change them. */
  previewProblem: Problem | null = null;
  /** A problem that ended a step (inspection or import). */
  problem: Problem | null = null;
  progress: { fraction: number; phase: ProgressPhase } | null = null;
  result: ImportResult | null = null;
  proposal: TableProposal | null = null;
  mapping: Mapping | null = null;
  /** No header resembled the model: the proposal is only a starting point. */
  nothingMatched = false;
  /** Mapped columns that will not convert, in English; `warningsSaid` holds them as said messages. */
  warnings: string[] = [];
  warningsSaid: Said[] = [];
  saveForNextTime = true;
  mappingProblem: Problem | null = null;
  /** The model table the import was added to, once it is. */
  boundTo: string | null = null;

  constructor(
    private readonly engine: Engine,
    readonly file: File,
    options: FileImportOptions = {},
  ) {
    super();
    this.model = options.model ?? (() => null);
    this.exclusive = options.exclusive ?? ((fn) => fn());
    this.after = options.after ?? defaultAfter;
    this.inspector = options.inspector ?? localInspector;
  }

  private set<K extends ImportKey & keyof this>(key: K, value: this[K]): void {
    this[key] = value;
    this.emit(key);
  }

  private settingsChanged(): void {
    const insp = this.inspection;
    this.set('settings', insp ? ({ ...insp.settings, columns: applyColumnEdits(insp.settings.columns, this.edits), skipBadRows: this.skipBadRows } as ImportSettings) : null);
  }

  private mappingChanged(): void {
    this.set('nothingMatched', this.proposal !== null && !this.proposal.saved && Object.values(this.proposal.scores).every((v) => v === 0));
    const warnings = this.mapping && this.proposal ? mappingWarningsSaid(this.mapping, this.proposal.source) : [];
    this.set('warningsSaid', warnings);
    this.set('warnings', warnings.map(english));
  }

  get busy(): boolean {
    return this.step === 'importing';
  }

  async inspect(): Promise<void> {
    try {
      const insp = await this.inspector.inspect(this.file);
      this.detected = insp;
      this.set('inspection', insp);
      this.settingsChanged();
      // Never a model table's name: a table of the user's named `deals` would hide the model's.
      this.set('tableName', importTableName(suggestedTableName(insp), []));
      this.set('step', 'review');
      // The first preview at once; later ones wait for a pause in the user's edits.
      void this.runPreview();
    } catch (err) {
      this.set('problem', problemOf(err));
      this.set('step', 'failed');
    }
  }

  /** The clash question: the suggested name, and the free one offered to keep both. */
  nameChoice(existing: readonly string[]) {
    return resolveTableName(this.tableName, existing);
  }

  /** What is wrong with the table name, in English (nameProblemSaid: in the catalogue's words). */
  nameProblem(): string | null {
    const problem = this.nameProblemSaid();
    return problem ? english(problem) : null;
  }

  nameProblemSaid(): Said | null {
    if (this.tableName.trim() === '') return said('core.app.table_name.empty');
    if (!isPlainIdentifier(this.tableName)) return said('core.ingest.name.not_plain');
    if (isModelTableName(this.tableName)) return said('core.ingest.name.model_table', { name: this.tableName });
    return null;
  }

  setTableName(name: string): void {
    this.set('tableName', name);
  }

  setKeepBoth(keep: boolean): void {
    this.set('keepBoth', keep);
  }

  setSaveForNextTime(save: boolean): void {
    this.set('saveForNextTime', save);
  }

  /** Re-detects the rest of the settings around one the user changed. */
  async fix(change: FixedSettings): Promise<void> {
    const detected = this.detected;
    if (!detected) return;
    const before = this.inspection?.settings.columns.length;
    this.set('fixed', { ...this.fixed, ...change });
    this.set('problem', null);
    // Re-detection may run in the worker: a later change wins over an earlier answer.
    const run = ++this.redetectRun;
    let next: Inspection;
    try {
      next = await this.inspector.redetect(detected, this.fixed);
    } catch (err) {
      if (run === this.redetectRun) this.set('previewProblem', problemOf(err));
      return;
    }
    if (run !== this.redetectRun) return;
    this.set('inspection', next);
    // Column edits are by position: they no longer mean anything once the columns are different ones.
    if (next.settings.columns.length !== before || 'sheet' in change || 'header' in change) {
      this.set('edits', {});
      this.set('previewColumns', 0);
    }
    this.settingsChanged();
    this.schedulePreview();
  }

  /** Moves the preview's window of columns to start at `from` (clamped to the file's columns). */
  showColumns(from: number): void {
    const total = this.inspection?.settings.columns.length ?? 0;
    this.set('previewColumns', Math.max(0, Math.min(from, Math.max(0, total - 1))));
    this.schedulePreview();
  }

  editColumn(k: number, change: { name?: string; type?: ColumnType }): void {
    this.set('edits', { ...this.edits, [k]: { ...this.edits[k], ...change } });
    this.set('problem', null);
    this.settingsChanged();
    this.schedulePreview();
  }

  setSkipBadRows(skip: boolean): void {
    this.set('skipBadRows', skip);
    this.set('problem', null);
    this.settingsChanged();
  }

  /** Previews after a short pause, so that typing a column name does not run one preview per key. */
  schedulePreview(): void {
    this.cancelPreview?.();
    this.cancelPreview = this.after(PREVIEW_DELAY_MS, () => {
      this.cancelPreview = null;
      void this.runPreview();
    });
  }

  /** Runs the preview now (the pause skipped): what a test, or a host with no timers, calls. */
  async previewNow(): Promise<void> {
    this.cancelPreview?.();
    this.cancelPreview = null;
    await this.runPreview();
  }

  private async runPreview(): Promise<void> {
    const settings = this.settings;
    const insp = this.inspection;
    if (!settings || !insp) return;
    const run = ++this.previewRun;
    this.set('previewing', true);
    try {
      const preview = await previewImport(this.engine, insp, settings, { columnsFrom: this.previewColumns });
      if (run !== this.previewRun) return;
      this.set('preview', preview);
      this.set('previewProblem', null);
    } catch (err) {
      if (run !== this.previewRun) return;
      this.set('preview', null);
      this.set('previewProblem', problemOf(err));
    } finally {
      if (run === this.previewRun) this.set('previewing', false);
    }
  }

  /** Imports under the chosen name (replacing, or the free alternative to keep both). */
  async runImport(existing: readonly string[]): Promise<string | null> {
    const settings = this.settings;
    const insp = this.inspection;
    if (!settings || !insp || this.nameProblem()) return null;
    const choice = resolveTableName(this.tableName, existing);
    const table = choice.clash && this.keepBoth ? choice.alternative : this.tableName;
    this.abort = new AbortController();
    this.set('step', 'importing');
    this.set('problem', null);
    this.set('progress', { fraction: 0, phase: 'reading' });
    try {
      const signal = this.abort.signal;
      const result = await this.exclusive(async () => {
        const r = await importFile(this.engine, insp, settings, {
          table,
          replace: choice.clash && !this.keepBoth,
          signal,
          onProgress: (fraction, phase) => this.set('progress', { fraction, phase }),
        });
        // The new table goes into the database file now, not at the next commit (a killed browser keeps it).
        await this.checkpoint();
        return r;
      });
      this.set('result', result);
      await this.exclusive(() => this.propose());
      this.set('step', 'mapping');
      return table;
    } catch (err) {
      this.set('problem', problemOf(err));
      this.set('step', 'review');
      return null;
    } finally {
      this.set('progress', null);
      this.abort = null;
    }
  }

  private async checkpoint(): Promise<void> {
    await this.engine.query('CHECKPOINT').catch(() => undefined);
  }

  cancelImport(): void {
    this.abort?.abort();
  }

  private async propose(): Promise<void> {
    if (!this.result) return;
    try {
      const proposal = await proposeForTable(this.engine, this.result.table);
      this.set('proposal', proposal);
      this.set('mapping', proposal.mapping);
    } catch (err) {
      this.set('mappingProblem', problemOf(err));
    }
    this.mappingChanged();
  }

  /** Another canonical table: a fresh proposal for it. */
  async setMappingTable(table: CanonicalTable): Promise<void> {
    if (!this.proposal || !this.result) return;
    const headers = this.proposal.source.map((c) => c.name);
    const next = proposeMapping(headers, { table }).mapping;
    if (table === 'deals' && next.columns.status) next.statusValues = await statusValuesFor(this.engine, this.result.table, next.columns.status);
    this.set('mapping', next);
    this.mappingChanged();
  }

  async setMappedColumn(canonical: string, source: string | null): Promise<void> {
    if (!this.mapping || !this.result) return;
    let next: Mapping = { ...this.mapping, columns: { ...this.mapping.columns, [canonical]: source } };
    this.set('mapping', next);
    if (canonical === 'status' && next.table === 'deals') {
      const statusValues = source ? await statusValuesFor(this.engine, this.result.table, source) : {};
      next = { ...this.mapping, statusValues };
      this.set('mapping', next);
    }
    this.mappingChanged();
  }

  /**
   * Adds the import's rows to the model table (appended to earlier exports, de-duplicated), so every
   * notebook reads them. A value that does not convert stops it here, with the model left as it was.
   */
  async addToModel(): Promise<string | null> {
    if (!this.mapping || !this.result || !this.proposal) return null;
    this.set('mappingProblem', null);
    const mapping = structuredClone(this.mapping);
    try {
      const { table, record } = this.result;
      const headers = this.proposal.source.map((c) => c.name);
      await this.exclusive(async () => {
        await bindImport(this.engine, { table: mapping.table, sourceTable: table, importId: record.id, mapping });
        if (this.saveForNextTime) await saveMapping(this.engine, headers, mapping);
        await this.checkpoint();
      });
      this.set('boundTo', mapping.table);
      this.set('step', 'done');
      return mapping.table;
    } catch (err) {
      const text = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      this.set(
        'mappingProblem',
        problemOf(err instanceof ImportError ? err : new ImportError('engine', said('core.ingest.error.not_added', { table: mapping.table, detail: text }), said('core.ingest.hint.not_added'))),
      );
      return null;
    }
  }

  /** What the model table holds now, for the step to say what this import adds to. */
  modelTableNow(table: CanonicalTable): TableState | null {
    return this.model()?.tables.find((t) => t.table === table) ?? null;
  }

  skipMapping(): void {
    this.set('step', 'done');
  }
}
