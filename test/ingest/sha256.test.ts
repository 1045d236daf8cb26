import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Sha256 } from '../../src/ingest/sha256';
import { sha256OfFile } from '../../src/ingest/fingerprint';

describe('streaming SHA-256', () => {
  it('gives the FIPS 180-2 test vectors', () => {
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const two = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(new Sha256().update(new TextEncoder().encode(two)).hex()).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto whatever the chunking (55, 56, 64 bytes are the padding edges)', () => {
    for (const n of [55, 56, 63, 64, 65, 1000, 100_003]) {
      const data = Uint8Array.from({ length: n }, (_, k) => (k * 31 + 7) % 256);
      const h = new Sha256();
      for (let k = 0; k < n; k += 37) h.update(data.subarray(k, k + 37));
      expect(h.hex()).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('hashes a file whole or chunk by chunk to the same digest', async () => {
    const data = Uint8Array.from({ length: 9_000_000 }, (_, k) => k % 251);
    const file = new File([data], 'x.bin');
    const expected = createHash('sha256').update(data).digest('hex');
    expect(await sha256OfFile(file)).toBe(expected);
    expect(await sha256OfFile(file, { wholeLimit: 0 })).toBe(expected);
  });
});
