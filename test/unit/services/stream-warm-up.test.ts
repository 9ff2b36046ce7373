import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmUpStreamReading } from '../../../src/main/services/stream-warm-up';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('warming up stream reading', () => {
  it('reads a whole made-up answer from memory, through the SDK parser, without any request', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    // Every delta's text, and a complete message: the tally would throw on a cut-off one.
    expect(await warmUpStreamReading(500)).toBe(500 * 'word '.length);
    expect(fetch).not.toHaveBeenCalled();
  });
});
