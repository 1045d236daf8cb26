/**
 * Which text encoding a file uses, from its first bytes: a byte-order mark settles it; otherwise the
 * pattern of zero bytes reveals UTF-16, valid UTF-8 is UTF-8, and anything else from a spreadsheet or CRM
 * export is Windows-1252 (Excel's "CSV" on a French Windows). Files that are not text at all are named
 * by their magic number so the message can say what they are.
 */
import type { MessageKey } from '../i18n/catalogue';
import { english, said, type Said } from '../i18n/said';
import type { Encoding } from './types';

export interface EncodingGuess {
  encoding: Encoding;
  /** A byte-order mark was found (and is skipped when decoding). */
  bom: boolean;
  /** Why: shown next to the encoding in the dialog (English; `reasonSaid` in the reader's language). */
  reason: string;
  reasonSaid: Said;
}

function guess(encoding: Encoding, bom: boolean, reason: Said): EncodingGuess {
  return { encoding, bom, reason: english(reason), reasonSaid: reason };
}

export type TextCheck = { text: true; guess: EncodingGuess } | { text: false; looksLike: string | null };

const MAGIC: { bytes: number[]; what: string; key: MessageKey }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook or another zip archive', key: 'core.ingest.magic.zip' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Office document', key: 'core.ingest.magic.xls' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file', key: 'core.ingest.magic.parquet' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', key: 'core.ingest.magic.pdf' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', key: 'core.ingest.magic.png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', key: 'core.ingest.magic.jpeg' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file', key: 'core.ingest.magic.gzip' },
];

/** What magicOf says, as a said message (the words it returns are English). */
export function magicSaid(what: string): Said | string {
  const m = MAGIC.find((x) => x.what === what);
  return m ? said(m.key) : what;
}

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, k) => head[k] === b);
}

export function magicOf(head: Uint8Array): string | null {
  return MAGIC.find((m) => startsWith(head, m.bytes))?.what ?? null;
}

/** UTF-16 without a BOM: ASCII characters leave a zero in every other byte. */
function utf16WithoutBom(head: Uint8Array): Encoding | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let k = 0; k < n; k += 2) {
    if (head[k] === 0) evenZeros++;
    if (head[k + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.05) return 'utf-16be';
  return null;
}

/** Control bytes that never occur in text exports (tab, line feed, carriage return, form feed and escape aside). */
function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (let k = 0; k < head.length; k++) {
    const b = head[k]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > head.length / 100;
}

function isUtf8(head: Uint8Array): boolean {
  try {
    // stream: true tolerates a multi-byte character cut by the end of the sample; fatal rejects bad bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Well-formed multi-byte UTF-8 sequences, bytes that cannot be UTF-8, and where the first such byte is. */
function utf8Census(bytes: Uint8Array): { valid: number; invalid: number; first: number } {
  let valid = 0;
  let invalid = 0;
  let first = -1;
  let k = 0;
  while (k < bytes.length) {
    const b = bytes[k]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need === 0) {
      k++;
      continue;
    }
    if (need < 0) {
      if (first < 0) first = k;
      invalid++;
      k++;
      continue;
    }
    if (k + need >= bytes.length) {
      // Cut by the end of the sample, unless what is there already cannot continue it.
      for (let j = k + 1; j < bytes.length; j++) {
        if ((bytes[j]! & 0xc0) !== 0x80) {
          if (first < 0) first = k;
          invalid++;
          break;
        }
      }
      break;
    }
    let ok = true;
    for (let j = 1; j <= need; j++) if ((bytes[k + j]! & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      k += need + 1;
    } else {
      if (first < 0) first = k;
      invalid++;
      k++;
    }
  }
  return { valid, invalid, first };
}

/** `head` is the start of the file (its first MB is plenty). Empty input is the caller's case. */
export function checkText(head: Uint8Array): TextCheck {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    return { text: true, guess: guess('utf-8', true, said('core.ingest.encoding.bom_utf8')) };
  }
  if (startsWith(head, [0xff, 0xfe])) {
    return { text: true, guess: guess('utf-16le', true, said('core.ingest.encoding.bom_utf16le')) };
  }
  if (startsWith(head, [0xfe, 0xff])) {
    return { text: true, guess: guess('utf-16be', true, said('core.ingest.encoding.bom_utf16be')) };
  }
  const magic = magicOf(head);
  if (magic) return { text: false, looksLike: magic };
  const utf16 = utf16WithoutBom(head);
  if (utf16) {
    return { text: true, guess: guess(utf16, false, said('core.ingest.encoding.utf16_zeros')) };
  }
  if (looksBinary(head)) return { text: false, looksLike: null };
  if (isUtf8(head)) {
    let ascii = true;
    for (let k = 0; k < head.length && ascii; k++) ascii = head[k]! < 0x80;
    return { text: true, guess: guess('utf-8', false, said(ascii ? 'core.ingest.encoding.ascii' : 'core.ingest.encoding.valid_utf8')) };
  }
  const { valid, invalid, first } = utf8Census(head);
  // The first bad byte, named as a hex editor shows it, and where it is (offsets count from 0).
  const bad =
    first >= 0
      ? said('core.ingest.encoding.bad_byte', { hex: head[first]!.toString(16).toUpperCase().padStart(2, '0'), offset: first })
      : said('core.ingest.encoding.a_byte');
  if (valid > invalid) {
    // A few bad bytes among many good UTF-8 characters: a UTF-8 file with damaged lines (they will be
    // reported with their numbers), not a Windows-1252 file, where accents are never valid UTF-8.
    return { text: true, guess: guess('utf-8', false, said('core.ingest.encoding.damaged_utf8', { count: String(invalid), bad })) };
  }
  // Bytes 0x80–0x9F are printable in Windows-1252 (€, …, Œ, ’) but control codes in Latin-1: an export
  // containing them is 1252; without them the two agree, and 1252 is the superset.
  return { text: true, guess: guess('windows-1252', false, said('core.ingest.encoding.not_utf8', { bad })) };
}
