/**
 * The state of one file in the import dialog, step by step: inspect → review settings and preview →
 * import (with progress) → mapping → done. The components only display it and call its methods; all
 * detection, loading and mapping happen in src/ingest.
 */
import type { Engine } from '../../engine/types';
import {
  applyColumnEdits,
  createMappedView,
  ImportError,
  importFile,
  inspectFile,
  isPlainIdentifier,
  mappingWarnings,
  previewImport,
  proposeForTable,
  proposeMapping,
  redetect,
  resolveTableName,
  saveMapping,
  statusValuesFor,
  suggestedTableName,
  userRelations,
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
} from '../../ingest';

export type Step = 'inspecting' | 'review' | 'importing' | 'mapping' | 'done' | 'failed';

/** What the dialog shows of a failure: the problem, and what to do about it. */
export interface Problem {
  message: string;
  hint: string;
  /** The ImportError code, when there is one (e.g. 'bad-rows' offers to skip them). */
  code?: string;
}

export function problemOf(err: unknown): Problem {
  if (err instanceof ImportError) return { message: err.message, hint: err.hint, code: err.code };
  return { message: err instanceof Error ? err.message : String(err), hint: 'Try again; if it keeps failing, export the file again.' };
}

const PREVIEW_DELAY_MS = 150;

export class FileImport {
  readonly file: File;
  private readonly engine: Engine;
  private detected: Inspection | null = null;
  private previewRun = 0;
  private controller: AbortController | null = null;

  step = $state<Step>('inspecting');
  inspection = $state.raw<Inspection | null>(null);
  fixed = $state<FixedSettings>({});
  edits = $state<ColumnEdits>({});
  skipBadRows = $state(false);
  tableName = $state('');
  /** On a name clash, keep both (the safe default) unless the user chooses to replace. */
  keepBoth = $state(true);
  preview = $state.raw<Preview | null>(null);
  previewing = $state(false);
  /** A problem with the current settings (the preview failed); the user can change them. */
  previewProblem = $state.raw<Problem | null>(null);
  /** A problem that ended a step (inspection or import). */
  problem = $state.raw<Problem | null>(null);
  progress = $state<{ fraction: number; phase: ProgressPhase } | null>(null);
  result = $state.raw<ImportResult | null>(null);

  proposal = $state.raw<TableProposal | null>(null);
  mapping = $state<Mapping | null>(null);
  viewName = $state('');
  /** Views that exist now: creating one of these names replaces it (the dialog says so). */
  existingViews = $state<string[]>([]);
  saveForNextTime = $state(true);
  mappingProblem = $state.raw<Problem | null>(null);
  createdView = $state<string | null>(null);

  constructor(engine: Engine, file: File) {
    this.engine = engine;
    this.file = file;
  }

  /** The settings as they will be used: detected, re-detected around the user's choices, columns edited. */
  settings = $derived.by((): ImportSettings | null => {
    const insp = this.inspection;
    if (!insp) return null;
    return { ...insp.settings, columns: applyColumnEdits(insp.settings.columns, this.edits), skipBadRows: this.skipBadRows } as ImportSettings;
  });

  async inspect(): Promise<void> {
    try {
      const insp = await inspectFile(this.file);
      this.detected = insp;
      this.inspection = insp;
      this.tableName = suggestedTableName(insp);
      this.step = 'review';
      this.schedulePreview();
    } catch (err) {
      this.problem = problemOf(err);
      this.step = 'failed';
    }
  }

  /** The clash question: the suggested name, and the free one offered to keep both. */
  nameChoice(existing: readonly string[]) {
    return resolveTableName(this.tableName, existing);
  }

  nameProblem(): string | null {
    if (this.tableName.trim() === '') return 'Give the table a name.';
    if (!isPlainIdentifier(this.tableName)) return 'Use letters, digits and _ only, not starting with a digit, and not an SQL keyword.';
    return null;
  }

  /** Re-detects the rest of the settings around one the user changed. */
  fix(change: FixedSettings): void {
    if (!this.detected) return;
    const before = this.inspection?.settings.columns.length;
    this.fixed = { ...this.fixed, ...change };
    this.problem = null;
    this.inspection = redetect(this.detected, this.fixed);
    // Column edits are by position: they no longer mean anything once the columns are different ones.
    if (this.inspection.settings.columns.length !== before || 'sheet' in change || 'header' in change) this.edits = {};
    this.schedulePreview();
  }

  editColumn(k: number, change: { name?: string; type?: ColumnType }): void {
    this.edits = { ...this.edits, [k]: { ...this.edits[k], ...change } };
    this.problem = null;
    this.schedulePreview();
  }

  setSkipBadRows(skip: boolean): void {
    this.skipBadRows = skip;
    this.problem = null;
  }

  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Previews after a short pause, so that typing a column name does not run one preview per key. */
  schedulePreview(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runPreview(), PREVIEW_DELAY_MS);
  }

  private async runPreview(): Promise<void> {
    const settings = this.settings;
    const insp = this.inspection;
    if (!settings || !insp) return;
    const run = ++this.previewRun;
    this.previewing = true;
    try {
      const preview = await previewImport(this.engine, insp, settings);
      if (run !== this.previewRun) return;
      this.preview = preview;
      this.previewProblem = null;
    } catch (err) {
      if (run !== this.previewRun) return;
      this.preview = null;
      this.previewProblem = problemOf(err);
    } finally {
      if (run === this.previewRun) this.previewing = false;
    }
  }

  /** Imports under the chosen name (replacing, or the free alternative to keep both). */
  async runImport(existing: readonly string[]): Promise<string | null> {
    const settings = this.settings;
    const insp = this.inspection;
    if (!settings || !insp || this.nameProblem()) return null;
    const choice = resolveTableName(this.tableName, existing);
    const table = choice.clash && this.keepBoth ? choice.alternative : this.tableName;
    this.controller = new AbortController();
    this.step = 'importing';
    this.problem = null;
    this.progress = { fraction: 0, phase: 'reading' };
    try {
      this.result = await importFile(this.engine, insp, settings, {
        table,
        replace: choice.clash && !this.keepBoth,
        signal: this.controller.signal,
        onProgress: (fraction, phase) => (this.progress = { fraction, phase }),
      });
      await this.propose();
      this.step = 'mapping';
      return table;
    } catch (err) {
      this.problem = problemOf(err);
      this.step = 'review';
      return null;
    } finally {
      this.progress = null;
      this.controller = null;
    }
  }

  cancelImport(): void {
    this.controller?.abort();
  }

  get busy(): boolean {
    return this.step === 'importing';
  }

  private async propose(): Promise<void> {
    if (!this.result) return;
    try {
      const proposal = await proposeForTable(this.engine, this.result.table);
      this.proposal = proposal;
      this.mapping = proposal.mapping;
      await this.chooseViewName(proposal.mapping.table);
    } catch (err) {
      this.mappingProblem = problemOf(err);
    }
  }

  /** The canonical name, unless a table (not a view) already has it. */
  private async chooseViewName(table: CanonicalTable): Promise<void> {
    const relations = await userRelations(this.engine);
    const taken = relations.find((r) => r.name.toLowerCase() === table);
    this.existingViews = relations.filter((r) => r.kind === 'view').map((r) => r.name.toLowerCase());
    this.viewName = taken?.kind === 'table' ? `${table}_view` : table;
  }

  /** Another canonical table: a fresh proposal for it. */
  async setMappingTable(table: CanonicalTable): Promise<void> {
    if (!this.proposal || !this.result) return;
    const headers = this.proposal.source.map((c) => c.name);
    const next = proposeMapping(headers, { table }).mapping;
    if (table === 'deals' && next.columns.status) next.statusValues = await statusValuesFor(this.engine, this.result.table, next.columns.status);
    this.mapping = next;
    await this.chooseViewName(table);
  }

  async setMappedColumn(canonical: string, source: string | null): Promise<void> {
    if (!this.mapping || !this.result) return;
    this.mapping.columns[canonical] = source;
    if (canonical === 'status' && this.mapping.table === 'deals') {
      this.mapping.statusValues = source ? await statusValuesFor(this.engine, this.result.table, source) : {};
    }
  }

  /** No header resembled the model: the proposal is only a starting point. */
  nothingMatched = $derived(this.proposal !== null && !this.proposal.saved && Object.values(this.proposal.scores).every((v) => v === 0));

  warnings = $derived.by(() => (this.mapping && this.proposal ? mappingWarnings(this.mapping, this.proposal.source) : []));

  async createView(): Promise<string | null> {
    if (!this.mapping || !this.result || !this.proposal) return null;
    this.mappingProblem = null;
    if (!isPlainIdentifier(this.viewName)) {
      this.mappingProblem = { message: `"${this.viewName}" cannot be a view name.`, hint: 'Use letters, digits and _ only, not starting with a digit.' };
      return null;
    }
    const mapping = $state.snapshot(this.mapping) as Mapping;
    try {
      await createMappedView(this.engine, this.viewName, this.result.table, mapping);
      if (this.saveForNextTime) await saveMapping(this.engine, this.proposal.source.map((c) => c.name), mapping);
      this.createdView = this.viewName;
      this.step = 'done';
      return this.viewName;
    } catch (err) {
      this.mappingProblem = problemOf(err);
      return null;
    }
  }

  skipMapping(): void {
    this.step = 'done';
  }
}
