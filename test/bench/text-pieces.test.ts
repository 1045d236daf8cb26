import { describe, expect, it } from 'vitest';
import { linePieces } from '../../bench/peers/text-pieces';

async function* chunksOf(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const n of sizes) {
    yield bytes.subarray(at, at + n);
    at += n;
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const s of gen) out.push(s);
  return out;
}

describe('linePieces', () => {
  it('cuts at the last line break once a piece is long enough, even across a split character', async () => {
    const text = 'id,ville\n1,Orléans\n2,Besançon\n3,Sète\n';
    // "é" is two bytes (0xC3 0xA9) at bytes 14–15: the first chunk ends between them.
    const bytes = new TextEncoder().encode(text);
    const pieces = await collect(linePieces(chunksOf(bytes, [15, 10, 5]), 12));
    // bytes 0–14 → "id,ville\n1,Orl" (14 chars ≥ 12) → "id,ville\n", keeps "1,Orl";
    // bytes 15–24 → "1,Orléans\n2,Bes" (15 chars) → "1,Orléans\n", keeps "2,Bes";
    // bytes 25–29 → "2,Besanço" (9 chars < 12) → waits; bytes 30–39 end the file in one piece.
    expect(pieces).toEqual(['id,ville\n', '1,Orléans\n', '2,Besançon\n3,Sète\n']);
    expect(pieces.join('')).toBe(text);
  });

  it('gives a file without a final line break whole at the end', async () => {
    const bytes = new TextEncoder().encode('a\nb');
    expect(await collect(linePieces(chunksOf(bytes, [1, 1]), 100))).toEqual(['a\nb']);
  });
});
