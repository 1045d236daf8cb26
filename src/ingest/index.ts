/**
 * File import for Longtail: CSV/TSV/TXT, Excel .xlsx, Parquet, JSON and NDJSON into DuckDB tables, with
 * detected settings the user can override, a preview of the stored rows, fingerprints of each import,
 * and a mapping onto the canonical partner model.
 *
 * Typical use (what the import dialog does):
 *   const insp = await inspectFile(file);
 *   const preview = await previewImport(engine, insp, insp.settings);
 *   const { table } = await importFile(engine, insp, insp.settings, { table: 'deals_2024', replace: false });
 *   const proposal = await proposeForTable(engine, table);
 *   await createMappedView(engine, 'deals', table, proposal.mapping);
 */
export type * from './types';
export { COLUMN_TYPES } from './types';
export {
  inspectFile,
  redetect,
  applyColumnEdits,
  validateSettings,
  previewImport,
  importFile,
  suggestedTableName,
  type Inspection,
  type InspectOptions,
  type FixedSettings,
  type ColumnEdits,
  type ImportOptions,
  type PreviewOptions,
} from './import';
export { PREVIEW_COLUMNS, PREVIEW_ROWS } from './load-context';
export type { CsvInspection } from './csv';
export type { XlsxInspection } from './xlsx';
export type { ParquetInspection } from './parquet';
export type { JsonInspection } from './json';
export { ImportError, ENCODING_LABELS, formatBytes, bytesSaid, type ImportErrorCode } from './errors';
export { reasonSaid, encodingSaid } from './words';
export { SIZE_LIMITS, type SizeLimits } from './limits';
export { tableNameFromFile, resolveTableName, isPlainIdentifier, type NameChoice } from './names';
export { DATE_FORMAT_LABELS, TIME_FORMAT_LABELS } from './rejects';
export { DELIMITERS } from './sniff';
export { listImports, importsForTables, ensureCatalog } from './catalog';
export { sha256OfFile } from './fingerprint';
export { CANONICAL, type CanonicalTable, type CanonicalColumn, type CanonicalType } from './mapping-dictionary';
export {
  proposeMapping,
  classifyStatus,
  headerShape,
  mappingWarnings,
  mappingWarningsSaid,
  buildViewSql,
  normalizeHeader,
  type Mapping,
  type MappingProposal,
  type DealStatus,
  type SourceColumn,
} from './mapping';
export { proposeForTable, createMappedView, saveMapping, findSavedMapping, statusValuesFor, type TableProposal } from './mapping-store';
