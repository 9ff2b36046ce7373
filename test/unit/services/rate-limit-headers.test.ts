import { describe, expect, it } from 'vitest';
import {
  exhaustedResetWaitMs,
  parseRateLimitHeaders,
  parseRetryAfterMs,
} from '../../../src/main/services/rate-limit-headers';

const now = Date.parse('2026-11-22T10:00:00Z');
const reset = '2026-11-22T10:00:30Z';

function headers(bucket: Record<string, [number, number]>): Headers {
  const h = new Headers();
  for (const [name, [limit, remaining]] of Object.entries(bucket)) {
    h.set(`anthropic-ratelimit-${name}-limit`, String(limit));
    h.set(`anthropic-ratelimit-${name}-remaining`, String(remaining));
    h.set(`anthropic-ratelimit-${name}-reset`, reset);
  }
  return h;
}

describe('rate-limit headers', () => {
  it('names the exhausted bucket, preferring the specific one over the combined tokens view', () => {
    const s = parseRateLimitHeaders(
      headers({
        requests: [50, 12],
        tokens: [90000, 0],
        'input-tokens': [40000, 0],
        'output-tokens': [8000, 3000],
      }),
      now,
    );
    expect(s?.exhausted).toBe('input-tokens');
    expect(s?.buckets['input-tokens']).toEqual({ limit: 40000, remaining: 0, resetAt: reset });
  });

  it('warns about a nearly empty bucket before any 429', () => {
    const s = parseRateLimitHeaders(
      headers({ requests: [50, 3], 'output-tokens': [8000, 4000] }),
      now,
    );
    expect(s?.exhausted).toBeUndefined();
    expect(s?.low).toBe('requests');
  });

  it('returns null when a response carries no rate-limit headers', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'text/html' }), now)).toBeNull();
  });

  it('reads retry-after-ms, retry-after seconds and retry-after dates', () => {
    expect(
      parseRetryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now),
    ).toBe(1500);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(
      parseRetryAfterMs(new Headers({ 'retry-after': new Date(now + 7000).toUTCString() }), now),
    ).toBe(7000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(parseRetryAfterMs(new Headers(), now)).toBeNull();
  });

  it('without retry-after, waits for the latest reset among the empty buckets only', () => {
    const h = headers({
      requests: [50, 0],
      'input-tokens': [40000, 0],
      'output-tokens': [8000, 9],
    });
    h.set('anthropic-ratelimit-input-tokens-reset', '2026-11-22T10:00:45Z');
    // A bucket with room left does not hold the request back, however late its reset.
    h.set('anthropic-ratelimit-output-tokens-reset', '2026-11-22T10:05:00Z');
    const s = parseRateLimitHeaders(h, now);
    expect(s && exhaustedResetWaitMs(s, now)).toBe(45_000);
  });

  it('knows no wait when no empty bucket names a reset still ahead', () => {
    const passed = headers({ requests: [50, 0] });
    passed.set('anthropic-ratelimit-requests-reset', '2026-11-22T09:59:58Z');
    const s = parseRateLimitHeaders(passed, now);
    expect(s && exhaustedResetWaitMs(s, now)).toBeNull();
    const noneEmpty = parseRateLimitHeaders(headers({ requests: [50, 3] }), now);
    expect(noneEmpty && exhaustedResetWaitMs(noneEmpty, now)).toBeNull();
    const noReset = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '0',
    });
    const bare = parseRateLimitHeaders(noReset, now);
    expect(bare && exhaustedResetWaitMs(bare, now)).toBeNull();
  });
});
