/**
 * Delimited text files end to end: inspect (encoding, then the sniffer over the first MB — more when
 * dates are still ambiguous), re-detect around the user's choices, and load.
 *
 * Loading UTF-8 hands the File itself to DuckDB (the browser reads it lazily, nothing is copied into
 * wasm memory), so the time stays that of `read_csv`. Other encodings are converted to UTF-8 in chunks
 * into a Blob first.
 */
import type { Engine } from '../engine/types';
import { loadCsv } from './csv-load';
import { loadWindow, narrowSample, WIDE_COLUMNS } from './csv-window';
import { toUtf8, sampleToUtf8, utf8ToText } from './decode';
import { checkText, type EncodingGuess } from './detect-encoding';
import { said } from '../i18n/said';
import { binaryFile, emptyFile } from './errors';
import { note } from './words';
import type { InspectionBase, LoadContext, LoadOutcome } from './load-context';
import { sniffCsv, type SniffResult } from './sniff';
import { readChunks, readHead } from './source';
import { internalName } from '../catalog/schemas';
import type { CsvDialect, CsvSettings, Delimiter, Note } from './types';

export const HEAD_BYTES = 1024 * 1024;
/** Read this much when the first MB has dates whose day and month cannot be told apart. */
export const LONG_HEAD_BYTES = 8 * 1024 * 1024;
/** Converted text is handed to the browser in Blobs of about this size, so it leaves the JS heap as it goes. */
const BLOB_PART_BYTES = 64 * 1024 * 1024;

export interface CsvInspection extends InspectionBase {
  format: 'csv';
  settings: CsvSettings;
  head: Uint8Array;
  /** `head` is the whole file. */
  whole: boolean;
  encodingGuess: EncodingGuess;
  preferredDelimiter?: Delimiter;
}

function sniffHead(head: Uint8Array, whole: boolean, encoding: CsvDialect['encoding'], fixed: Partial<CsvDialect>, preferred?: Delimiter): SniffResult {
  const text = utf8ToText(sampleToUtf8(head, encoding, whole));
  return sniffCsv({ text, complete: whole, encoding, fixed, preferredDelimiter: preferred });
}

export async function inspectCsv(
  file: InspectionBase['file'],
  preferredDelimiter?: Delimiter,
  sizes: { head: number; longHead: number } = { head: HEAD_BYTES, longHead: LONG_HEAD_BYTES },
): Promise<CsvInspection> {
  if (file.size === 0) throw emptyFile(file.name);
  let head = await readHead(file, sizes.head);
  const check = checkText(head);
  if (!check.text) throw binaryFile(file.name, check.looksLike);
  const encoding = check.guess.encoding;
  let sniff = sniffHead(head, head.length === file.size, encoding, {}, preferredDelimiter);
  if (sniff.dateOrderUndecided && file.size > head.length) {
    head = await readHead(file, sizes.longHead);
    sniff = sniffHead(head, head.length === file.size, encoding, {}, preferredDelimiter);
  }
  const encodingNote: Note = note('encoding', said(check.guess.bom ? 'core.ingest.note.encoding_bom' : 'core.ingest.note.encoding', { reason: check.guess.reasonSaid }));
  return {
    format: 'csv',
    file,
    head,
    whole: head.length === file.size,
    encodingGuess: check.guess,
    preferredDelimiter,
    settings: sniff.settings,
    notes: [encodingNote, ...sniff.notes],
  };
}

/**
 * Settings re-detected with the parts the user fixed. Column names and types are re-derived too; the
 * caller re-applies the user's own column edits (see `applyColumnEdits`).
 */
export function redetectCsv(insp: CsvInspection, fixed: Partial<CsvDialect>): CsvInspection {
  const encoding = fixed.encoding ?? insp.settings.encoding;
  const sniff = sniffHead(insp.head, insp.whole, encoding, { ...fixed, encoding }, insp.preferredDelimiter);
  const encodingNotes = insp.notes.filter((n) => n.setting === 'encoding' && encoding === insp.encodingGuess.encoding);
  return { ...insp, settings: { ...sniff.settings, skipBadRows: insp.settings.skipBadRows }, notes: [...encodingNotes, ...sniff.notes] };
}

/** The file as UTF-8, as a Blob built part by part. */
async function transcodedBlob(insp: CsvInspection, settings: CsvSettings, ctx: LoadContext): Promise<Blob> {
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const chunks = readChunks(insp.file, { signal: ctx.signal, onChunk: (f) => ctx.onProgress?.(f * 0.5, 'decoding') });
  for await (const out of toUtf8(chunks, settings.encoding)) {
    pending.push(out);
    pendingBytes += out.length;
    if (pendingBytes >= BLOB_PART_BYTES) {
      parts.push(new Blob(pending as BlobPart[]));
      pending = [];
      pendingBytes = 0;
    }
  }
  parts.push(new Blob(pending as BlobPart[]));
  return new Blob(parts);
}

export async function loadCsvInspection(engine: Engine, insp: CsvInspection, settings: CsvSettings, target: string, ctx: LoadContext): Promise<LoadOutcome> {
  const fileName = `${internalName('file')}.csv`;
  if (ctx.mode === 'preview' && ctx.keep && settings.columns.length > WIDE_COLUMNS) {
    const sample = narrowSample(sampleToUtf8(insp.head, settings.encoding, insp.whole), insp.whole, settings, ctx.keep);
    const { rejected } = await loadWindow(engine, fileName, sample, settings, ctx.keep, target);
    return { rejected, whole: insp.whole };
  }
  if (ctx.mode === 'preview') {
    await engine.registerFile(fileName, sampleToUtf8(insp.head, settings.encoding, insp.whole));
  } else if (settings.encoding === 'utf-8') {
    ctx.onProgress?.(0.05, 'reading');
    await engine.registerBlob(fileName, insp.file);
  } else {
    await engine.registerBlob(fileName, await transcodedBlob(insp, settings, ctx));
  }
  try {
    ctx.onProgress?.(ctx.mode === 'import' && settings.encoding !== 'utf-8' ? 0.5 : 0.1, 'loading');
    const { rejected, rows } = await loadCsv(engine, fileName, settings, target, ctx.keep);
    return { rejected, rows, whole: ctx.mode === 'import' || insp.whole };
  } finally {
    await engine.dropFile(fileName);
  }
}
