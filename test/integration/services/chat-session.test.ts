import { describe, expect, it } from 'vitest';
import { generateTitle } from '../../../src/main/services/history/generate-title';
import { startMockAnthropic } from '../../mock-anthropic/server';
import {
  ask,
  lastMessagesBody,
  mock,
  MODEL,
  rid,
  start,
  useSessionHarness,
} from './session-harness';

useSessionHarness();

describe('chat session: history-backed sends ("nothing lost")', () => {
  it('commits the question and an empty answer before anything is sent, then completes on message_stop', async () => {
    const { s } = await start();
    const requestId = rid();
    const before = mock.requests.length;
    const sent = s.session.send({
      requestId,
      conversationId: null,
      text: 'What is a tide pool?',
      model: MODEL,
    });
    // `send` is synchronous up to the commit: nothing can have reached the network yet.
    expect(mock.requests.length).toBe(before);
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const { conversation, userMessage, assistantMessage } = sent.value;
    expect(s.history.getMessage(userMessage.id)).toMatchObject({
      role: 'user',
      text: 'What is a tide pool?',
    });
    expect(s.history.getMessage(assistantMessage.id)?.status).toBe('pending');
    await s.engine.settled(requestId);
    const answer = s.history.getMessage(assistantMessage.id);
    expect(answer).toMatchObject({ status: 'complete', stopReason: 'end_turn', model: MODEL });
    expect(answer?.text.length).toBeGreaterThan(20);
    expect(answer?.apiRequestId).toMatch(/^req_/);
    const detail = s.history.getConversation(conversation.id);
    expect(detail?.title).not.toBe('New conversation');
  });

  it('a conversation begun with a code block alone is named from its answer; a name the person gave stays', async () => {
    const { s } = await start();
    const code = '```\nconst answer = 42;\n```';
    const first = await ask(s, code);
    expect(first.conversation.title).toBe('New conversation');
    const answer = s.history.getMessage(first.assistantMessage.id)?.text ?? '';
    const named = s.history.getConversationSummary(first.conversation.id)?.title;
    expect(named).not.toBe('New conversation');
    expect(named).toBe(generateTitle(code, answer));
    // The answer's title changed its name only: the conversation keeps its place in time.
    expect(s.history.getConversationSummary(first.conversation.id)?.updatedAt).toBe(
      s.history.getMessage(first.assistantMessage.id)?.updatedAt,
    );

    // Named by the person before the answer came: that name stays.
    const requestId = rid();
    const sent = s.session.send({ requestId, conversationId: null, text: code, model: MODEL });
    if (!sent.ok) throw new Error('send failed');
    s.history.renameConversation(sent.value.conversation.id, 'My snippet');
    await s.engine.settled(requestId);
    expect(s.history.getConversationSummary(sent.value.conversation.id)?.title).toBe('My snippet');
  });

  it('when the message cannot be saved, nothing is sent and the error says the text is kept', async () => {
    const { s } = await start();
    s.history.close();
    const before = mock.requests.length;
    const result = s.session.send({
      requestId: rid(),
      conversationId: null,
      text: 'hello',
      model: MODEL,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'storage' } });
    if (!result.ok) expect(result.error.message).toMatch(/still in the box/);
    await new Promise((r) => setTimeout(r, 100));
    expect(mock.requests.length).toBe(before);
  });

  it('a message sent while the API is unreachable is already in history, and goes out when it returns', async () => {
    const spare = await startMockAnthropic();
    const port = spare.port;
    await spare.close();
    const { s, events } = await start(`http://127.0.0.1:${port}`);
    const requestId = rid();
    const sent = s.session.send({
      requestId,
      conversationId: null,
      text: 'written offline',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await expect.poll(() => events.some((e) => e.type === 'waiting-online')).toBe(true);
    expect(s.history.getMessage(sent.value.userMessage.id)?.text).toBe('written offline');
    const back = await startMockAnthropic({ port });
    try {
      await s.engine.settled(requestId);
      expect(s.history.getMessage(sent.value.assistantMessage.id)?.status).toBe('complete');
    } finally {
      await back.close();
    }
  });

  it('saves the streamed answer as it arrives, always a prefix of what arrived', async () => {
    const { s } = await start();
    const requestId = rid();
    const sent = s.session.send({
      requestId,
      conversationId: null,
      text: '::mock long tokens=600 delay-ms=2',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    const seen: string[] = [];
    const poll = setInterval(() => {
      const m = s.history.getMessage(sent.value.assistantMessage.id);
      if (m) seen.push(m.text);
    }, 20);
    await s.engine.settled(requestId);
    clearInterval(poll);
    const final = s.history.getMessage(sent.value.assistantMessage.id);
    expect(final?.status).toBe('complete');
    const partials = seen.filter((t) => t.length > 0 && t.length < (final?.text.length ?? 0));
    expect(partials.length).toBeGreaterThan(1);
    for (const text of seen) expect(final?.text.startsWith(text)).toBe(true);
  });

  it('a mid-stream error keeps the partial answer as `error`, never `complete`', async () => {
    const { s } = await start();
    const sent = await ask(s, '::mock mid-stream-error after=5');
    const answer = s.history.getMessage(sent.assistantMessage.id);
    expect(answer?.status).toBe('error');
    expect(answer?.text.length).toBeGreaterThan(0);
    expect(answer?.error).toMatchObject({ kind: 'stream-interrupted', partial: true });
  });

  it('Stop saves what arrived as `stopped`', async () => {
    const { s } = await start();
    const requestId = rid();
    const sent = s.session.send({
      requestId,
      conversationId: null,
      text: '::mock long tokens=2000 delay-ms=10',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await expect
      .poll(() => s.history.getMessage(sent.value.assistantMessage.id)?.text.length ?? 0, {
        timeout: 5000,
      })
      .toBeGreaterThan(0);
    s.engine.cancel(requestId);
    await s.engine.settled(requestId);
    expect(s.history.getMessage(sent.value.assistantMessage.id)).toMatchObject({
      status: 'stopped',
    });
  });

  it('quitting mid-answer keeps what arrived, and the next start reports it interrupted, not stopped', async () => {
    const { s, events, dataDir } = await start();
    const streaming = rid();
    const long = s.session.send({
      requestId: streaming,
      conversationId: null,
      text: 'essay ::mock long tokens=3000 rate=1500',
      model: MODEL,
    });
    if (!long.ok) throw new Error('send failed');
    const waiting = rid();
    const limited = s.session.send({
      requestId: waiting,
      conversationId: null,
      text: 'later ::mock rate-limit times=1 retry-after=60',
      model: MODEL,
    });
    if (!limited.ok) throw new Error('send failed');
    await expect
      .poll(() => events.some((e) => e.type === 'retrying' && e.requestId === waiting))
      .toBe(true);
    await expect
      .poll(() => events.some((e) => e.type === 'delta' && e.requestId === streaming))
      .toBe(true);
    await s.dispose();
    const arrived = events
      .map((e) => (e.type === 'delta' && e.requestId === streaming ? e.text : ''))
      .join('');

    const again = await start(mock.url, dataDir);
    expect(again.s.history.interruptedAtOpen).toBe(2);
    const kept = again.s.history.getMessage(long.value.assistantMessage.id);
    expect(kept?.status).toBe('interrupted');
    // Everything that arrived before the quit, none of it lost.
    expect(kept?.text.length).toBeGreaterThanOrEqual(arrived.length);
    expect(kept?.text.startsWith(arrived)).toBe(true);
    expect(again.s.history.getMessage(limited.value.assistantMessage.id)).toMatchObject({
      status: 'interrupted',
      text: '',
    });
  });

  it('regenerate adds a second attempt without a second copy of the question, keeping the first', async () => {
    const { s } = await start();
    const sent = await ask(s, '::mock mid-stream-error after=3 times=1');
    const retry = rid();
    const again = s.session.retry({
      requestId: retry,
      userMessageId: sent.userMessage.id,
      model: MODEL,
      mode: 'regenerate',
    });
    expect(again.ok).toBe(true);
    await s.engine.settled(retry);
    const detail = s.history.getConversation(sent.conversation.id);
    expect(detail?.turns).toHaveLength(1);
    expect(detail?.turns[0]?.answers.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'error'],
      [2, 'complete'],
    ]);
    const userRows = mock.requests
      .filter((r) => r.path === '/v1/messages')
      .map(
        (r) =>
          (r.body as { messages: Array<{ role: string }> }).messages.filter(
            (m) => m.role === 'user',
          ).length,
      );
    expect(userRows).toEqual([1, 1]);
  });

  it('continue sends the partial text back as the start of the answer and keeps the earlier attempt', async () => {
    const { s } = await start();
    const sent = await ask(s, '::mock drop after=4 times=1');
    const partial = s.history.getMessage(sent.assistantMessage.id)?.text ?? '';
    expect(partial.length).toBeGreaterThan(0);
    const cont = rid();
    const result = s.session.retry({
      requestId: cont,
      userMessageId: sent.userMessage.id,
      model: MODEL,
      mode: 'continue',
    });
    if (!result.ok) throw new Error('continue failed');
    expect(result.value.assistantMessage.text).toBe(partial.trimEnd());
    await s.engine.settled(cont);
    expect(lastMessagesBody().messages.at(-1)).toEqual({
      role: 'assistant',
      content: partial.trimEnd(),
    });
    const continued = s.history.getMessage(result.value.assistantMessage.id);
    expect(continued?.status).toBe('complete');
    expect(continued?.text.startsWith(partial.trimEnd())).toBe(true);
    expect(continued?.text.length).toBeGreaterThan(partial.trimEnd().length);
    expect(s.history.getMessage(sent.assistantMessage.id)?.text).toBe(partial);
  });
});
