/**
 * Every way a file can fail to import, each with a message that names the problem (and the line when
 * there is one) and a hint saying what to do. The dialog shows `message` then `hint`; nothing else is
 * needed to act on it. Both are made from catalogue keys (`said`, `hintSaid`), so the dialog says them in
 * the interface's language; `message` and `hint` are their English.
 */
import { english, said, type Said, type SaidError } from '../i18n/said';
import { magicSaid } from './detect-encoding';
import type { Encoding, FileFormat, RejectSummary } from './types';
import { encodingSaid, reasonSaid } from './words';

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

/**
 * `message` and `hint` are English (the command line, logs, tests); `said` and `hintSaid` are the same
 * texts as catalogue keys and values, for the dialog to say them in the reader's language. Either may be
 * given as a said message (its English is made from it) or as finished English text (no said form).
 */
export class ImportError extends Error implements SaidError {
  override readonly name = 'ImportError';
  readonly hint: string;
  readonly said: Said | null;
  readonly hintSaid: Said | null;
  constructor(
    readonly code: ImportErrorCode,
    message: string | Said,
    hint: string | Said,
    /** 1-based line of the file, when the problem has one. */
    readonly line: number | null = null,
    readonly rejected: RejectSummary | null = null,
  ) {
    super(typeof message === 'string' ? message : english(message));
    this.said = typeof message === 'string' ? null : message;
    this.hint = typeof hint === 'string' ? hint : english(hint);
    this.hintSaid = typeof hint === 'string' ? null : hint;
  }
}

export { ENCODING_LABELS, encodingSaid } from './words';

export function emptyFile(fileName: string): ImportError {
  return new ImportError('empty', said('core.ingest.error.empty', { file: fileName }), said('core.ingest.hint.empty'));
}

/** What a binary file looks like from its first bytes, to say something more useful than "binary". */
export function binaryFile(fileName: string, looksLike: string | null): ImportError {
  const hint = looksLike?.includes('Excel')
    ? said('core.ingest.hint.binary_excel')
    : looksLike?.includes('Parquet')
      ? said('core.ingest.hint.binary_parquet')
      : said('core.ingest.hint.binary');
  const message = looksLike
    ? said('core.ingest.error.binary_like', { file: fileName, what: magicSaid(looksLike) })
    : said('core.ingest.error.binary', { file: fileName });
  return new ImportError('binary', message, hint);
}

export function headerOnly(fileName: string, columns: string[]): ImportError {
  const shown = columns.slice(0, 5).join(', ') + (columns.length > 5 ? ', …' : '');
  return new ImportError('header-only', said('core.ingest.error.header_only', { file: fileName, columns: shown }), said('core.ingest.hint.header_only'), 1);
}

/** No rows of data; `sheet` names the workbook's sheet when there is one. */
export function noRows(fileName: string, sheet: string | null = null): ImportError {
  const message = sheet === null ? said('core.ingest.error.no_rows', { file: fileName }) : said('core.ingest.error.no_rows_sheet', { file: fileName, sheet });
  return new ImportError('no-rows', message, said('core.ingest.hint.no_rows'));
}

/** Rows that could not be read, when the user has not chosen to skip them. */
export function badRows(fileName: string, rejected: RejectSummary, encoding: Encoding | null): ImportError {
  const first = rejected.examples[0];
  const where =
    first?.line != null
      ? said('core.ingest.where.line', { line: String(first.line) })
      : first?.row != null
        ? said('core.ingest.where.row', { row: String(first.row) })
        : said('core.ingest.where.one_row');
  let hint: Said;
  if (first?.kind === 'encoding') {
    hint =
      encoding === 'utf-8'
        ? said('core.ingest.hint.bad_rows_utf8')
        : said('core.ingest.hint.bad_rows_encoding', { encoding: encoding ? encodingSaid(encoding) : said('core.ingest.encoding.chosen') });
  } else if (first?.kind === 'columns') {
    hint = said('core.ingest.hint.bad_rows_columns');
  } else if (first?.kind === 'value') {
    hint = said('core.ingest.hint.bad_rows_value');
  } else {
    hint = said('core.ingest.hint.bad_rows');
  }
  const reason = first ? (reasonSaid(first.reason) ?? first.reason) : said('core.ingest.reason.unknown');
  return new ImportError(
    'bad-rows',
    // The count as written (no grouping), as the English message always had it.
    said('core.ingest.error.bad_rows', { count: String(rejected.count), file: fileName, where, reason }),
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

/** One decimal, the digits as formatBytes writes them, the decimal mark the language's ("1.2" / "1,2"). */
function tenths(v: number): Said {
  const [whole, tenth] = v.toFixed(1).split('.');
  return said('core.ingest.size.decimal', { whole: whole!, tenth: tenth! });
}

/** formatBytes as a said message: "1.2 MB" in English (the same text), "1,2 Mo" in French. */
export function bytesSaid(n: number): Said {
  if (n >= GB) return said('ws.size.gb', { size: tenths(n / GB) });
  if (n >= MB) return said('ws.size.mb', { size: tenths(n / MB) });
  if (n >= 1024) return said('ws.size.kb', { size: tenths(n / 1024) });
  return said('ws.size.bytes', { count: String(n) });
}

/**
 * A file over the size guard (limits.ts): what this browser can give, and, for the formats native DuckDB
 * reads from the disk (CSV, Parquet), that the command line can analyse it whole.
 */
export function tooLarge(fileName: string, size: number, limit: number, format: FileFormat, memory?: number): ImportError {
  const values = { file: fileName, size: bytesSaid(size), format: format.toUpperCase(), limit: bytesSaid(limit) };
  const message = memory ? said('core.ingest.error.too_large_memory', { ...values, memory: bytesSaid(memory) }) : said('core.ingest.error.too_large', values);
  // Native DuckDB reads CSV and Parquet of any size from disk: the command line takes the whole file.
  const hint =
    format === 'json'
      ? said('core.ingest.hint.too_large_json')
      : format === 'csv' || format === 'parquet'
        ? said('core.ingest.hint.too_large_cli', { file: fileName })
        : said('core.ingest.hint.too_large');
  return new ImportError('too-large', message, hint);
}

export function outOfMemory(fileName: string, size: number): ImportError {
  return new ImportError('out-of-memory', said('core.ingest.error.out_of_memory', { file: fileName, size: bytesSaid(size) }), said('core.ingest.hint.out_of_memory'));
}

export function legacyExcel(fileName: string): ImportError {
  return new ImportError('legacy-excel', said('core.ingest.error.legacy_excel', { file: fileName }), said('core.ingest.hint.legacy_excel'));
}

export function unsupported(fileName: string): ImportError {
  return new ImportError('unsupported', said('core.ingest.error.unsupported', { file: fileName }), said('core.ingest.hint.unsupported'));
}

export function tooDeep(fileName: string, line: number, depth: number): ImportError {
  return new ImportError(
    'too-deep',
    said('core.ingest.error.too_deep', { file: fileName, levels: String(depth - 1), line: String(line) }),
    said('core.ingest.hint.too_deep'),
    line,
  );
}

/** `detail` is the parser's own words (English), or a said message of ours. */
export function invalidJson(fileName: string, line: number | null, detail: string | Said): ImportError {
  const message = line != null ? said('core.ingest.error.invalid_json_line', { file: fileName, line: String(line), detail }) : said('core.ingest.error.invalid_json', { file: fileName, detail });
  return new ImportError('invalid-json', message, said('core.ingest.hint.invalid_json'), line);
}

export function invalidParquet(fileName: string, detail: string): ImportError {
  return new ImportError('invalid-parquet', said('core.ingest.error.invalid_parquet', { file: fileName, detail }), said('core.ingest.hint.invalid_parquet'));
}

export function invalidXlsx(fileName: string, detail: string | Said): ImportError {
  return new ImportError('invalid-xlsx', said('core.ingest.error.invalid_xlsx', { file: fileName, detail }), said('core.ingest.hint.invalid_xlsx'));
}

export function invalidSettings(problem: Said, hint: Said): ImportError {
  return new ImportError('invalid-settings', problem, hint);
}

export function aborted(fileName: string): ImportError {
  return new ImportError('aborted', said('core.ingest.error.aborted', { file: fileName }), said('core.ingest.hint.aborted'));
}

/** Maps an engine failure during a load to an ImportError; memory exhaustion gets its own message. */
export function fromEngine(fileName: string, size: number, err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  const text = err instanceof Error ? err.message : String(err);
  if (/out of memory|could not allocate|memory limit|Maximum call stack|allocation failed/i.test(text)) {
    return outOfMemory(fileName, size);
  }
  // DuckDB's own words stay as they are.
  return new ImportError('engine', said('core.ingest.error.engine', { file: fileName, detail: text.split('\n')[0]! }), said('core.ingest.hint.engine'));
}
