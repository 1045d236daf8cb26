/**
 * Reading a user's file in chunks: never the whole file at once, so a file of hundreds of MB neither
 * doubles memory nor blocks the page; each chunk is a chance to report progress and honour cancellation.
 */
import { aborted } from './errors';
import type { SourceFile } from './types';

export const CHUNK_BYTES = 4 * 1024 * 1024;

export async function readHead(file: Blob, bytes: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, Math.min(bytes, file.size)).arrayBuffer());
}

export interface ChunkOptions {
  signal?: AbortSignal;
  /** Called after each chunk with the fraction of the file read. */
  onChunk?: (fraction: number) => void;
  chunkBytes?: number;
}

export async function* readChunks(file: SourceFile, options: ChunkOptions = {}): AsyncGenerator<Uint8Array> {
  const size = options.chunkBytes ?? CHUNK_BYTES;
  for (let start = 0; start < file.size; start += size) {
    if (options.signal?.aborted) throw aborted(file.name);
    const chunk = new Uint8Array(await file.slice(start, Math.min(start + size, file.size)).arrayBuffer());
    yield chunk;
    options.onChunk?.(Math.min(1, (start + chunk.length) / file.size));
  }
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}
