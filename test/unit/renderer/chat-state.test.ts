import { describe, expect, it } from 'vitest';
import {
  chatReducer,
  initialChatModel,
  liveConversationIds,
  type ChatAction,
  type ChatModel,
} from '../../../src/renderer/src/chat/chat-state';
import { answerText, isBusy } from '../../../src/renderer/src/chat/conversation';
import type { LiveAnswer } from '../../../src/shared/ipc';
import type {
  ConversationDetail,
  ConversationSummary,
  StoredMessage,
} from '../../../src/shared/history';

const MODEL = 'claude-test';
const usage = { inputTokens: 1, outputTokens: 1 };

function message(over: Partial<StoredMessage> & Pick<StoredMessage, 'id'>): StoredMessage {
  return {
    conversationId: 'c1',
    role: 'assistant',
    replyTo: null,
    attempt: 1,
    content: [],
    text: '',
    status: 'pending',
    stopReason: null,
    error: null,
    usage: null,
    model: MODEL,
    apiRequestId: null,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

const summary: ConversationSummary = {
  id: 'c1',
  title: 'New conversation',
  model: MODEL,
  createdAt: 1,
  updatedAt: 1,
  pinned: false,
  archived: false,
  preview: '',
};

const user = message({ id: 'u1', role: 'user', text: 'hello', status: 'complete' });
const assistant = message({ id: 'a1', replyTo: 'u1' });

function run(state: ChatModel, ...actions: ChatAction[]): ChatModel {
  return actions.reduce(chatReducer, state);
}

function sent(requestId: string, originId: string | null = null): ChatAction {
  return {
    type: 'sent',
    requestId,
    originId,
    sent: { conversation: summary, userMessage: user, assistantMessage: assistant },
  };
}

const begin = (requestId: string, conversationId: string | null = null): ChatAction => ({
  type: 'begin',
  requestId,
  model: MODEL,
  conversationId,
  turnId: null,
});

describe('chat state', () => {
  it('shows the message once it is saved, with deltas that arrived before the reply', () => {
    let s = run(initialChatModel, begin('req-00001'));
    expect(s.open.turns).toHaveLength(0);
    s = run(s, { type: 'event', event: { type: 'delta', requestId: 'req-00001', text: 'Hi ' } });
    s = run(s, sent('req-00001'));
    expect(s.open.id).toBe('c1');
    expect(s.open.turns.map((t) => t.userText)).toEqual(['hello']);
    s = run(s, { type: 'event', event: { type: 'delta', requestId: 'req-00001', text: 'there' } });
    const answer = s.open.turns[0]?.answers[0];
    expect(answer?.id).toBe('a1');
    expect(answer && answerText(answer)).toBe('Hi there');
    expect([...liveConversationIds(s)]).toEqual(['c1']);
    s = run(s, {
      type: 'event',
      event: {
        type: 'done',
        requestId: 'req-00001',
        stopReason: 'end_turn',
        usage,
        apiRequestId: null,
      },
    });
    expect(s.open.turns[0]?.answers[0]?.status).toBe('done');
    expect(s.live.size).toBe(0);
  });

  it('forgets a request whose send failed, leaving the conversation as it was', () => {
    const s = run(initialChatModel, begin('req-00001'), {
      type: 'abandon',
      requestId: 'req-00001',
    });
    expect(s.live.size).toBe(0);
    expect(s.open).toBe(initialChatModel.open);
  });

  it('keeps streaming in the background when another conversation is opened', () => {
    let s = run(initialChatModel, begin('req-00001'), sent('req-00001'), { type: 'new' });
    s = run(s, { type: 'event', event: { type: 'delta', requestId: 'req-00001', text: 'abc' } });
    expect(s.open.turns).toHaveLength(0);
    // Coming back: the live copy wins over the stored one, which lags behind.
    const detail: ConversationDetail = {
      ...summary,
      turns: [{ user, answers: [{ ...assistant, text: 'a', status: 'streaming' }] }],
    };
    s = run(s, { type: 'loaded', detail });
    const answer = s.open.turns[0]?.answers[0];
    expect(answer && answerText(answer)).toBe('abc');
    s = run(s, { type: 'event', event: { type: 'delta', requestId: 'req-00001', text: 'd' } });
    const after = s.open.turns[0]?.answers[0];
    expect(after && answerText(after)).toBe('abcd');
  });

  it('a conversation opened with its newest turns keeps them when the rest arrives', () => {
    const turn = (n: number): ConversationDetail['turns'][number] => ({
      user: message({ id: `u${n}`, role: 'user', text: `question ${n}`, status: 'complete' }),
      answers: [
        message({ id: `a${n}`, replyTo: `u${n}`, text: `answer ${n}`, status: 'complete' }),
      ],
    });
    const all = [1, 2, 3, 4, 5].map(turn);
    let s = run(initialChatModel, {
      type: 'loaded',
      detail: { ...summary, turns: all.slice(3), earlierTurns: 3 },
    });
    expect(s.open.turns.map((t) => t.userText)).toEqual(['question 4', 'question 5']);
    expect(s.open.earlierTurns).toBe(3);
    const newest = s.open.turns;
    s = run(s, { type: 'loaded', detail: { ...summary, turns: all } });
    expect(s.open.turns.map((t) => t.userText)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `question ${n}`),
    );
    expect(s.open.earlierTurns).toBe(0);
    // The turns on screen are the same objects, so they are not drawn again.
    expect(s.open.turns.slice(3)).toEqual(newest);
    expect(s.open.turns[3]).toBe(newest[0]);
    expect(s.open.turns[4]).toBe(newest[1]);
  });

  it('a continue starts from the kept prefix and appends what streams', () => {
    const done = message({ id: 'a1', replyTo: 'u1', text: 'Once upon', status: 'interrupted' });
    const detail: ConversationDetail = { ...summary, turns: [{ user, answers: [done] }] };
    let s = run(initialChatModel, { type: 'loaded', detail });
    s = run(s, {
      type: 'begin',
      requestId: 'req-00002',
      model: MODEL,
      conversationId: 'c1',
      turnId: 'u1',
    });
    s = run(s, { type: 'event', event: { type: 'delta', requestId: 'req-00002', text: ' a' } });
    s = run(s, {
      type: 'retried',
      requestId: 'req-00002',
      assistant: message({ id: 'a2', replyTo: 'u1', attempt: 2, text: 'Once upon' }),
    });
    s = run(s, { type: 'event', event: { type: 'delta', requestId: 'req-00002', text: ' time' } });
    const turn = s.open.turns[0];
    expect(s.open.turns).toHaveLength(1);
    expect(turn?.answers.map((a) => [a.id, a.attempt])).toEqual([
      ['a1', 1],
      ['a2', 2],
    ]);
    const latest = turn?.answers[1];
    expect(latest && answerText(latest)).toBe('Once upon a time');
  });

  it('reloading keeps unchanged turns as the same objects', () => {
    const done = message({ id: 'a1', replyTo: 'u1', text: 'fine', status: 'complete' });
    const detail: ConversationDetail = { ...summary, turns: [{ user, answers: [done] }] };
    const s = run(initialChatModel, { type: 'loaded', detail });
    const again = run(s, { type: 'loaded', detail: { ...detail, title: 'Greeting' } });
    expect(again.open.title).toBe('Greeting');
    expect(again.open.turns[0]).toBe(s.open.turns[0]);
  });

  it('maps stored statuses: unfinished answers without a live stream are not in flight', () => {
    const detail: ConversationDetail = {
      ...summary,
      turns: [{ user, answers: [message({ id: 'a1', replyTo: 'u1', status: 'streaming' })] }],
    };
    const s = run(initialChatModel, { type: 'loaded', detail });
    expect(s.open.turns[0]?.answers[0]?.status).toBe('unfinished');
    expect(s.open.turns[0]?.answers[0]?.requestId).toBeNull();
  });

  describe('after a reload, the answers main still streams', () => {
    const stored: ConversationDetail = {
      ...summary,
      turns: [{ user, answers: [{ ...assistant, text: 'Tide', status: 'streaming' }] }],
    };
    const live = (over: Partial<LiveAnswer> = {}): ChatAction => ({
      type: 'resumed',
      answer: {
        requestId: 'req-00009',
        conversationId: 'c1',
        messageId: 'a1',
        questionId: 'u1',
        attempt: 1,
        model: MODEL,
        text: 'Tide pools',
        state: 'streaming',
        retry: null,
        ...over,
      },
    });
    const shown = (s: ChatModel) => s.open.turns[0]?.answers[0];
    const shownText = (s: ChatModel): string | null => {
      const answer = shown(s);
      return answer ? answerText(answer) : null;
    };

    it('are followed again in place of their stored copy, stoppable, with the deltas after them', () => {
      let s = run(initialChatModel, { type: 'loaded', detail: stored });
      expect(shown(s)?.status).toBe('unfinished');
      s = run(s, live());
      expect(shown(s)).toMatchObject({ id: 'a1', requestId: 'req-00009', status: 'streaming' });
      s = run(s, {
        type: 'event',
        event: { type: 'delta', requestId: 'req-00009', text: ' hold' },
      });
      expect(shownText(s)).toBe('Tide pools hold');
      expect(isBusy(s.open)).toBe(true);
      expect(liveConversationIds(s)).toEqual(new Set(['c1']));
      s = run(s, {
        type: 'event',
        event: {
          type: 'done',
          requestId: 'req-00009',
          stopReason: 'end_turn',
          usage,
          apiRequestId: null,
        },
      });
      expect(shown(s)?.status).toBe('done');
      expect(s.live.size).toBe(0);
    });

    it('opened later, the conversation shows the live copy, not the stored one', () => {
      let s = run(initialChatModel, live({ state: 'connecting', text: '' }));
      expect(s.open.turns).toHaveLength(0);
      expect(liveConversationIds(s)).toEqual(new Set(['c1']));
      s = run(s, {
        type: 'event',
        event: { type: 'delta', requestId: 'req-00009', text: 'Tide pools' },
      });
      s = run(s, { type: 'loaded', detail: stored });
      expect(shown(s)).toMatchObject({ requestId: 'req-00009', status: 'streaming' });
      expect(shownText(s)).toBe('Tide pools');
    });

    it('one waiting to retry shows its wait; one this window follows is left as it is', () => {
      const retrying = {
        type: 'retrying' as const,
        requestId: 'req-00009',
        attempt: 2,
        maxAttempts: 5,
        waitMs: 30_000,
        retryAt: '2026-12-07T12:00:30.000Z',
        reason: 'rate-limit' as const,
        bucket: 'output-tokens' as const,
        status: 429,
      };
      let s = run(initialChatModel, { type: 'loaded', detail: stored });
      s = run(s, live({ state: 'retrying', retry: retrying, text: '' }));
      expect(shown(s)).toMatchObject({
        status: 'retrying',
        retry: { attempt: 2, retryAt: retrying.retryAt, reason: 'rate-limit' },
      });
      const before = s;
      s = run(s, live({ text: 'Tide pools and more' }));
      expect(s).toBe(before);
    });
  });
});
