import { describe, expect, it } from 'vitest';
import {
  deriveBanners,
  formatCountdown,
  limitName,
  secondsUntil,
} from '../../../src/renderer/src/chat/banners';
import { newAnswer, type Answer } from '../../../src/renderer/src/chat/conversation';
import type { RetryReason } from '../../../src/shared/ipc';
import type { RateLimitBucket, RateLimitSnapshot } from '../../../src/shared/rate-limit';

const online = { online: true, cause: null } as const;
const NOW = Date.parse('2030-01-01T00:00:00.000Z');

function retrying(reason: RetryReason, bucket: RateLimitBucket | null = null): Answer {
  return {
    ...newAnswer('req-00001', 'm'),
    status: 'retrying',
    retry: { attempt: 3, maxAttempts: 5, retryAt: '2030-01-01T00:00:04.200Z', reason, bucket },
  };
}

describe('deriveBanners', () => {
  it('shows nothing when all is well', () => {
    expect(
      deriveBanners({ active: undefined, connectivity: online, rateLimit: null, now: NOW }),
    ).toEqual([]);
  });

  it('names the exhausted bucket of a 429', () => {
    const [banner] = deriveBanners({
      active: retrying('rate-limit', 'output-tokens'),
      connectivity: online,
      rateLimit: null,
      now: NOW,
    });
    expect(banner).toMatchObject({ kind: 'rate-limited', bucket: 'output-tokens' });
    expect(limitName('output-tokens')).toBe('output tokens per minute limit');
    expect(limitName(null)).toBe('rate limit');
  });

  it('counts retries, not attempts, for overload and server errors', () => {
    const [banner] = deriveBanners({
      active: retrying('overloaded'),
      connectivity: online,
      rateLimit: null,
      now: NOW,
    });
    expect(banner).toMatchObject({ kind: 'retrying', retry: 2, maxRetries: 4 });
  });

  it('shows offline from connectivity, alongside a waiting message', () => {
    const banners = deriveBanners({
      active: { ...newAnswer('req-00001', 'm'), status: 'waiting-online' },
      connectivity: { online: false, cause: 'os' },
      rateLimit: null,
      now: NOW,
    });
    expect(banners).toEqual([{ kind: 'offline', cause: 'os' }]);
  });

  it('warns quietly about a low bucket until it resets', () => {
    const snapshot: RateLimitSnapshot = {
      buckets: { requests: { limit: 50, remaining: 3, resetAt: '2030-01-01T00:00:30.000Z' } },
      observedAt: '2030-01-01T00:00:00.000Z',
      low: 'requests',
    };
    expect(
      deriveBanners({ active: undefined, connectivity: online, rateLimit: snapshot, now: NOW }),
    ).toEqual([{ kind: 'low-limit', bucket: 'requests' }]);
    expect(
      deriveBanners({
        active: undefined,
        connectivity: online,
        rateLimit: snapshot,
        now: NOW + 31_000,
      }),
    ).toEqual([]);
  });
});

describe('countdown', () => {
  it('rounds up to whole seconds and never goes negative', () => {
    expect(secondsUntil('2030-01-01T00:00:02.100Z', NOW)).toBe(3);
    expect(secondsUntil('2029-12-31T23:59:00.000Z', NOW)).toBe(0);
    expect(secondsUntil('not a date', NOW)).toBe(0);
  });

  it('formats seconds and minutes', () => {
    expect(formatCountdown(3)).toBe('3 s');
    expect(formatCountdown(65)).toBe('1 min 05 s');
  });
});
