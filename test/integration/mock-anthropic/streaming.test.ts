import { APIUserAbortError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../mock-anthropic/server';
import type { MockAnthropic } from '../../mock-anthropic/server';
import { ask, clientFor, rawPost, rejection, textOf } from './helpers';

let mock: MockAnthropic;
beforeAll(async () => {
  mock = await startMockAnthropic();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('streams the real SDK accepts', () => {
  it('streams the default answer as many small deltas with usage', async () => {
    const stream = clientFor(mock).messages.stream(ask('Please summarise the plan for Tuesday'));
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(15);
    expect(textOf(message)).toBe(deltas.join(''));
    expect(textOf(message)).toContain('## Echo');
    expect(textOf(message)).toContain('Please summarise the plan for Tuesday');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(deltas.length);
    expect(stream.request_id).toMatch(/^req_/);
  });

  it('answers deterministically, the same with and without a stream', async () => {
    const client = clientFor(mock);
    const json = await client.messages.create(ask('Same words twice'));
    const streamed = await client.messages.stream(ask('Same words twice')).finalMessage();
    expect(textOf(json)).toBe(textOf(streamed));
    expect(json.usage.output_tokens).toBe(streamed.usage.output_tokens);
  });

  it('frames every event with an event line, with pings and an unknown event type', async () => {
    const res = await rawPost(mock, '/v1/messages', { ...ask('raw framing'), stream: true });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await res.text()).trim().split('\n\n');
    const names = frames.map((frame) => /^event: (.+)$/m.exec(frame)?.[1]);
    expect(names.every((name) => name !== undefined)).toBe(true);
    expect(names[0]).toBe('message_start');
    expect(names.at(-1)).toBe('message_stop');
    expect(names.at(-2)).toBe('message_delta');
    expect(names).toContain('ping');
    expect(names).toContain('future_event');
    // The request's record lists exactly what went over the wire.
    expect(mock.requests.at(-1)?.sentEvents).toEqual(names);
  });

  it('puts a signed thinking block before the text', async () => {
    const stream = clientFor(mock).messages.stream(ask('Think first ::mock thinking'));
    const thoughts: string[] = [];
    stream.on('thinking', (delta) => thoughts.push(delta));
    const message = await stream.finalMessage();
    const [thinking, text] = message.content;
    expect(thinking?.type).toBe('thinking');
    expect(text?.type).toBe('text');
    if (thinking?.type !== 'thinking') throw new Error('no thinking block');
    expect(thinking.thinking).toBe(thoughts.join(''));
    expect(thinking.signature.length).toBeGreaterThan(20);
  });

  it('streams a long mixed-markdown answer of exactly N tokens', async () => {
    const message = await clientFor(mock)
      .messages.stream(ask('::mock long tokens=6000', { max_tokens: 8000 }))
      .finalMessage();
    const text = textOf(message);
    expect(message.usage.output_tokens).toBe(6000);
    expect(text.match(/^```\w+$/gm)?.length ?? 0).toBeGreaterThanOrEqual(30);
    expect(text).toMatch(/^## /m);
    expect(text).toMatch(/^- /m);
    expect(text).toMatch(/^\| --- /m);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('paces a long answer at the requested token rate', async () => {
    const started = Date.now();
    const message = await clientFor(mock)
      .messages.stream(ask('::mock long tokens=40 rate=200'))
      .finalMessage();
    expect(message.usage.output_tokens).toBe(40);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('stops at max_tokens, for the scenario and for a small max_tokens', async () => {
    const client = clientFor(mock);
    const forced = await client.messages.stream(ask('cut me ::mock max-tokens')).finalMessage();
    expect(forced.stop_reason).toBe('max_tokens');
    const small = await client.messages
      .stream(ask('a small budget', { max_tokens: 5 }))
      .finalMessage();
    expect(small.stop_reason).toBe('max_tokens');
    expect(small.usage.output_tokens).toBe(5);
  });

  it('stops at a stop sequence', async () => {
    const message = await clientFor(mock)
      .messages.stream(ask('find the word', { stop_sequences: ['deterministic'] }))
      .finalMessage();
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('deterministic');
    expect(textOf(message)).not.toContain('deterministic');
  });

  it('refuses with stop_details', async () => {
    const message = await clientFor(mock)
      .messages.stream(ask('::mock refusal category=cyber'))
      .finalMessage();
    expect(message.stop_reason).toBe('refusal');
    expect(message.stop_details).toMatchObject({ type: 'refusal', category: 'cyber' });
  });

  it('gives exactly chunks=N deltas, spaced by delay-ms, and lets the client abort', async () => {
    const counted = clientFor(mock).messages.stream(ask('::mock echo chunks=7'));
    let deltas = 0;
    counted.on('text', () => (deltas += 1));
    await counted.finalMessage();
    expect(deltas).toBe(7);

    const slow = clientFor(mock).messages.stream(ask('::mock echo chunks=50 delay-ms=40'));
    let seen = 0;
    slow.on('text', () => {
      seen += 1;
      if (seen === 3) slow.abort();
    });
    expect(await rejection(slow.finalMessage())).toBeInstanceOf(APIUserAbortError);
    await expect.poll(() => mock.inFlight()).toBe(0);
  });

  it('sends each delta of a paced stream when it is due, not with the next batch', async () => {
    // Events are joined into one write per turn of the event loop; a paced stream waits between
    // deltas, so each must still leave (and arrive) on its own.
    const stream = clientFor(mock).messages.stream(ask('::mock echo chunks=6 delay-ms=60'));
    const arrivals: number[] = [];
    stream.on('text', () => arrivals.push(Date.now()));
    await stream.finalMessage();
    expect(arrivals).toHaveLength(6);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
  });

  it('sends verbatim text back exactly, split into deltas of the requested size', async () => {
    const payload = '<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) é ✓';
    const stream = clientFor(mock).messages.stream(ask(`::mock verbatim chunk=1\n${payload}`));
    const deltas: string[] = [];
    stream.on('text', (t) => deltas.push(t));
    const message = await stream.finalMessage();
    expect(textOf(message)).toBe(payload);
    expect(deltas).toHaveLength(payload.length);
    expect(deltas.join('')).toBe(payload);
    expect(deltas.every((d) => d.length === 1)).toBe(true);
  });
});
