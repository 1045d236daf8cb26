/**
 * SHA-256, the one implementation every part of Longtail uses (file fingerprints, the notebook store,
 * archives, snapshots). Whole buffers go to the platform's digest (Web Crypto: native, about 700 MB/s
 * here); a file too large to hold at once, and the few places that need an answer synchronously, use
 * @noble/hashes (audited, streaming, about 100 MB/s here).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const hex = (bytes: Uint8Array): string => bytesToHex(bytes);

/** SHA-256 of a whole buffer, as lower-case hex. */
export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** The same, synchronously (for text built on the spot, such as a script's CSP hash). */
export function sha256HexSync(bytes: Uint8Array): string {
  return hex(nobleSha256(bytes));
}

/** The raw 32-byte digest, synchronously. */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** A hash fed chunk by chunk: what a file of hundreds of MB needs. */
export interface StreamingSha256 {
  update(chunk: Uint8Array): StreamingSha256;
  hex(): string;
}

export function streamingSha256(): StreamingSha256 {
  const h = nobleSha256.create();
  const api: StreamingSha256 = {
    update(chunk) {
      h.update(chunk);
      return api;
    },
    hex: () => hex(h.digest()),
  };
  return api;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Strict: bytes that are not UTF-8 throw rather than turn into U+FFFD. */
export const fromUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
