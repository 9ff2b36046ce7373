import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { createStreamTally } from '../../../src/main/services/stream-tally';
import { mock, useEngineMock } from '../../support/engine-harness';

useEngineMock();

function client(): Anthropic {
  return new Anthropic({ apiKey: 'sk-ant-tally', baseURL: mock.url, maxRetries: 0 });
}

/** The raw events of the mock's answer to `prompt`, as the SDK parses them off the wire. */
async function recorded(prompt: string): Promise<RawMessageStreamEvent[]> {
  const stream = await client().messages.create({
    model: 'claude-sonnet-5-5',
    max_tokens: 4096,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  const events: RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  mock.reset();
  return events;
}

/** What the SDK's own MessageStream makes of the same answer: its text blocks, joined. */
async function sdkAnswer(prompt: string): Promise<Anthropic.Message> {
  const message = await client()
    .messages.stream({
      model: 'claude-sonnet-5-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: prompt }],
    })
    .finalMessage();
  mock.reset();
  return message;
}

function tallied(events: readonly RawMessageStreamEvent[]) {
  const parts: string[] = [];
  let blockStops = 0;
  const tally = createStreamTally({
    onText: (delta) => parts.push(delta),
    onBlockStop: () => (blockStops += 1),
  });
  for (const event of events) tally.take(event);
  return { text: () => parts.join(''), blockStops: () => blockStops, finish: () => tally.finish() };
}

const textOf = (message: Anthropic.Message): string =>
  message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');

describe('reading an answer from the raw stream', () => {
  it('passes on the text of text blocks only: a thinking block is not part of the answer', async () => {
    const prompt = '::mock thinking';
    const events = await recorded(prompt);
    const thought = events
      .map((e) =>
        e.type === 'content_block_delta' && e.delta.type === 'thinking_delta'
          ? e.delta.thinking
          : '',
      )
      .join('');
    // The stream really had a thinking block with words in it, before the text.
    expect(thought.length).toBeGreaterThan(20);
    const answer = tallied(events);
    expect(answer.text()).toBe(textOf(await sdkAnswer(prompt)));
    expect(answer.text()).not.toContain(thought.slice(0, 20));
    expect(answer.blockStops()).toBe(2);
    expect(answer.finish().stopReason).toBe('end_turn');
  });

  it('keeps the stop reason and the token counts the stream ended with', async () => {
    const prompt = '::mock max-tokens';
    const events = await recorded(prompt);
    const expected = await sdkAnswer(prompt);
    const answer = tallied(events);
    expect(answer.text()).toBe(textOf(expected));
    expect(answer.finish()).toEqual({
      stopReason: 'max_tokens',
      inputTokens: expected.usage.input_tokens,
      outputTokens: expected.usage.output_tokens,
    });
    expect(expected.usage.output_tokens).toBeGreaterThan(0);
  });

  it('an answer whose stream ends before the message does is cut off, not whole', async () => {
    const events = await recorded('::mock long tokens=300');
    expect(events.at(-1)?.type).toBe('message_stop');
    // All the text, then nothing: a proxy that closed the body cleanly before the end.
    expect(() => tallied(events.slice(0, -1)).finish()).toThrow(/ended before the message/);
    const firstDelta = events.findIndex((e) => e.type === 'content_block_delta');
    const early = tallied(events.slice(0, firstDelta + 3));
    expect(early.text().length).toBeGreaterThan(0);
    expect(() => early.finish()).toThrow(/ended before the message/);
    expect(() => tallied([]).finish()).toThrow(/ended before the message/);
    expect(tallied(events).finish().stopReason).toBe('end_turn');
  });

  it('refuses a stream that starts a second message', async () => {
    const events = await recorded('Hello there');
    const start = events[0];
    expect(start?.type).toBe('message_start');
    expect(() => tallied([...events.slice(0, -1), start as RawMessageStreamEvent])).toThrow(
      /second message/,
    );
  });
});
