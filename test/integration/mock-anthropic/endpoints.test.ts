import { AuthenticationError, BadRequestError, NotFoundError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../mock-anthropic/server';
import type { MockAnthropic } from '../../mock-anthropic/server';
import { ask, clientFor, MODEL, rawPost, rejection } from './helpers';

let mock: MockAnthropic;
beforeAll(async () => {
  mock = await startMockAnthropic();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'];

describe('headers', () => {
  it('answers the reachability probe', async () => {
    const res = await fetch(`${mock.url}/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sends a request id and plausible rate-limit headers on every answer', async () => {
    const client = clientFor(mock);
    await client.messages.create(ask('first'));
    const { response } = await client.messages.create(ask('second')).withResponse();
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    for (const bucket of BUCKETS) {
      const limit = Number(response.headers.get(`anthropic-ratelimit-${bucket}-limit`));
      const remaining = Number(response.headers.get(`anthropic-ratelimit-${bucket}-remaining`));
      const reset = response.headers.get(`anthropic-ratelimit-${bucket}-reset`) ?? '';
      expect(limit).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(limit);
      expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      if (bucket !== 'requests') expect(remaining % 1000).toBe(0);
    }
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('3998');
  });

  it('records what the SDK sent', async () => {
    await clientFor(mock).messages.create(ask('recorded'));
    const [request] = mock.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/messages' });
    expect(request?.headers['authorization']).toBe('Bearer sk-ant-test-key');
    expect(request?.headers['anthropic-version']).toBe('2026-10-21');
    expect(request?.body).toMatchObject({ model: MODEL, max_tokens: 1024 });
  });
});

describe('models', () => {
  it('lists models with cursor pagination', async () => {
    const client = clientFor(mock);
    const all = [];
    for await (const model of client.models.list({ limit: 2 })) all.push(model);
    expect(all.map((m) => m.id)).toEqual(
      expect.arrayContaining(['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5']),
    );
    expect(all.filter((m) => m.lifecycle === 'deprecated').map((m) => m.id)).toEqual([
      'claude-sonnet-4-5',
    ]);
    expect(Number.isNaN(Date.parse(all[0]?.created_at ?? ''))).toBe(false);

    const first = await client.models.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const second = await client.models.list({ limit: 2, after_id: first.last_id ?? '' });
    expect(second.data[0]?.id).toBe(all[2]?.id);
    const back = await client.models.list({ limit: 2, before_id: second.first_id ?? '' });
    expect(back.data.map((m) => m.id)).toEqual(first.data.map((m) => m.id));
    expect(back.has_more).toBe(false);
  });

  it('still lists a retired model, but answers a message to it with 404', async () => {
    const client = clientFor(mock);
    await expect(client.models.retrieve('claude-3-5-sonnet-20241022')).resolves.toMatchObject({
      lifecycle: 'retired',
      retires_at: '2025-10-22T00:00:00Z',
    });
    const error = await rejection(
      client.messages.create(ask('hello', { model: 'claude-3-5-sonnet-20241022' })),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('claude-3-5-sonnet-20241022');
  });

  it('retrieves one model, and 404s an unknown one', async () => {
    const client = clientFor(mock);
    await expect(client.models.retrieve('claude-haiku-4-5')).resolves.toMatchObject({
      type: 'model',
      max_input_tokens: 200_000,
      lifecycle: 'active',
    });
    const error = await rejection(client.models.retrieve('claude-nonexistent-9'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).type).toBe('not_found_error');
  });
});

describe('count_tokens', () => {
  it('counts input tokens exactly as the answer will report them', async () => {
    const client = clientFor(mock);
    const params = ask('How many tokens is this sentence, roughly speaking?', {
      system: 'Be brief.',
    });
    const counted = await client.messages.countTokens({
      model: params.model,
      messages: params.messages,
      system: 'Be brief.',
    });
    const message = await client.messages.create(params);
    expect(counted.input_tokens).toBeGreaterThan(10);
    expect(message.usage.input_tokens).toBe(counted.input_tokens);
  });
});

describe('validation and auth', () => {
  it('rejects sampling parameters under 2026-10-21 but not under 2023-06-01', async () => {
    // SDK 1.12's types no longer offer `temperature`; an app could still send it untyped.
    const warm = { ...ask('warm'), temperature: 0.5 };
    const error = await rejection(clientFor(mock).messages.create(warm));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).type).toBe('invalid_request_error');
    const old = await rawPost(mock, '/v1/messages', { ...ask('warm'), temperature: 0.5 });
    expect(old.status).toBe(200);
  });

  it('401s a key containing "invalid" and a missing key, with the exact error body', async () => {
    const error = await rejection(
      clientFor(mock, { apiKey: 'sk-invalid-key' }).messages.create(ask('hi')),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    const res = await rawPost(mock, '/v1/messages', ask('hi'), { 'x-api-key': '' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
      request_id: res.headers.get('request-id'),
    });
  });

  it.each([
    ['no max_tokens', { model: MODEL, messages: [{ role: 'user', content: 'x' }] }],
    ['no messages', { model: MODEL, max_tokens: 10, messages: [] }],
    ['no model', { max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }],
    ['bad thinking budget', { ...ask('x'), thinking: { type: 'enabled', budget_tokens: 100 } }],
    ['unknown scenario', ask('::mock nonsense')],
    ['malformed key', ask('::mock overloaded times=lots')],
    ['invalid JSON', '{"model":'],
  ])('400s %s', async (_name, body) => {
    const res = await rawPost(mock, '/v1/messages', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('400s an unknown API version and 404s an unknown path', async () => {
    expect(
      (await rawPost(mock, '/v1/messages', ask('x'), { 'anthropic-version': '1999-01-01' })).status,
    ).toBe(400);
    expect((await rawPost(mock, '/v1/nothing', {})).status).toBe(404);
  });

  it('413s a body over the size limit', async () => {
    const small = await startMockAnthropic({ maxRequestBytes: 1000 });
    const res = await rawPost(small, '/v1/messages', ask('x'.repeat(2000)));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { type: 'request_too_large' } });
    await small.close();
  });
});
