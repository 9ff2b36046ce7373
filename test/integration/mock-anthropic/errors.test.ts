import {
  APIConnectionError,
  APIError,
  BadRequestError,
  ContentTooLargeError,
  GatewayTimeoutError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
} from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../mock-anthropic/server';
import type { MockAnthropic } from '../../mock-anthropic/server';
import { ask, clientFor, rejection } from './helpers';

let mock: MockAnthropic;
beforeAll(async () => {
  mock = await startMockAnthropic();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const STATUS_CASES = [
  ['::mock rate-limit', 429, 'rate_limit_error', RateLimitError],
  ['::mock overloaded', 529, 'overloaded_error', OverloadedError],
  ['::mock server-error status=500', 500, 'api_error', InternalServerError],
  ['::mock server-error status=502', 502, 'api_error', InternalServerError],
  ['::mock server-error status=503', 503, 'api_error', ServiceUnavailableError],
  ['::mock server-error status=504', 504, 'timeout_error', GatewayTimeoutError],
  ['::mock error status=400', 400, 'invalid_request_error', BadRequestError],
  ['::mock error status=402', 402, 'billing_error', PaymentRequiredError],
  ['::mock error status=403', 403, 'permission_error', PermissionDeniedError],
  ['::mock error status=404', 404, 'not_found_error', NotFoundError],
  ['::mock error status=413', 413, 'request_too_large', ContentTooLargeError],
] as const;

describe('error statuses map to the SDK classes', () => {
  it.each(STATUS_CASES)('%s -> %i %s', async (text, status, type, errorClass) => {
    const error = await rejection(clientFor(mock).messages.stream(ask(text)).finalMessage());
    expect(error).toBeInstanceOf(errorClass);
    const apiError = error as APIError;
    expect(apiError.status).toBe(status);
    expect(apiError.type).toBe(type);
    expect(apiError.requestID).toMatch(/^req_/);
    expect(apiError.error).toMatchObject({
      type: 'error',
      error: { type },
      request_id: apiError.requestID,
    });
  });

  it('names the exhausted bucket and says when to retry', async () => {
    const before = Date.now();
    const error = (await rejection(
      clientFor(mock).messages.create(ask('::mock rate-limit retry-after=7 limit=output-tokens')),
    )) as RateLimitError;
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error.headers.get('anthropic-ratelimit-output-tokens-remaining')).toBe('0');
    expect(error.headers.get('anthropic-ratelimit-tokens-remaining')).toBe('0');
    expect(error.headers.get('anthropic-ratelimit-requests-remaining')).not.toBe('0');
    const reset = Date.parse(error.headers.get('anthropic-ratelimit-output-tokens-reset') ?? '');
    expect(reset - before).toBeGreaterThanOrEqual(6000);
    expect(reset - before).toBeLessThanOrEqual(9000);
  });

  it("retry-after=none leaves the header out; the bucket's reset alone says when", async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const pinned = await startMockAnthropic({ clock: () => now });
    try {
      const error = (await rejection(
        clientFor(pinned).messages.create(
          ask('::mock rate-limit retry-after=none reset=12 limit=input-tokens'),
        ),
      )) as RateLimitError;
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.headers.get('retry-after')).toBeNull();
      expect(error.headers.get('retry-after-ms')).toBeNull();
      expect(error.headers.get('anthropic-ratelimit-input-tokens-remaining')).toBe('0');
      expect(error.headers.get('anthropic-ratelimit-input-tokens-reset')).toBe(
        '2026-11-22T10:00:12Z',
      );
      expect(error.headers.get('anthropic-ratelimit-tokens-reset')).toBe('2026-11-22T10:00:12Z');
    } finally {
      await pinned.close();
    }
  });

  it('reports a spend cap by error code, without retry-after', async () => {
    const error = (await rejection(
      clientFor(mock).messages.create(ask('::mock spend-cap')),
    )) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.errorCode).toBe('enforced_spend_limit_reached');
    expect(error.error).toMatchObject({
      error: { details: { error_code: 'enforced_spend_limit_reached' } },
    });
    expect(error.headers.get('retry-after')).toBeNull();
  });
});

describe('K failures then success', () => {
  it('lets the SDK retry a rate limit through to an answer, counting attempts', async () => {
    const text = 'retry me ::mock rate-limit times=2 retry-after=0.05';
    const message = await clientFor(mock, { maxRetries: 2 })
      .messages.stream(ask(text))
      .finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect(mock.attempts(text)).toBe(3);
  });

  it('counts per last-user-message text and resets on demand', async () => {
    const client = clientFor(mock);
    const text = '::mock server-error times=1 status=503';
    await expect(client.messages.create(ask(text))).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(client.messages.create(ask(text))).resolves.toMatchObject({ type: 'message' });
    await expect(client.messages.create(ask(`other ${text}`))).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    mock.reset();
    expect(mock.attempts(text)).toBe(0);
    await expect(client.messages.create(ask(text))).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('answers after K overloaded responses', async () => {
    const client = clientFor(mock);
    const text = '::mock overloaded times=2';
    await expect(client.messages.create(ask(text))).rejects.toBeInstanceOf(OverloadedError);
    await expect(client.messages.create(ask(text))).rejects.toBeInstanceOf(OverloadedError);
    await expect(client.messages.create(ask(text))).resolves.toMatchObject({
      stop_reason: 'end_turn',
    });
  });
});

describe('failures after the stream has started', () => {
  it('surfaces a mid-stream error event as APIError without status, and is not retried', async () => {
    const text = '::mock mid-stream-error after=3';
    const stream = clientFor(mock, { maxRetries: 2 }).messages.stream(ask(text));
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).type).toBe('overloaded_error');
    expect(deltas).toHaveLength(3);
    expect(mock.attempts(text)).toBe(1);
  });

  it('rejects when the connection drops before message_stop', async () => {
    const stream = clientFor(mock).messages.stream(ask('::mock drop after=4'));
    let deltas = 0;
    stream.on('text', () => (deltas += 1));
    expect(await rejection(stream.finalMessage())).toBeInstanceOf(Error);
    expect(deltas).toBe(4);
  });

  it('stalls for the given time and then finishes normally', async () => {
    const stream = clientFor(mock).messages.stream(ask('::mock stall after=2 seconds=0.3'));
    const times: number[] = [];
    stream.on('text', () => times.push(Date.now()));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it('ends a stall at once when the server closes', async () => {
    const own = await startMockAnthropic();
    const stream = clientFor(own).messages.stream(ask('::mock stall after=2 seconds=60'));
    let deltas = 0;
    stream.on('text', () => (deltas += 1));
    const outcome = rejection(stream.finalMessage());
    await expect.poll(() => deltas).toBe(2);
    const started = Date.now();
    await own.close();
    expect(await outcome).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(own.inFlight()).toBe(0);
  });

  it('fails the same scenarios before the answer when not streaming', async () => {
    const client = clientFor(mock);
    await expect(client.messages.create(ask('::mock mid-stream-error'))).rejects.toBeInstanceOf(
      OverloadedError,
    );
    await expect(client.messages.create(ask('::mock drop'))).rejects.toBeInstanceOf(
      APIConnectionError,
    );
  });
});
