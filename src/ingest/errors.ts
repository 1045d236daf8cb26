/**
 * Every way a file can fail to import, each with a message that names the problem (and the line when
 * there is one) and a hint saying what to do. The dialog shows `message` then `hint`; nothing else is
 * needed to act on it.
 */
import type { Encoding, FileFormat, RejectSummary } from './types';

export type ImportErrorCode =
  | 'too-deep'
  | 'empty'
  | 'binary'
  | 'header-only'
  | 'no-rows'
  | 'bad-rows'
  | 'too-large'
  | 'out-of-memory'
  | 'legacy-excel'
  | 'unsupported'
  | 'invalid-json'
  | 'invalid-parquet'
  | 'invalid-xlsx'
  | 'invalid-settings'
  | 'name-taken'
  | 'aborted'
  | 'engine';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly hint: string,
    /** 1-based line of the file, when the problem has one. */
    readonly line: number | null = null,
    readonly rejected: RejectSummary | null = null,
  ) {
    super(message);
  }
}

export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'Latin-1 (ISO-8859-1)',
};

export function emptyFile(fileName: string): ImportError {
  return new ImportError(
    'empty',
    `${fileName} is empty (0 bytes).`,
    'Export the data again from the source application; the download may have been interrupted.',
  );
}

/** What a binary file looks like from its first bytes, to say something more useful than "binary". */
export function binaryFile(fileName: string, looksLike: string | null): ImportError {
  const what = looksLike ? ` It looks like ${looksLike}.` : '';
  const hint = looksLike?.includes('Excel')
    ? 'Rename it with the .xlsx extension and import it again, or save it as CSV from Excel.'
    : looksLike?.includes('Parquet')
      ? 'Rename it with the .parquet extension and import it again.'
      : 'Import a text export (CSV, TSV), an Excel .xlsx, a Parquet or a JSON file.';
  return new ImportError('binary', `${fileName} is not a text file.${what}`, hint);
}

export function headerOnly(fileName: string, columns: string[]): ImportError {
  const shown = columns.slice(0, 5).join(', ') + (columns.length > 5 ? ', …' : '');
  return new ImportError(
    'header-only',
    `${fileName} has column names (${shown}) but no rows of data.`,
    'Check the filters of the export in the source application. If that line is data rather than column names, untick "First row holds column names".',
    1,
  );
}

export function noRows(fileName: string, where: string): ImportError {
  return new ImportError('no-rows', `${fileName} has no rows of data${where}.`, 'Check that you chose the right file or sheet.');
}

/** Rows that could not be read, when the user has not chosen to skip them. */
export function badRows(fileName: string, rejected: RejectSummary, encoding: Encoding | null): ImportError {
  const first = rejected.examples[0];
  const where = first?.line != null ? `line ${first.line}` : first?.row != null ? `data row ${first.row}` : 'one row';
  const count = rejected.count === 1 ? '1 row' : `${rejected.count} rows`;
  let hint: string;
  if (first?.kind === 'encoding') {
    const label = encoding ? ENCODING_LABELS[encoding] : 'the chosen encoding';
    hint =
      encoding === 'utf-8'
        ? `The file is probably not UTF-8: choose Windows-1252 in "Encoding" (usual for French Excel exports), or skip the unreadable rows.`
        : `Bytes on that line are not valid ${label}: choose another encoding, or skip the unreadable rows.`;
  } else if (first?.kind === 'columns') {
    hint = 'Check the delimiter and quote settings; if only a few rows are ragged, skip them.';
  } else if (first?.kind === 'value') {
    hint = "Change the column's type (to text if it mixes kinds of values) or the date and number settings, or skip these rows.";
  } else {
    hint = 'Correct those lines in the source file, or skip them.';
  }
  return new ImportError(
    'bad-rows',
    `${count} of ${fileName} cannot be read; the first is ${where}: ${first?.reason ?? 'unknown problem'}.`,
    hint,
    first?.line ?? null,
    rejected,
  );
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

export function formatBytes(n: number): string {
  if (n >= GB) return `${(n / GB).toFixed(1)} GB`;
  if (n >= MB) return `${(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}

/**
 * A file over the size guard (limits.ts): what this browser can give, and, for the formats native DuckDB
 * reads from the disk (CSV, Parquet), that the command line can analyse it whole.
 */
export function tooLarge(fileName: string, size: number, limit: number, format: FileFormat, memory?: number): ImportError {
  const split =
    format === 'json'
      ? 'Convert it to NDJSON (one object per line) or CSV, or export fewer rows.'
      : 'Export fewer rows or columns (filter by date range, for instance) or split the file, then import the parts.';
  const budget = memory ? ` (this browser can give Longtail about ${formatBytes(memory)} of memory)` : '';
  // Native DuckDB reads CSV and Parquet of any size from disk: the command line takes the whole file.
  const whole = format === 'csv' || format === 'parquet' ? ` Or run the notebook on the whole file with the command line: npx longtail run NOTEBOOK.md --data ${fileName}` : '';
  return new ImportError(
    'too-large',
    `${fileName} is ${formatBytes(size)}; a ${format.toUpperCase()} file of that size does not fit in the browser's memory: the limit here is ${formatBytes(limit)}${budget}.`,
    `${split} Tables already loaded are kept.${whole}`,
  );
}

export function outOfMemory(fileName: string, size: number): ImportError {
  return new ImportError(
    'out-of-memory',
    `The browser ran out of memory while loading ${fileName} (${formatBytes(size)}).`,
    'Export fewer rows or columns, or close other tabs and try again. Tables already loaded are kept.',
  );
}

export function legacyExcel(fileName: string): ImportError {
  return new ImportError(
    'legacy-excel',
    `${fileName} is an old Excel workbook (.xls), which Longtail cannot read.`,
    'Open it in Excel or LibreOffice and save it as .xlsx or CSV, then import that file.',
  );
}

export function unsupported(fileName: string): ImportError {
  return new ImportError(
    'unsupported',
    `${fileName} is not a format Longtail imports.`,
    'Import CSV, TSV, TXT, Excel .xlsx, Parquet, JSON or NDJSON files.',
  );
}

export function tooDeep(fileName: string, line: number, depth: number): ImportError {
  return new ImportError(
    'too-deep',
    `${fileName} nests its values more than ${depth - 1} levels deep (line ${line}): Longtail reads JSON records as rows of fields, and a record nested this deep is not one.`,
    'Export the data as a flat table (CSV, or JSON objects whose fields are values or small lists), or flatten the nested part first.',
    line,
  );
}

export function invalidJson(fileName: string, line: number | null, detail: string): ImportError {
  const where = line != null ? ` at line ${line}` : '';
  return new ImportError(
    'invalid-json',
    `${fileName} is not valid JSON${where}: ${detail}.`,
    'Import a JSON array of objects, or NDJSON (one object per line). Check that the export finished.',
    line,
  );
}

export function invalidParquet(fileName: string, detail: string): ImportError {
  return new ImportError(
    'invalid-parquet',
    `${fileName} cannot be read as Parquet: ${detail}.`,
    'Check that the file was copied completely; if it uses a compression other than Snappy, re-export it with Snappy or as CSV.',
  );
}

export function invalidXlsx(fileName: string, detail: string): ImportError {
  return new ImportError(
    'invalid-xlsx',
    `${fileName} cannot be read as an Excel workbook: ${detail}.`,
    'Open it in Excel and save it again as .xlsx, or export the sheet as CSV.',
  );
}

export function invalidSettings(problem: string, hint: string): ImportError {
  return new ImportError('invalid-settings', problem, hint);
}

export function aborted(fileName: string): ImportError {
  return new ImportError('aborted', `Import of ${fileName} was cancelled.`, 'Nothing was changed. Import the file again when ready.');
}

/** Maps an engine failure during a load to an ImportError; memory exhaustion gets its own message. */
export function fromEngine(fileName: string, size: number, err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  const text = err instanceof Error ? err.message : String(err);
  if (/out of memory|could not allocate|memory limit|Maximum call stack|allocation failed/i.test(text)) {
    return outOfMemory(fileName, size);
  }
  return new ImportError(
    'engine',
    `DuckDB could not load ${fileName}: ${text.split('\n')[0]}`,
    'Check the settings above (delimiter, types, date format). Tables already loaded are kept.',
  );
}
