import { RateLimitError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../mock-anthropic/server';
import type { MockAnthropic } from '../../mock-anthropic/server';
import { ask, clientFor, rejection } from './helpers';

let now = Date.parse('2026-01-01T12:00:00Z');
let mock: MockAnthropic;
beforeAll(async () => {
  mock = await startMockAnthropic({ requestsPerMinute: 2, clock: () => now });
});
afterAll(() => mock.close());

describe('--requests-per-minute', () => {
  it('enforces a sliding one-minute window', async () => {
    const client = clientFor(mock);
    const first = await client.messages.create(ask('one')).withResponse();
    expect(first.response.headers.get('anthropic-ratelimit-requests-limit')).toBe('2');
    expect(first.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('1');
    now += 20_000;
    await client.messages.create(ask('two'));

    now += 10_000;
    const error = (await rejection(client.messages.create(ask('three')))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers.get('retry-after')).toBe('30');
    expect(error.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(error.headers.get('anthropic-ratelimit-requests-reset')).toBe('2026-01-01T12:01:00Z');

    now += 30_001;
    await expect(client.messages.create(ask('three'))).resolves.toMatchObject({ type: 'message' });
  });
});
