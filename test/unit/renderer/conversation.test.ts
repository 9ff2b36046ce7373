import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/shared/ipc';
import {
  activeAnswer,
  addTurn,
  answerText,
  applyChatEvent,
  emptyConversation,
  newAnswer,
  retryTurn,
  type Conversation,
} from '../../../src/renderer/src/chat/conversation';
import { messagesFor } from '../../../src/renderer/src/chat/history';

const MODEL = 'claude-test';

function withTurn(
  id: string,
  text: string,
  requestId: string,
  base = emptyConversation,
): Conversation {
  return addTurn(base, { id, userText: text, answers: [newAnswer(requestId, MODEL)] });
}

function apply(conversation: Conversation, ...events: ChatEvent[]): Conversation {
  return events.reduce(applyChatEvent, conversation);
}

const usage = { inputTokens: 1, outputTokens: 1 };

describe('conversation state', () => {
  it('streams deltas into the answer they belong to and finishes it', () => {
    let c = withTurn('t1', 'hi', 'req-00001');
    c = apply(
      c,
      { type: 'started', requestId: 'req-00001', model: MODEL, apiRequestId: null },
      { type: 'delta', requestId: 'req-00001', text: 'Hel' },
      { type: 'delta', requestId: 'req-00001', text: 'lo' },
    );
    const answer = c.turns[0]?.answers[0];
    expect(answer?.status).toBe('streaming');
    expect(answer && answerText(answer)).toBe('Hello');
    expect(activeAnswer(c)).toBe(answer);
    c = apply(c, {
      type: 'done',
      requestId: 'req-00001',
      stopReason: 'end_turn',
      usage,
      apiRequestId: null,
    });
    expect(c.turns[0]?.answers[0]?.status).toBe('done');
    expect(activeAnswer(c)).toBeUndefined();
  });

  it('keeps other turns identical while one answer streams (so React can skip them)', () => {
    let c = withTurn('t1', 'one', 'req-00001');
    c = apply(c, {
      type: 'done',
      requestId: 'req-00001',
      stopReason: 'end_turn',
      usage,
      apiRequestId: null,
    });
    c = withTurn('t2', 'two', 'req-00002', c);
    const first = c.turns[0];
    const next = apply(c, { type: 'delta', requestId: 'req-00002', text: 'x' });
    expect(next.turns[0]).toBe(first);
    expect(next.turns[1]).not.toBe(c.turns[1]);
  });

  it('ignores events for unknown requests and late events after the end', () => {
    let c = withTurn('t1', 'hi', 'req-00001');
    expect(apply(c, { type: 'delta', requestId: 'nope-0000', text: 'x' })).toBe(c);
    c = apply(c, { type: 'stopped', requestId: 'req-00001', partial: false });
    const after = apply(c, {
      type: 'retrying',
      requestId: 'req-00001',
      attempt: 2,
      maxAttempts: 5,
      waitMs: 1,
      retryAt: new Date().toISOString(),
      reason: 'overloaded',
      bucket: null,
      status: 529,
    });
    expect(after).toBe(c);
  });

  it('records retry details and clears them when text arrives', () => {
    let c = withTurn('t1', 'hi', 'req-00001');
    c = apply(c, {
      type: 'retrying',
      requestId: 'req-00001',
      attempt: 2,
      maxAttempts: 5,
      waitMs: 3000,
      retryAt: '2030-01-01T00:00:03.000Z',
      reason: 'rate-limit',
      bucket: 'input-tokens',
      status: 429,
    });
    expect(c.turns[0]?.answers[0]?.retry).toMatchObject({
      reason: 'rate-limit',
      bucket: 'input-tokens',
    });
    c = apply(c, { type: 'delta', requestId: 'req-00001', text: 'ok' });
    expect(c.turns[0]?.answers[0]?.retry).toBeNull();
  });

  it('a retry keeps a partial answer (superseded) and drops an empty failed one', () => {
    const error = { kind: 'stream-interrupted' as const, message: 'cut', retryable: true };
    let c = withTurn('t1', 'hi', 'req-00001');
    c = apply(
      c,
      { type: 'delta', requestId: 'req-00001', text: 'part' },
      { type: 'error', requestId: 'req-00001', error, partial: true },
    );
    c = retryTurn(c, 't1', newAnswer('req-00002', MODEL));
    expect(c.turns[0]?.answers.map((a) => [a.requestId, a.superseded])).toEqual([
      ['req-00001', true],
      ['req-00002', false],
    ]);
    c = apply(c, { type: 'error', requestId: 'req-00002', error, partial: false });
    c = retryTurn(c, 't1', newAnswer('req-00003', MODEL));
    expect(c.turns[0]?.answers.map((a) => a.requestId)).toEqual(['req-00001', 'req-00003']);
  });
});

describe('messagesFor', () => {
  it('sends completed turns and the new question, never a failed or repeated one', () => {
    const error = { kind: 'overloaded' as const, message: 'busy', retryable: true };
    let c = withTurn('t1', 'first', 'req-00001');
    c = apply(
      c,
      { type: 'delta', requestId: 'req-00001', text: 'answer one' },
      { type: 'done', requestId: 'req-00001', stopReason: 'end_turn', usage, apiRequestId: null },
    );
    c = withTurn('t2', 'failed question', 'req-00002', c);
    c = apply(c, { type: 'error', requestId: 'req-00002', error, partial: false });
    c = withTurn('t3', 'stopped question', 'req-00003', c);
    c = apply(
      c,
      { type: 'delta', requestId: 'req-00003', text: 'half' },
      { type: 'stopped', requestId: 'req-00003', partial: true },
    );
    c = withTurn('t4', 'now', 'req-00004', c);
    expect(messagesFor(c, 't4')).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer one' },
      { role: 'user', content: 'stopped question' },
      { role: 'assistant', content: 'half' },
      { role: 'user', content: 'now' },
    ]);
    // Retrying turn 2 sends only what came before it, plus its own question once.
    expect(messagesFor(c, 't2')).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer one' },
      { role: 'user', content: 'failed question' },
    ]);
  });
});
