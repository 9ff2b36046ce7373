import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import {
  createEngineHarness,
  deltasText,
  last,
  mock,
  useEngineMock,
  type EngineHarness,
} from '../../support/engine-harness';

let h: EngineHarness;
useEngineMock();

/** What an independent consumer (the SDK alone) reads for the same prompt. */
async function referenceText(prompt: string): Promise<string> {
  const client = new Anthropic({ apiKey: 'sk-ant-reference', baseURL: mock.url, maxRetries: 0 });
  const message = await client.messages
    .stream({
      model: 'claude-sonnet-5-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: prompt }],
    })
    .finalMessage();
  mock.reset();
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

describe('chat engine against the mock API over real HTTP', () => {
  it('streams a clean answer: started, coalesced deltas with every character, done with usage', async () => {
    const prompt = 'Tell me about tide pools and the creatures that live in them.';
    const expected = await referenceText(prompt);
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask(prompt);
    expect(events[0]).toMatchObject({ type: 'started', model: 'claude-sonnet-5-5' });
    expect(events[0]?.type === 'started' && events[0].apiRequestId).toMatch(/^req_/);
    expect(deltasText(events)).toBe(expected);
    expect(last(events)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    const done = last(events);
    if (done?.type === 'done') expect(done.usage.outputTokens).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'error' || e.type === 'retrying')).toBe(false);
  });

  it('ignores ping and unknown stream events: the answer is exactly the text deltas', async () => {
    const prompt = '::mock long tokens=400';
    const expected = await referenceText(prompt);
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask(prompt);
    const [sse] = mock.requests;
    expect(sse?.path).toBe('/v1/messages');
    // The stream the engine read really had both, amid the text: at least two pings and an
    // event type no client knows, inside the answer's first block, before its last delta.
    const sent = sse?.sentEvents ?? [];
    expect(sent.filter((name) => name === 'ping').length).toBeGreaterThanOrEqual(2);
    const unknown = sent.indexOf('future_event');
    expect(unknown).toBeGreaterThan(sent.indexOf('content_block_start'));
    expect(unknown).toBeLessThan(sent.lastIndexOf('content_block_delta'));
    expect(last(events)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    // What the SDK alone reads, character for character: nothing stray where they came.
    expect(deltasText(events)).toBe(expected);
  });

  it("shows only the answer's text: a thinking block's words never reach the window", async () => {
    const prompt = '::mock thinking';
    const expected = await referenceText(prompt);
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask(prompt);
    expect(mock.requests[0]?.sentEvents).toContain('content_block_delta');
    expect(deltasText(events)).toBe(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(last(events)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
  });

  it('coalesces a fast stream into far fewer IPC deltas than SSE deltas, losing nothing', async () => {
    const prompt = '::mock long tokens=3000';
    const expected = await referenceText(prompt);
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask(prompt);
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltasText(events)).toBe(expected);
    expect(deltas.length).toBeLessThan(3000 / 4);
  });

  it('sends the text it holds back at once when asked (a reloaded window resumes), losing and doubling nothing', async () => {
    const prompt = '::mock long tokens=1500 rate=1500';
    const expected = await referenceText(prompt);
    // Held back far longer than the answer takes: only a flush sends text before the end.
    h = createEngineHarness({ baseURL: mock.url, coalesceMs: 60_000 });
    const requestId = 'req_flush_deltas';
    const answered = h.ask(prompt, requestId);
    await expect
      .poll(
        () => {
          h.engine.flushDeltas();
          return h.textOf(requestId).length;
        },
        { timeout: 5000 },
      )
      .toBeGreaterThan(0);
    const flushed = h.textOf(requestId);
    await answered;
    // Sent mid-answer, and the rest after it.
    expect(flushed.length).toBeLessThan(expected.length);
    expect(h.textOf(requestId)).toBe(expected);
  });

  it('updates the rate-limit state from the headers of a successful response', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    await h.ask('hello');
    expect(h.snapshots.length).toBeGreaterThan(0);
    const s = h.snapshots.at(-1);
    expect(s?.buckets.requests?.limit).toBeGreaterThan(0);
    expect(s?.exhausted).toBeUndefined();
  });

  it('cancel mid-stream stops the request, keeps what arrived and closes the connection', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const requestId = 'req_cancel_mid_stream';
    h.engine.start({
      requestId,
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: '::mock long tokens=2000 delay-ms=20' }],
    });
    await expect.poll(() => h.textOf(requestId).length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(h.engine.cancel(requestId)).toBe(true);
    await h.engine.settled(requestId);
    const mine = h.events.filter((e) => e.requestId === requestId);
    expect(last(mine)).toEqual({ type: 'stopped', requestId, partial: true });
    expect(mine.some((e) => e.type === 'done' || e.type === 'error')).toBe(false);
    await expect.poll(() => mock.inFlight(), { timeout: 3000 }).toBe(0);
  });

  it('529 then success: one visible overloaded retry with backoff', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask('::mock overloaded times=1');
    expect(events.filter((e) => e.type === 'retrying')).toMatchObject([
      { reason: 'overloaded', attempt: 2, status: 529 },
    ]);
    expect(h.waits[0]).toBeGreaterThanOrEqual(750);
    expect(h.waits[0]).toBeLessThanOrEqual(1000);
    expect(last(events)?.type).toBe('done');
  });

  it('500 then success, with growing backoff between retries', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask('::mock server-error times=2 status=500');
    expect(events.filter((e) => e.type === 'retrying')).toMatchObject([
      { reason: 'server-error', status: 500 },
      { reason: 'server-error', attempt: 3 },
    ]);
    expect(h.waits[1]).toBeGreaterThan(h.waits[0] ?? Infinity);
    expect(last(events)?.type).toBe('done');
  });

  it('a connection dropped before any text is retried', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask('::mock drop after=0 times=1');
    expect(events.filter((e) => e.type === 'retrying')).toMatchObject([{ reason: 'connection' }]);
    expect(last(events)?.type).toBe('done');
  });

  it('401 is not retried and asks for a new key', async () => {
    h = createEngineHarness({ baseURL: mock.url, apiKey: 'sk-ant-invalid-key' });
    const events = await h.ask('hello');
    expect(events.some((e) => e.type === 'retrying')).toBe(false);
    expect(last(events)).toMatchObject({
      type: 'error',
      error: { kind: 'auth', status: 401, retryable: false },
    });
    const err = last(events);
    if (err?.type === 'error') expect(err.error.message).toMatch(/key/i);
  });

  it.each([
    [400, 'bad-request', /couldn't accept this request/],
    [403, 'permission', /isn't allowed/],
    [
      404,
      'not-found',
      /The model "claude-[\w.-]+" isn't available to this key. Pick another model./,
    ],
    [413, 'too-large', /too large to send/],
  ])('%i is not retried, and says what to do', async (status, kind, message) => {
    h = createEngineHarness({ baseURL: mock.url });
    const events = await h.ask(`hello ::mock error status=${status}`);
    expect(events.some((e) => e.type === 'retrying')).toBe(false);
    expect(mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
    expect(last(events)).toMatchObject({
      type: 'error',
      error: { kind, status, retryable: false },
    });
    const err = last(events);
    if (err?.type === 'error') expect(err.error.message).toMatch(message);
  });

  it('a mid-stream error event after some text is not retried; the partial answer is kept', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const prompt = '::mock mid-stream-error after=5';
    const events = await h.ask(prompt);
    expect(deltasText(events).length).toBeGreaterThan(0);
    expect(last(events)).toMatchObject({
      type: 'error',
      partial: true,
      error: { kind: 'stream-interrupted', partial: true, retryable: true },
    });
    const err = last(events);
    if (err?.type === 'error') expect(err.error.message).toMatch(/cut off.*overloaded.*kept/i);
    expect(mock.attempts(prompt)).toBe(1);
  });

  it('a connection dropped after some text ends as a partial answer, not a silent resend', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    const prompt = '::mock drop after=4';
    const events = await h.ask(prompt);
    expect(deltasText(events).length).toBeGreaterThan(0);
    expect(last(events)).toMatchObject({
      type: 'error',
      partial: true,
      error: { kind: 'stream-interrupted' },
    });
    const err = last(events);
    if (err?.type === 'error')
      expect(err.error.message).toMatch(/cut off: the connection .* was lost/i);
    expect(h.connectivity.state().online).toBe(true);
    expect(mock.attempts(prompt)).toBe(1);
  });

  it('a stall after the headers trips the watchdog and keeps the partial text', async () => {
    h = createEngineHarness({ baseURL: mock.url, stallTimeoutMs: 400 });
    const started = Date.now();
    const events = await h.ask('::mock stall after=3 seconds=20');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(deltasText(events).length).toBeGreaterThan(0);
    expect(last(events)).toMatchObject({
      type: 'error',
      partial: true,
      error: { kind: 'stalled' },
    });
  });

  it('a slow answer that never pauses as long as the stall timeout is not called stalled', async () => {
    // Each delta 120 ms after the last, for well over the 400 ms timeout in all.
    h = createEngineHarness({ baseURL: mock.url, stallTimeoutMs: 400 });
    const started = Date.now();
    const events = await h.ask(
      'The slow steady answer arrives word by word\n::mock echo delay-ms=120',
    );
    expect(Date.now() - started).toBeGreaterThan(800);
    expect(last(events)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    expect(deltasText(events)).toContain('word by word');
  });

  it('cancel interrupts a retry wait', async () => {
    h = createEngineHarness({ baseURL: mock.url, holdWaits: true });
    const requestId = 'req_cancel_during_wait';
    h.engine.start({
      requestId,
      model: 'claude-sonnet-5-5',
      messages: [
        { role: 'user', content: '::mock rate-limit times=3 retry-after=30 limit=requests' },
      ],
    });
    await expect.poll(() => h.waits.length, { timeout: 5000 }).toBe(1);
    h.engine.cancel(requestId);
    await h.engine.settled(requestId);
    expect(last(h.events)).toEqual({ type: 'stopped', requestId, partial: false });
  });

  it('"Retry now" ends the wait early and the request goes on', async () => {
    h = createEngineHarness({ baseURL: mock.url, holdWaits: true });
    const requestId = 'req_retry_now_wakes';
    h.engine.start({
      requestId,
      model: 'claude-sonnet-5-5',
      messages: [
        { role: 'user', content: '::mock rate-limit times=1 retry-after=30 limit=requests' },
      ],
    });
    await expect.poll(() => h.waits.length, { timeout: 5000 }).toBe(1);
    expect(h.engine.retryNow(requestId)).toBe(true);
    await h.engine.settled(requestId);
    expect(last(h.events)?.type).toBe('done');
  });
});
