/**
 * The preview of a very wide CSV (hundreds or thousands of columns): DuckDB reads only the window of
 * columns the dialog shows. Given the whole width, DuckDB-WASM spends one to two seconds before the first
 * row (measured with 10,000 columns: it makes room for every column of every row it reads, hundreds of
 * MB), so the sample's records are split here, with the same lenient reader the sniffer uses, and the
 * window's fields written out as a small CSV that DuckDB reads with the file's own number and date
 * settings — every value shown is still rendered by DuckDB.
 *
 * What DuckDB would have found in the other columns' structure is found here instead: a record with the
 * wrong number of fields, or with bytes that are not valid in the encoding, is reported with its line. A
 * value of an unshown column that does not fit its type is found by the import.
 */
import type { Engine } from '../engine/types';
import { utf8ToText } from './decode';
import { reasons } from './words';
import { loadCsv } from './csv-load';
import { parseRecords } from './csv-parse';
import { skipLines } from './sniff';
import { PREVIEW_READ_ROWS } from './load-context';
import type { CsvSettings, RejectedRow, RejectSummary } from './types';

/** Above this many columns a CSV preview reads only its window (below, DuckDB reads the sample whole). */
export const WIDE_COLUMNS = 200;

const EXAMPLES = 5;
const LINE = '__longtail_line';

const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** Every field is quoted, so any delimiter reads it back: a tab, which is never a decimal or thousands separator. */
const delimiterFor = (_s: CsvSettings) => '\t' as const;

export interface NarrowSample {
  /** The window's columns as CSV, each record led by its line in the file. */
  bytes: Uint8Array;
  /** Records refused here (wrong number of fields, invalid bytes). */
  refused: RejectSummary;
  /** The line and text of each record written, by its position in `bytes`. */
  records: { line: number; text: string }[];
}

/** `sample` is the UTF-8 sample of the file (as registered for a preview); `whole` says it is the whole file. */
export function narrowSample(sample: Uint8Array, whole: boolean, s: CsvSettings, keep: readonly number[]): NarrowSample {
  const text = skipLines(utf8ToText(sample), s.skipLines);
  const width = s.columns.length;
  const parsed = parseRecords(text, { delimiter: s.delimiter, quote: s.quote, escape: s.escape }, whole, PREVIEW_READ_ROWS + 1);
  const data = s.header ? parsed.slice(1) : parsed;
  const refused: RejectSummary = { count: 0, examples: [] };
  const refuse = (r: RejectedRow) => {
    refused.count++;
    if (refused.examples.length < EXAMPLES) refused.examples.push(r);
  };
  const records: NarrowSample['records'] = [];
  const lines: string[] = [];
  for (const r of data) {
    const line = r.line + s.skipLines;
    const shown = r.fields.join(s.delimiter);
    if (r.fields.length !== width) {
      refuse({ line, row: null, text: shown.slice(0, 200), kind: 'columns', reason: reasons.fields(r.fields.length, width) });
    } else if (r.fields.some((f) => f.includes('\uFFFD'))) {
      refuse({ line, row: null, text: shown.slice(0, 200), kind: 'encoding', reason: reasons.encoding(s.encoding) });
    } else {
      records.push({ line, text: shown.slice(0, 200) });
      lines.push([String(line), ...keep.map((k) => quoted(r.fields[k]!))].join(delimiterFor(s)));
    }
  }
  return { bytes: new TextEncoder().encode(lines.join('\n') + '\n'), refused, records };
}

/**
 * Loads the window `keep` of the sample into `target`: the narrow CSV registered as `fileName`, read by
 * DuckDB with the file's settings. Rows DuckDB refuses are reported at their line in the file.
 */
export async function loadWindow(engine: Engine, fileName: string, sample: NarrowSample, s: CsvSettings, keep: readonly number[], target: string): Promise<{ rejected: RejectSummary }> {
  await engine.registerFile(fileName, sample.bytes);
  try {
    const narrow: CsvSettings = {
      ...s,
      delimiter: delimiterFor(s),
      quote: '"',
      escape: '"',
      header: false,
      skipLines: 0,
      columns: [{ source: LINE, name: LINE, type: 'BIGINT' }, ...keep.map((k) => s.columns[k]!)],
    };
    const { rejected } = await loadCsv(engine, fileName, narrow, target, keep.map((_k, j) => j + 1));
    const byLine = new Map(sample.records.map((r) => [r.line, r.text]));
    // DuckDB's line is the narrow file's; the record's own line leads its text.
    const examples = rejected.examples.map((e) => {
      const line = Number(/^"?(\d+)/.exec(e.text)?.[1]);
      return Number.isFinite(line) ? { ...e, line, text: byLine.get(line) ?? e.text } : e;
    });
    const merged = [...sample.refused.examples, ...examples].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, EXAMPLES);
    return { rejected: { count: sample.refused.count + rejected.count, examples: merged } };
  } finally {
    await engine.dropFile(fileName);
  }
}
