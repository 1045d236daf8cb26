import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sha256Hex, sha256HexSync, streamingSha256, utf8 } from '../../src/crypto/sha256';
import { fileSha256, hashAhead, sha256OfFile } from '../../src/ingest/fingerprint';

describe('streaming SHA-256', () => {
  it('gives the FIPS 180-2 test vectors', () => {
    expect(streamingSha256().update(utf8('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(streamingSha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const two = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(streamingSha256().update(utf8(two)).hex()).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256HexSync(utf8(two))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto whatever the chunking (55, 56, 64 bytes are the padding edges)', async () => {
    for (const n of [55, 56, 63, 64, 65, 1000, 100_003]) {
      const data = Uint8Array.from({ length: n }, (_, k) => (k * 31 + 7) % 256);
      const h = streamingSha256();
      for (let k = 0; k < n; k += 37) h.update(data.subarray(k, k + 37));
      const expected = createHash('sha256').update(data).digest('hex');
      expect(h.hex()).toBe(expected);
      expect(await sha256Hex(data)).toBe(expected);
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

describe('hashing ahead of the import', () => {
  const digest = (text: string) => createHash('sha256').update(text).digest('hex');

  it('the import finds the hash the inspection started', async () => {
    const file = new File(['a,b\n1,2\n'], 'ahead.csv');
    hashAhead(file);
    const first = fileSha256(file);
    expect(fileSha256(file)).toBe(first);
    expect(await first).toBe(digest('a,b\n1,2\n'));
  });

  it('a failed read is not remembered: the next request reads again', async () => {
    let reads = 0;
    class Flaky extends File {
      override arrayBuffer(): Promise<ArrayBuffer> {
        return ++reads === 1 ? Promise.reject(new Error('NotReadableError')) : super.arrayBuffer();
      }
    }
    const file = new Flaky(['x;y\n'], 'flaky.csv');
    hashAhead(file);
    await expect(fileSha256(file)).rejects.toThrow('NotReadableError');
    expect(await fileSha256(file)).toBe(digest('x;y\n'));
    expect(reads).toBe(2);
  });

  it('files dropped together are hashed one after the other, not all in memory at once', async () => {
    let open = 0;
    let most = 0;
    class Slow extends File {
      override async arrayBuffer(): Promise<ArrayBuffer> {
        most = Math.max(most, ++open);
        await new Promise((r) => setTimeout(r, 5));
        open--;
        return super.arrayBuffer();
      }
    }
    const files = ['1', '22', '333'].map((t, k) => new Slow([t], `f${k}.csv`));
    files.forEach((f) => hashAhead(f));
    expect(await Promise.all(files.map((f) => fileSha256(f)))).toEqual(['1', '22', '333'].map(digest));
    expect(most).toBe(1);
  });
});
