import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../src/main/services/clock';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import {
  createEngineHarness,
  last,
  mock,
  useEngineMock,
  type EngineHarness,
} from '../../support/engine-harness';

let h: EngineHarness;
useEngineMock();

/**
 * Rate limits through the real engine, SDK and HTTP against the mock: how
 * long a 429 is waited on (retry-after, else the exhausted bucket's reset),
 * the bucket named, a storm that runs out of retries, and a spend cap that
 * is never retried.
 */
describe('chat engine under rate limits', () => {
  it('429 with retry-after: waits what the server asked, names the bucket, then answers', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask('::mock rate-limit times=1 retry-after=3 limit=input-tokens');
    const retrying = events.find((e) => e.type === 'retrying');
    expect(retrying).toMatchObject({
      type: 'retrying',
      attempt: 2,
      maxAttempts: 5,
      waitMs: 3000,
      reason: 'rate-limit',
      bucket: 'input-tokens',
      status: 429,
    });
    expect(h.waits).toEqual([3000]);
    expect(last(events)?.type).toBe('done');
    expect(h.snapshots.some((s) => s.exhausted === 'input-tokens')).toBe(true);
  });

  it.each(['requests', 'output-tokens'] as const)('429 names the %s bucket', async (limit) => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask(`::mock rate-limit times=1 retry-after=1 limit=${limit}`);
    expect(events.find((e) => e.type === 'retrying')).toMatchObject({
      bucket: limit,
      waitMs: 1000,
    });
  });

  describe('a 429 without retry-after', () => {
    // The engine and the mock read one pinned time, so the reset the mock stamps and the wait
    // the engine derives from it can be compared to the millisecond.
    const now = Date.parse('2026-11-22T10:00:00Z');
    const pinned: Clock = { ...systemClock, now: () => now };
    let pinnedMock: MockAnthropic;
    beforeAll(async () => {
      pinnedMock = await startMockAnthropic({ clock: () => now });
    });
    afterAll(() => pinnedMock.close());
    afterEach(() => pinnedMock.reset());

    it('waits until the exhausted bucket resets, so the countdown ends when the limit lifts', async () => {
      h = createEngineHarness({ baseURL: pinnedMock.url, clock: pinned });
      const events = await h.ask(
        '::mock rate-limit times=1 retry-after=none reset=7 limit=output-tokens',
      );
      const reset = h.snapshots.find((s) => s.exhausted === 'output-tokens')?.buckets[
        'output-tokens'
      ]?.resetAt;
      expect(reset).toBe('2026-11-22T10:00:07Z');
      expect(events.find((e) => e.type === 'retrying')).toMatchObject({
        attempt: 2,
        reason: 'rate-limit',
        bucket: 'output-tokens',
        status: 429,
        waitMs: 7000,
        retryAt: '2026-11-22T10:00:07.000Z',
      });
      expect(h.waits).toEqual([7000]);
      expect(last(events)?.type).toBe('done');
    });

    it('retry-after, when the server sends it, still decides the wait', async () => {
      h = createEngineHarness({ baseURL: pinnedMock.url, clock: pinned });
      const events = await h.ask('::mock rate-limit times=1 retry-after=2 reset=9 limit=requests');
      expect(events.find((e) => e.type === 'retrying')).toMatchObject({
        waitMs: 2000,
        retryAt: '2026-11-22T10:00:02.000Z',
      });
    });

    it('a reset that is not ahead falls back to backoff, never a negative or zero wait', async () => {
      h = createEngineHarness({ baseURL: pinnedMock.url, clock: pinned });
      const events = await h.ask('::mock rate-limit times=1 retry-after=none reset=0');
      // The first backoff step (1 s, less the harness's fixed 12.5 % jitter).
      expect(events.find((e) => e.type === 'retrying')).toMatchObject({
        reason: 'rate-limit',
        waitMs: 875,
      });
      expect(last(events)?.type).toBe('done');
    });

    it('a reset further off than Parley waits for is not waited on: the person is told at once', async () => {
      h = createEngineHarness({ baseURL: pinnedMock.url, clock: pinned });
      const prompt = '::mock rate-limit times=1 retry-after=none reset=600 limit=input-tokens';
      const events = await h.ask(prompt);
      expect(events.some((e) => e.type === 'retrying')).toBe(false);
      expect(last(events)).toMatchObject({
        type: 'error',
        error: { kind: 'rate-limit', status: 429, retryable: true },
      });
      expect(pinnedMock.attempts(prompt)).toBe(1);
    });
  });

  it('a 429 storm exhausts the retries and ends with an actionable rate-limit error', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const prompt = '::mock rate-limit times=20 retry-after=2 limit=requests';
    const events = await h.ask(prompt);
    const retries = events.filter((e) => e.type === 'retrying');
    expect(retries.map((e) => (e.type === 'retrying' ? e.attempt : 0))).toEqual([2, 3, 4, 5]);
    expect(last(events)).toMatchObject({
      type: 'error',
      partial: false,
      error: { kind: 'rate-limit', status: 429, retryable: true },
    });
    const err = last(events);
    if (err?.type === 'error')
      expect(err.error.message).toMatch(/requests per minute.*tried 5 times/);
    expect(mock.attempts(prompt)).toBe(5);
  });

  it('a spend cap is not retried and says what to do', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask('::mock spend-cap');
    expect(events.some((e) => e.type === 'retrying')).toBe(false);
    expect(last(events)).toMatchObject({
      type: 'error',
      error: { kind: 'spend-cap', status: 429, retryable: false },
    });
    expect(mock.attempts('::mock spend-cap')).toBe(1);
  });
});
