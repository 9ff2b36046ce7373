/**
 * A streamed answer is kept as a list of chunks rather than one string: each
 * chunk stops changing once it holds about CHUNK_SIZE characters, so React
 * re-renders only the unfinished tail and the cost of a delta does not grow
 * with the length of the answer. Chunks are only ever split between deltas,
 * never inside one, so no surrogate pair is cut in half.
 */
export const CHUNK_SIZE = 2048;

export function appendText(chunks: readonly string[], text: string): readonly string[] {
  if (text.length === 0) return chunks;
  const last = chunks[chunks.length - 1];
  if (last === undefined || last.length >= CHUNK_SIZE) return [...chunks, text];
  const next = chunks.slice();
  next[next.length - 1] = last + text;
  return next;
}

export function chunksToText(chunks: readonly string[]): string {
  return chunks.join('');
}

/** A stored text as chunks, so a loaded answer that continues streaming behaves like a live one. */
export function textToChunks(text: string): readonly string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_SIZE);
    // Never split a surrogate pair between two chunks.
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end += 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}
