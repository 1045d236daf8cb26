/**
 * A text file as pieces that each end at a line break. Arquero parses CSV from one string, and V8
 * caps a string at about 512 M characters: a 5 M-row file (560 MB) has to be parsed piece by piece.
 */
export async function* linePieces(chunks: AsyncIterable<Uint8Array>, pieceChars: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    if (pending.length < pieceChars) continue;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) continue;
    yield pending.slice(0, cut + 1);
    pending = pending.slice(cut + 1);
  }
  pending += decoder.decode();
  if (pending.length > 0) yield pending;
}
