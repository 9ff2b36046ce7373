import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/shared/ipc';
import {
  activeAnswer,
  addAttempt,
  addTurn,
  answerOptions,
  answerText,
  applyChatEvent,
  emptyConversation,
  isBusy,
  newAnswer,
  type Answer,
  type Conversation,
} from '../../../src/renderer/src/chat/conversation';

const MODEL = 'claude-test';

function withTurn(
  id: string,
  text: string,
  requestId: string,
  base: Conversation = emptyConversation,
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

  it('a new attempt joins the same turn; the question is not repeated', () => {
    let c = withTurn('t1', 'hi', 'req-00001');
    c = apply(c, {
      type: 'error',
      requestId: 'req-00001',
      error: { kind: 'overloaded', message: 'busy', retryable: true },
      partial: false,
    });
    c = addAttempt(c, 't1', { ...newAnswer('req-00002', MODEL), attempt: 2 });
    expect(c.turns).toHaveLength(1);
    expect(c.turns[0]?.answers.map((a) => a.requestId)).toEqual(['req-00001', 'req-00002']);
    expect(addAttempt(c, 'no-such-turn', newAnswer('req-00003', MODEL))).toBe(c);
  });

  it('counts an answer written by a stream this window lost as busy, but not active', () => {
    const unfinished: Answer = { ...newAnswer('x', MODEL), requestId: null, status: 'unfinished' };
    const c = addTurn(emptyConversation, { id: 't1', userText: 'hi', answers: [unfinished] });
    expect(isBusy(c)).toBe(true);
    expect(activeAnswer(c)).toBeUndefined();
  });
});

describe('answerOptions', () => {
  const base = newAnswer('req-00001', MODEL);
  const withText: Answer = { ...base, chunks: ['partial'] };

  it('offers Retry and Continue on a partial failed, interrupted or stopped answer', () => {
    for (const status of ['error', 'interrupted', 'stopped'] as const) {
      expect(answerOptions({ ...withText, status })).toEqual({ retry: true, continue: true });
    }
  });

  it('offers only Retry when nothing arrived, and nothing on a finished answer', () => {
    expect(answerOptions({ ...base, status: 'error' })).toEqual({ retry: true, continue: false });
    expect(answerOptions({ ...base, chunks: ['  '], status: 'interrupted' })).toEqual({
      retry: true,
      continue: false,
    });
    expect(answerOptions({ ...withText, status: 'done' })).toEqual({
      retry: false,
      continue: false,
    });
    expect(answerOptions({ ...withText, status: 'streaming' })).toEqual({
      retry: false,
      continue: false,
    });
  });
});
