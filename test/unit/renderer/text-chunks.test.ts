import { describe, expect, it } from 'vitest';
import {
  appendText,
  CHUNK_SIZE,
  chunksToText,
  textToChunks,
} from '../../../src/renderer/src/chat/text-chunks';

describe('text chunks', () => {
  it('appends to the tail until it is full, then starts a new chunk', () => {
    let chunks: readonly string[] = [];
    const delta = 'x'.repeat(700);
    for (let i = 0; i < 10; i++) chunks = appendText(chunks, delta);
    expect(chunksToText(chunks)).toBe(delta.repeat(10));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((c) => c.length >= CHUNK_SIZE)).toBe(true);
  });

  it('keeps full chunks as the same strings, so only the tail re-renders', () => {
    let chunks = appendText([], 'a'.repeat(CHUNK_SIZE));
    const full = chunks[0];
    chunks = appendText(chunks, 'b');
    chunks = appendText(chunks, 'c');
    expect(chunks[0]).toBe(full);
    expect(chunks[1]).toBe('bc');
  });

  it('ignores empty deltas', () => {
    const chunks = ['a'];
    expect(appendText(chunks, '')).toBe(chunks);
  });
});

describe('textToChunks', () => {
  it('splits stored text into full chunks without cutting a surrogate pair', () => {
    const text = `${'a'.repeat(CHUNK_SIZE - 1)}😀${'b'.repeat(10)}`;
    const chunks = textToChunks(text);
    expect(chunksToText(chunks)).toBe(text);
    expect(chunks[0]?.endsWith('😀')).toBe(true);
    expect(textToChunks('')).toEqual([]);
  });
});
