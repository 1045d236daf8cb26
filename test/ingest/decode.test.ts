import { describe, expect, it } from 'vitest';
import { concat, createTranscoder, sampleToUtf8, toUtf8 } from '../../src/ingest/decode';
import type { Encoding } from '../../src/ingest/types';

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/** Transcodes `input` cut into chunks of `size` bytes, to check state carried across chunk edges. */
function inChunks(input: Uint8Array, encoding: Encoding, size: number): Uint8Array {
  const t = createTranscoder(encoding);
  const out: Uint8Array[] = [];
  for (let k = 0; k < input.length; k += size) out.push(t.push(input.subarray(k, k + size)));
  out.push(t.end());
  return concat(out);
}

describe('Windows-1252 → UTF-8', () => {
  it('maps the 0x80–0x9F characters that Latin-1 lacks, and Latin-1 letters', () => {
    // € 0x80, ’ 0x92, œ 0x9C, Ÿ 0x9F (from the Windows-1252 code chart), é 0xE9, É 0xC9.
    const out = inChunks(Uint8Array.from([0x80, 0x20, 0x92, 0x9c, 0x9f, 0xe9, 0xc9]), 'windows-1252', 3);
    expect(text(out)).toBe('€ ’œŸéÉ');
  });
  it('marks the five undefined bytes with 0xFF, which UTF-8 never contains', () => {
    const out = createTranscoder('windows-1252').push(Uint8Array.from([0x41, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x42]));
    expect([...out]).toEqual([0x41, 0xff, 0xff, 0xff, 0xff, 0xff, 0x42]);
  });
  it('reads Latin-1 bytes 0x80–0x9F as the C1 control characters', () => {
    expect([...createTranscoder('iso-8859-1').push(Uint8Array.of(0x80, 0xe9))]).toEqual([0xc2, 0x80, 0xc3, 0xa9]);
  });
});

describe('UTF-16 → UTF-8', () => {
  // "é€😀" is U+00E9, U+20AC, and U+1F600 = surrogates D83D DE00.
  const le = Uint8Array.from([0xff, 0xfe, 0xe9, 0x00, 0xac, 0x20, 0x3d, 0xd8, 0x00, 0xde]);
  const be = Uint8Array.from([0xfe, 0xff, 0x00, 0xe9, 0x20, 0xac, 0xd8, 0x3d, 0xde, 0x00]);
  it.each([1, 2, 3, 7])('decodes both byte orders and drops the BOM, in chunks of %i bytes', (size) => {
    expect(text(inChunks(le, 'utf-16le', size))).toBe('é€😀');
    expect(text(inChunks(be, 'utf-16be', size))).toBe('é€😀');
  });
  it('marks a lone surrogate and an odd final byte as invalid', () => {
    // "a", lone low surrogate DC00, "b", then one stray byte.
    const bytes = Uint8Array.from([0x61, 0x00, 0x00, 0xdc, 0x62, 0x00, 0x41]);
    expect([...inChunks(bytes, 'utf-16le', 2)]).toEqual([0x61, 0xff, 0x62, 0xff]);
  });
});

describe('UTF-8', () => {
  it('passes bytes through and drops a BOM split across chunks', () => {
    expect(text(inChunks(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]), 'utf-8', 1))).toBe('aé');
  });
  it('streams with toUtf8', async () => {
    async function* chunks() {
      yield Uint8Array.of(0xef, 0xbb);
      yield Uint8Array.of(0xbf, 0x41);
    }
    const out: Uint8Array[] = [];
    for await (const c of toUtf8(chunks(), 'utf-8')) out.push(c);
    expect(text(concat(out))).toBe('A');
  });
});

describe('sampleToUtf8', () => {
  it('cuts a partial sample after its last line break', () => {
    expect(text(sampleToUtf8(new TextEncoder().encode('a;b\n1;2\n3;'), 'utf-8', false))).toBe('a;b\n1;2\n');
    expect(text(sampleToUtf8(new TextEncoder().encode('a;b\n1;2\n3;'), 'utf-8', true))).toBe('a;b\n1;2\n3;');
  });
});
