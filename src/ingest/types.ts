/**
 * The vocabulary of import: what a file is, the settings used to read it, and what an import reports.
 * Settings are plain JSON-able data so that they can be shown, edited, stored with the fingerprint and
 * replayed on the next export of the same file.
 */
import type { Said } from '../i18n/said';

/** Text encodings we can read. Everything that is not UTF-8 is turned into UTF-8 in JS before DuckDB sees it. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';

export type Delimiter = ',' | ';' | '\t' | '|';
export type Quote = '"' | "'" | '';
export type Escape = '"' | "'" | '\\' | '';
export type DecimalSeparator = '.' | ',';
/** `' '` stands for any space: the ASCII one, the no-break space and the narrow no-break space French uses. */
export type ThousandsSeparator = '' | ',' | '.' | ' ' | "'";

/** Date formats, written as DuckDB `strptime` patterns; `%Y-%m-%d` (ISO) is left to DuckDB's own parser. */
export type DateFormat = '%Y-%m-%d' | '%Y/%m/%d' | '%d/%m/%Y' | '%m/%d/%Y' | '%d.%m.%Y' | '%d-%m-%Y' | '%m-%d-%Y';
/** Time of day after a non-ISO date (ISO timestamps are parsed natively, with `T`, seconds or offsets). */
export type TimeFormat = '%H:%M:%S' | '%H:%M' | '%I:%M:%S %p' | '%I:%M %p';

/** Column types an import produces. Kept small on purpose: each maps to one DuckDB type and one JS value. */
export type ColumnType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

export const COLUMN_TYPES: readonly ColumnType[] = ['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP'];

/** One column of the table to create; `source` is the name the file gives it (header text or key). */
export interface ColumnSpec {
  source: string;
  name: string;
  type: ColumnType;
}

export type FileFormat = 'csv' | 'xlsx' | 'parquet' | 'json';

/** How a delimited text file is read. */
export interface CsvDialect {
  encoding: Encoding;
  delimiter: Delimiter;
  quote: Quote;
  escape: Escape;
  header: boolean;
  /** Lines before the header, e.g. Excel's `sep=;` line. */
  skipLines: number;
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
}

interface CommonSettings {
  /** Columns in file order; the list's length is the file's column count. */
  columns: ColumnSpec[];
  /** Skip rows that cannot be read (they are counted and shown), instead of stopping the import. */
  skipBadRows: boolean;
}

export interface CsvSettings extends CsvDialect, CommonSettings {
  format: 'csv';
}

export interface XlsxSettings extends CommonSettings {
  format: 'xlsx';
  sheet: string;
  header: boolean;
}

export interface ParquetSettings extends CommonSettings {
  format: 'parquet';
}

export interface JsonSettings extends CommonSettings {
  format: 'json';
  layout: 'array' | 'ndjson';
}

export type ImportSettings = CsvSettings | XlsxSettings | ParquetSettings | JsonSettings;

/** What the user dropped. A `File` is one; tests build them with `new File([bytes], name)`. */
export interface SourceFile extends Blob {
  readonly name: string;
}

/**
 * Something detection could not settle alone; the dialog shows it next to the setting. `message` is the
 * English text, `said` the same as a catalogue key and values (what the dialog shows, in its language).
 */
export interface Note {
  setting: 'encoding' | 'delimiter' | 'header' | 'decimal' | 'thousands' | 'dateFormat' | 'skipLines' | 'columns' | 'sheet';
  message: string;
  said?: Said;
}

/** A row that could not be read. `line` is the file's line (1-based) when known, else `row` is the data row. */
export interface RejectedRow {
  line: number | null;
  row: number | null;
  text: string;
  reason: string;
  kind: 'encoding' | 'columns' | 'value' | 'other';
}

export interface RejectSummary {
  count: number;
  /** The first few, in file order. */
  examples: RejectedRow[];
}

export type ProgressPhase = 'reading' | 'decoding' | 'loading' | 'checking' | 'done';
export type ProgressFn = (fraction: number, phase: ProgressPhase) => void;

/** A stored value rendered by DuckDB itself (CAST … AS VARCHAR), so the preview shows exactly what is stored. */
export type PreviewCell = string | null;

export interface Preview {
  /** The columns shown: a window of at most PREVIEW_COLUMNS, starting at `columnsFrom`. */
  columns: { name: string; type: ColumnType }[];
  /** Position (0-based) of the first column shown among all the file's columns. */
  columnsFrom: number;
  /** How many columns the file has (every one is imported). */
  columnCount: number;
  /** Values of the columns shown, row by row. */
  rows: PreviewCell[][];
  /** Bad rows found in the part of the file read for the preview (the whole file when it is small). */
  rejected: RejectSummary;
  /** True when the preview read the whole file, so `rejected` is final. */
  whole: boolean;
}

/** The fingerprint of one import, as stored in `longtail.imports`. */
export interface ImportRecord {
  id: number;
  fileName: string;
  tableName: string;
  format: FileFormat;
  size: number;
  sha256: string;
  rowCount: number;
  rejectedCount: number;
  settings: ImportSettings;
  /** ISO 8601, UTC. */
  importedAt: string;
}

/** What changed since the previous import of a file with the same name. */
export interface ImportDiff {
  previous: ImportRecord;
  /** Same bytes as before (same SHA-256). */
  identical: boolean;
  rowsBefore: number;
  rowsAfter: number;
  /** Row-level counts: present when the previous table still existed with the same columns. */
  rowsAdded: number | null;
  rowsRemoved: number | null;
  columnsAdded: string[];
  columnsRemoved: string[];
}

export interface ImportResult {
  table: string;
  record: ImportRecord;
  rejected: RejectSummary;
  diff: ImportDiff | null;
}
