/**
 * Detects how a delimited text file is written — delimiter, quote, escape, header, decimal and thousands
 * separators, date format — and the type of each column, from a sample of its text. Any part the user
 * has fixed is taken as given and the rest is detected around it, so changing one setting re-derives
 * the others (changing the delimiter re-types the columns).
 */
import { parseRecords, type CsvRecord } from './csv-parse';
import { columnNamesFromHeader, defaultColumnNames } from './names';
import { guessDateFormat } from './sniff-dates';
import { guessSeparators } from './sniff-numbers';
import { said } from '../i18n/said';
import { note } from './words';
import type { ColumnSpec, ColumnType, CsvDialect, CsvSettings, Delimiter, Encoding, Note, Quote, Escape } from './types';
import { fitsType, inferType, numberPatterns, type ValueContext } from './value-patterns';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Records read for detection: enough to see the day/month order and rare values, bounded for speed. */
const MAX_RECORDS = 50_000;
const DELIMITER_PROBE = 200;
/** Number separators are a habit of the whole file, plain after a few thousand values. */
const SEPARATOR_RECORDS = 5_000;

export interface SniffInput {
  text: string;
  /** The text is the whole file (else its last record may be cut and the counts are partial). */
  complete: boolean;
  encoding: Encoding;
  fixed?: Partial<CsvDialect>;
  /** A delimiter suggested by the file's extension (.tsv). */
  preferredDelimiter?: Delimiter;
}

export interface SniffResult {
  settings: CsvSettings;
  notes: Note[];
  /** Data records in the sample (after the header). */
  dataRows: number;
  /** Records whose number of fields differs from the columns'. */
  raggedRows: number;
  /** Dates were seen but none told day from month: reading more of the file may settle it. */
  dateOrderUndecided: boolean;
}

export function skipLines(text: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < text.length; k++) {
    const lf = text.indexOf('\n', i);
    i = lf < 0 ? text.length : lf + 1;
  }
  return text.slice(i);
}

/** Excel writes `sep=;` as a first line when asked to; it names the delimiter and is not data. */
function excelSepLine(text: string): Delimiter | null {
  const m = /^sep=(.)\r?\n/i.exec(text);
  const d = m?.[1] as Delimiter | undefined;
  return d && DELIMITERS.includes(d) ? d : null;
}

function detectQuote(text: string): Quote {
  if (text.includes('"')) return '"';
  const singleQuoted = text.match(/(?:^|[,;\t|])'[^'\r\n]*'(?=[,;\t|]|\r?\n|$)/gm);
  return singleQuoted && singleQuoted.length >= 2 ? "'" : '"';
}

function detectEscape(text: string, quote: Quote): Escape {
  if (quote === '') return '';
  const backslashed = new RegExp(`\\\\${quote}(?![,;\\t|\\r\\n])`).test(text);
  const doubled = text.includes(quote + quote);
  return backslashed && !doubled ? '\\' : quote;
}

function modalCount(records: readonly CsvRecord[]): { count: number; share: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
  let count = 1;
  let best = 0;
  for (const [c, n] of counts) {
    if (n > best || (n === best && c > count)) {
      count = c;
      best = n;
    }
  }
  return { count, share: records.length ? best / records.length : 0 };
}

/**
 * The delimiter that splits the most lines into the same number of fields, weighted by that number.
 * Two signs count against a candidate: the first line (usually the header) splitting differently from
 * the rest, and a comma that sits between digits nearly everywhere — decimal commas, which `;` files
 * are full of, would otherwise out-split a `;` when a file has more number columns than delimiters.
 */
function detectDelimiter(text: string, quote: Quote, escape: Escape, complete: boolean, preferred?: Delimiter): Delimiter {
  let best: Delimiter = preferred ?? ',';
  let bestScore = 0;
  const candidates = preferred ? [preferred, ...DELIMITERS.filter((d) => d !== preferred)] : DELIMITERS;
  const probe = text.slice(0, 64 * 1024);
  for (const d of candidates) {
    const records = parseRecords(text, { delimiter: d, quote, escape }, complete, DELIMITER_PROBE);
    const { count, share } = modalCount(records);
    let score = count < 2 ? 0 : share * (count - 1);
    if (records[0] && records[0].fields.length !== count) score *= 0.5;
    if (d === ',') {
      const all = probe.split(',').length - 1;
      const betweenDigits = (probe.match(/\d,(?=\d)/g) ?? []).length;
      if (all > 0 && betweenDigits / all >= 0.8) score *= 0.5;
    }
    if (score > bestScore + 1e-9) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function column(records: readonly CsvRecord[], k: number, from: number): string[] {
  const out: string[] = [];
  for (let r = from; r < records.length; r++) out.push(records[r]!.fields[k] ?? '');
  return out;
}

/**
 * A header row has a value that turns its column to text, where the column below has a type (a first
 * row `9,5` above `10` only widens whole numbers to decimals: that is data). Also returns the types of
 * the rows below, which are the columns' types when there is a header.
 */
function detectHeader(records: readonly CsvRecord[], width: number, ctx: ValueContext): { header: boolean; below: ColumnType[] } {
  const below = Array.from({ length: width }, (_, k) => inferType(column(records, k, 1), ctx));
  const first = records[0];
  if (!first) return { header: true, below };
  if (records.length === 1) return { header: first.fields.every((v) => inferType([v], ctx) === 'VARCHAR'), below };
  let typed = 0;
  for (let k = 0; k < width; k++) {
    const type = below[k]!;
    if (type === 'VARCHAR') continue;
    typed++;
    const v = first.fields[k] ?? '';
    if (v !== '' && !fitsType(v, type, ctx) && inferType([v, ...column(records, k, 1)], ctx) === 'VARCHAR') return { header: true, below };
  }
  if (typed > 0) return { header: false, below };
  // Every column is text: a header is the usual case, unless the first row repeats a name.
  const names = first.fields.filter((v) => v.trim() !== '').map((v) => v.trim().toLowerCase());
  return { header: new Set(names).size === names.length, below };
}

export function sniffCsv(input: SniffInput): SniffResult {
  const fixed = input.fixed ?? {};
  const notes: Note[] = [];
  const sepLine = excelSepLine(input.text);
  const skip = fixed.skipLines ?? (sepLine ? 1 : 0);
  if (fixed.skipLines === undefined && sepLine) {
    notes.push(note('skipLines', said('core.ingest.note.sep_line', { sep: sepLine === '\t' ? '\\t' : sepLine })));
  }
  const body = skipLines(input.text, skip);
  const quote = fixed.quote ?? detectQuote(body);
  const escape = fixed.escape ?? detectEscape(body, quote);
  const delimiter = fixed.delimiter ?? (skip > 0 && sepLine ? sepLine : detectDelimiter(body, quote, escape, input.complete, input.preferredDelimiter));
  const records = parseRecords(body, { delimiter, quote, escape }, input.complete, MAX_RECORDS).map((r) => ({ ...r, line: r.line + skip }));

  const { count: width } = modalCount(records);
  const allValues = function* (from: number, to = records.length) {
    for (let r = from; r < Math.min(to, records.length); r++) yield* records[r]!.fields;
  };
  const separators = guessSeparators(allValues(0, SEPARATOR_RECORDS));
  const decimal = fixed.decimal ?? separators.decimal;
  let thousands = fixed.thousands ?? separators.thousands;
  if (thousands === decimal) thousands = '';
  if (fixed.decimal === undefined && fixed.thousands === undefined && separators.ambiguous) {
    notes.push(note('decimal', said('core.ingest.note.decimal_ambiguous')));
  }
  const dates = guessDateFormat(allValues(0), delimiter === ';' || decimal === ',');
  const dateFormat = fixed.dateFormat ?? dates.dateFormat;
  const timeFormat = fixed.timeFormat ?? dates.timeFormat;
  if (fixed.dateFormat === undefined && dates.ambiguous && dates.seen > 0) {
    const order = said(dateFormat.startsWith('%d') ? 'core.ingest.note.day_first' : 'core.ingest.note.month_first');
    notes.push(note('dateFormat', said('core.ingest.note.date_order', { order })));
  }
  if (fixed.dateFormat === undefined && dates.conflicting) {
    notes.push(note('dateFormat', said('core.ingest.note.dates_conflicting')));
  }

  const ctx: ValueContext = { numbers: numberPatterns(decimal, thousands), dateFormat, timeFormat };
  const detected = detectHeader(records, width, ctx);
  const header = fixed.header ?? detected.header;
  const from = header ? 1 : 0;
  const headerFields = header && records[0] ? records[0].fields : [];
  const names = header
    ? columnNamesFromHeader(Array.from({ length: width }, (_, k) => headerFields[k] ?? ''))
    : defaultColumnNames(width);
  const columns: ColumnSpec[] = names.map((name, k) => ({ source: name, name, type: header ? detected.below[k]! : inferType(column(records, k, from), ctx) }));

  let raggedRows = 0;
  for (let r = from; r < records.length; r++) if (records[r]!.fields.length !== width) raggedRows++;
  if (raggedRows > 0) {
    // Counts as written (no grouping), as the English note always had them.
    notes.push(note('delimiter', said('core.ingest.note.ragged', { count: String(raggedRows), rows: String(records.length - from), width: String(width) })));
  }

  const dialect: CsvDialect = { encoding: input.encoding, delimiter, quote, escape, header, skipLines: skip, decimal, thousands, dateFormat, timeFormat };
  return {
    settings: { format: 'csv', ...dialect, columns, skipBadRows: false },
    notes,
    dataRows: Math.max(0, records.length - from),
    raggedRows,
    dateOrderUndecided: fixed.dateFormat === undefined && dates.ambiguous && dates.seen > 0,
  };
}
