import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, retryDelayMs } from '../../../src/main/services/retry-policy';

describe('retry policy', () => {
  it('backs off exponentially up to the cap', () => {
    const noJitter = () => 0;
    const waits = [2, 3, 4, 5, 6, 7, 8, 9].map((a) =>
      retryDelayMs(defaultRetryPolicy, a, null, noJitter),
    );
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 32000, 32000]);
  });

  it('jitters below the base by at most 25 %', () => {
    const full = retryDelayMs(defaultRetryPolicy, 4, null, () => 0.999999);
    expect(full).toBeGreaterThanOrEqual(3000);
    expect(full).toBeLessThan(4000);
  });

  it("honours the server's retry-after exactly, within the maximum", () => {
    expect(retryDelayMs(defaultRetryPolicy, 2, 3000, () => 0.5)).toBe(3000);
    expect(retryDelayMs(defaultRetryPolicy, 2, 60 * 60_000, () => 0.5)).toBe(
      defaultRetryPolicy.maxRetryAfterMs,
    );
  });
});
