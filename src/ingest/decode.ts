/**
 * Any supported encoding → UTF-8 bytes, chunk by chunk, for DuckDB (whose own `encoding=` option would
 * fetch an extension). Line structure is kept byte for byte, so the line numbers DuckDB reports are the
 * original file's.
 *
 * Bytes that are invalid in the source encoding become the byte 0xFF, which never occurs in UTF-8:
 * DuckDB then rejects that line as "invalid encoding" with its number, exactly as it does for a bad byte
 * in a UTF-8 file. One mechanism reports and skips unreadable lines for every encoding.
 */
import type { Encoding } from './types';

const INVALID = 0xff;

export interface Transcoder {
  /** UTF-8 bytes for this chunk (input that ends mid-character is held for the next chunk). */
  push(chunk: Uint8Array): Uint8Array;
  /** Flushes a character cut by the end of the input, as invalid. */
  end(): Uint8Array;
}

function writeCodePoint(out: Uint8Array, o: number, cp: number): number {
  if (cp < 0x80) {
    out[o] = cp;
    return o + 1;
  }
  if (cp < 0x800) {
    out[o] = 0xc0 | (cp >> 6);
    out[o + 1] = 0x80 | (cp & 0x3f);
    return o + 2;
  }
  if (cp < 0x10000) {
    out[o] = 0xe0 | (cp >> 12);
    out[o + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[o + 2] = 0x80 | (cp & 0x3f);
    return o + 3;
  }
  out[o] = 0xf0 | (cp >> 18);
  out[o + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[o + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[o + 3] = 0x80 | (cp & 0x3f);
  return o + 4;
}

/**
 * Windows-1252's bytes 0x80–0x9F (the rest of its upper half is Latin-1). Written out rather than taken
 * from TextDecoder: Node's decoder treats the label as Latin-1 and would turn € into a control code.
 * The five bytes 1252 leaves undefined are -1 (invalid).
 */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

/** Code point of each byte, -1 where the byte is invalid. Latin-1 is the identity. */
function singleByteTable(encoding: 'windows-1252' | 'iso-8859-1'): Int32Array {
  const table = new Int32Array(256);
  for (let b = 0; b < 256; b++) table[b] = b;
  if (encoding === 'windows-1252') CP1252_HIGH.forEach((cp, k) => (table[0x80 + k] = cp));
  return table;
}

function singleByte(encoding: 'windows-1252' | 'iso-8859-1'): Transcoder {
  const table = singleByteTable(encoding);
  return {
    push(chunk) {
      const out = new Uint8Array(chunk.length * 3);
      let o = 0;
      for (let k = 0; k < chunk.length; k++) {
        const b = chunk[k]!;
        if (b < 0x80) out[o++] = b;
        else {
          const cp = table[b]!;
          if (cp < 0) out[o++] = INVALID;
          else o = writeCodePoint(out, o, cp);
        }
      }
      return out.subarray(0, o);
    },
    end: () => new Uint8Array(0),
  };
}

function utf16(littleEndian: boolean): Transcoder {
  let carry: number | null = null; // an odd byte left from the previous chunk
  let high: number | null = null; // a high surrogate waiting for its pair
  let first = true;
  return {
    push(chunk) {
      let bytes = chunk;
      if (carry !== null) {
        bytes = new Uint8Array(chunk.length + 1);
        bytes[0] = carry;
        bytes.set(chunk, 1);
        carry = null;
      }
      const units = bytes.length >> 1;
      if (bytes.length & 1) carry = bytes[bytes.length - 1]!;
      const out = new Uint8Array(units * 3 + 4);
      let o = 0;
      for (let k = 0; k < units; k++) {
        const a = bytes[2 * k]!;
        const b = bytes[2 * k + 1]!;
        const unit = littleEndian ? a | (b << 8) : (a << 8) | b;
        if (first) {
          first = false;
          if (unit === 0xfeff) continue; // byte-order mark
        }
        if (high !== null) {
          if (unit >= 0xdc00 && unit <= 0xdfff) {
            o = writeCodePoint(out, o, 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00));
            high = null;
            continue;
          }
          out[o++] = INVALID; // a high surrogate with no low one after it
          high = null;
        }
        if (unit >= 0xd800 && unit <= 0xdbff) high = unit;
        else if (unit >= 0xdc00 && unit <= 0xdfff) out[o++] = INVALID;
        else o = writeCodePoint(out, o, unit);
      }
      return out.subarray(0, o);
    },
    end() {
      const cut = carry !== null || high !== null;
      carry = null;
      high = null;
      return cut ? Uint8Array.of(INVALID) : new Uint8Array(0);
    },
  };
}

/** UTF-8 passes through; only the byte-order mark is dropped so that samples start with the header. */
function utf8(): Transcoder {
  let pending: Uint8Array = new Uint8Array(0);
  let checked = false;
  return {
    push(chunk) {
      if (checked) return chunk;
      const bytes = pending.length ? concat([pending, chunk]) : chunk;
      if (bytes.length < 3) {
        pending = bytes;
        return new Uint8Array(0);
      }
      checked = true;
      pending = new Uint8Array(0);
      return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    },
    end() {
      const rest = pending;
      pending = new Uint8Array(0);
      const bom = rest.length === 3 && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf;
      return bom ? new Uint8Array(0) : rest;
    },
  };
}

export function createTranscoder(encoding: Encoding): Transcoder {
  switch (encoding) {
    case 'utf-8':
      return utf8();
    case 'utf-16le':
      return utf16(true);
    case 'utf-16be':
      return utf16(false);
    case 'windows-1252':
    case 'iso-8859-1':
      return singleByte(encoding);
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Transcodes a stream of chunks. */
export async function* toUtf8(chunks: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncGenerator<Uint8Array> {
  const t = createTranscoder(encoding);
  for await (const chunk of chunks) {
    const out = t.push(chunk);
    if (out.length) yield out;
  }
  const tail = t.end();
  if (tail.length) yield tail;
}

/**
 * The UTF-8 bytes of a sample (the head of a file). When the sample is not the whole file it is cut after
 * its last line break, so no record or character is half there.
 */
export function sampleToUtf8(head: Uint8Array, encoding: Encoding, whole: boolean): Uint8Array {
  const t = createTranscoder(encoding);
  const body = t.push(head);
  if (whole) return concat([body, t.end()]);
  const lastBreak = Math.max(body.lastIndexOf(0x0a), body.lastIndexOf(0x0d));
  return lastBreak < 0 ? body : body.subarray(0, lastBreak + 1);
}

/** Text for the sniffer: invalid bytes show as U+FFFD. */
export function utf8ToText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
