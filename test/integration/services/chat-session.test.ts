import { describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../mock-anthropic/server';
import { mock, MODEL, rid, start, useSessionHarness } from './session-harness';

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
    const requestId = rid();
    const sent = s.session.send({
      requestId,
      conversationId: null,
      text: '::mock mid-stream-error after=5',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await s.engine.settled(requestId);
    const answer = s.history.getMessage(sent.value.assistantMessage.id);
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
    const first = rid();
    const sent = s.session.send({
      requestId: first,
      conversationId: null,
      text: '::mock mid-stream-error after=3 times=1',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await s.engine.settled(first);
    const retry = rid();
    const again = s.session.retry({
      requestId: retry,
      userMessageId: sent.value.userMessage.id,
      model: MODEL,
      mode: 'regenerate',
    });
    expect(again.ok).toBe(true);
    await s.engine.settled(retry);
    const detail = s.history.getConversation(sent.value.conversation.id);
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
    const first = rid();
    const sent = s.session.send({
      requestId: first,
      conversationId: null,
      text: '::mock drop after=4 times=1',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await s.engine.settled(first);
    const partial = s.history.getMessage(sent.value.assistantMessage.id)?.text ?? '';
    expect(partial.length).toBeGreaterThan(0);
    const cont = rid();
    const result = s.session.retry({
      requestId: cont,
      userMessageId: sent.value.userMessage.id,
      model: MODEL,
      mode: 'continue',
    });
    if (!result.ok) throw new Error('continue failed');
    expect(result.value.assistantMessage.text).toBe(partial.trimEnd());
    await s.engine.settled(cont);
    const body = mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
      messages: Array<{ role: string; content: string }>;
    };
    expect(body.messages.at(-1)).toEqual({ role: 'assistant', content: partial.trimEnd() });
    const continued = s.history.getMessage(result.value.assistantMessage.id);
    expect(continued?.status).toBe('complete');
    expect(continued?.text.startsWith(partial.trimEnd())).toBe(true);
    expect(continued?.text.length).toBeGreaterThan(partial.trimEnd().length);
    expect(s.history.getMessage(sent.value.assistantMessage.id)?.text).toBe(partial);
  });

  it('a follow-up sends the whole conversation in order', async () => {
    const { s } = await start();
    const a = rid();
    const first = s.session.send({
      requestId: a,
      conversationId: null,
      text: 'first question',
      model: MODEL,
    });
    if (!first.ok) throw new Error('send failed');
    await s.engine.settled(a);
    const b = rid();
    s.session.send({
      requestId: b,
      conversationId: first.value.conversation.id,
      text: 'second question',
      model: MODEL,
    });
    await s.engine.settled(b);
    const body = mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
      messages: Array<{ role: string; content: string }>;
    };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[0]?.content).toBe('first question');
    expect(body.messages[2]?.content).toBe('second question');
  });

  it('a question Claude never answered is not sent again with the next one', async () => {
    const { s, events } = await start();
    const lastBody = () =>
      mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
        messages: Array<{ role: string; content: string }>;
      };
    const ask = async (conversationId: string | null, text: string) => {
      const requestId = rid();
      const sent = s.session.send({ requestId, conversationId, text, model: MODEL });
      if (!sent.ok) throw new Error('send failed');
      await s.engine.settled(requestId);
      return sent.value;
    };
    const first = await ask(null, 'first question');
    const id = first.conversation.id;
    // Refused as too large: not retried, and nothing of an answer.
    const refused = await ask(id, 'a huge paste ::mock error status=413');
    expect(s.history.getMessage(refused.assistantMessage.id)?.status).toBe('error');
    // Cancelled while it waited to be retried, before Claude wrote a word.
    const requestId = rid();
    const cancelled = s.session.send({
      requestId,
      conversationId: id,
      text: 'never mind this one ::mock rate-limit times=1 retry-after=60',
      model: MODEL,
    });
    if (!cancelled.ok) throw new Error('send failed');
    await expect
      .poll(() => events.some((e) => e.type === 'retrying' && e.requestId === requestId))
      .toBe(true);
    s.engine.cancel(requestId);
    await s.engine.settled(requestId);

    // The next message goes out on its own, and so the conversation is not stuck on the 413.
    const next = await ask(id, 'second question');
    expect(s.history.getMessage(next.assistantMessage.id)?.status).toBe('complete');
    const body = lastBody();
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages.map((m) => m.content)).toEqual([
      'first question',
      s.history.getMessage(first.assistantMessage.id)?.text,
      'second question',
    ]);
    // Its own Retry still sends it, after the answered turns before it.
    const again = rid();
    s.session.retry({
      requestId: again,
      userMessageId: refused.userMessage.id,
      model: MODEL,
      mode: 'regenerate',
    });
    await s.engine.settled(again);
    expect(lastBody().messages.map((m) => m.content)).toEqual([
      'first question',
      s.history.getMessage(first.assistantMessage.id)?.text,
      'a huge paste ::mock error status=413',
    ]);
  });

  it('replies in a conversation older than the newest 500 (one opened from search)', async () => {
    const { s } = await start();
    const old = s.history.createConversation({ title: 'The oldest', model: MODEL });
    for (let i = 0; i < 520; i += 1) s.history.createConversation({ title: `Newer ${i}` });
    expect(s.history.listConversations({ limit: 1000 }).some((c) => c.id === old.id)).toBe(false);
    const requestId = rid();
    const sent = s.session.send({
      requestId,
      conversationId: old.id,
      text: 'hello again',
      model: MODEL,
    });
    expect(sent).toMatchObject({
      ok: true,
      value: { conversation: { id: old.id, title: 'The oldest' } },
    });
    await s.engine.settled(requestId);
    if (sent.ok)
      expect(s.history.getMessage(sent.value.assistantMessage.id)?.status).toBe('complete');
  });

  it("asks for each model's own output limit once the model list is known, so long answers are not cut at 8,192 tokens", async () => {
    const { s } = await start();
    const sendAndReadMaxTokens = async (model: string): Promise<unknown> => {
      const id = rid();
      s.session.send({ requestId: id, conversationId: null, text: 'hello', model });
      await s.engine.settled(id);
      const body = mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
        max_tokens: unknown;
      };
      return body.max_tokens;
    };
    // Before the list was ever loaded: a limit every model accepts.
    expect(await sendAndReadMaxTokens(MODEL)).toBe(8192);
    const client = await s.getClient();
    if (!client) throw new Error('no client');
    const models = await s.models.list(client);
    expect(models.find((m) => m.id === MODEL)?.maxOutputTokens).toBe(64_000);
    expect(await sendAndReadMaxTokens(MODEL)).toBe(64_000);
    expect(await sendAndReadMaxTokens('claude-opus-4-1')).toBe(32_000);
    // A long answer now arrives whole instead of stopping at max_tokens.
    const long = rid();
    const sent = s.session.send({
      requestId: long,
      conversationId: null,
      text: 'essay ::mock long tokens=12000',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await s.engine.settled(long);
    const answer = s.history.getMessage(sent.value.assistantMessage.id);
    expect(answer?.status).toBe('complete');
    expect(answer?.stopReason).toBe('end_turn');
  });
});
