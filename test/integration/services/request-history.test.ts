import { describe, expect, it } from 'vitest';
import { ask, lastMessagesBody, MODEL, rid, start, useSessionHarness } from './session-harness';

useSessionHarness();

/**
 * What each request to the API carries: the conversation it belongs to, the
 * turns before it (only those Claude answered), and the output limit of the
 * model it goes to.
 */
describe('chat session: what each request sends', () => {
  it('a follow-up sends the whole conversation in order', async () => {
    const { s } = await start();
    const first = await ask(s, 'first question');
    await ask(s, 'second question', first.conversation.id);
    const body = lastMessagesBody();
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[0]?.content).toBe('first question');
    expect(body.messages[2]?.content).toBe('second question');
  });

  it('a question Claude never answered is not sent again with the next one', async () => {
    const { s, events } = await start();
    const first = await ask(s, 'first question');
    const id = first.conversation.id;
    // Refused as too large: not retried, and nothing of an answer.
    const refused = await ask(s, 'a huge paste ::mock error status=413', id);
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
    const next = await ask(s, 'second question', id);
    expect(s.history.getMessage(next.assistantMessage.id)?.status).toBe('complete');
    const body = lastMessagesBody();
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
    expect(lastMessagesBody().messages.map((m) => m.content)).toEqual([
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
      return lastMessagesBody().max_tokens;
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
    const sent = await ask(s, 'essay ::mock long tokens=12000');
    const answer = s.history.getMessage(sent.assistantMessage.id);
    expect(answer?.status).toBe('complete');
    expect(answer?.stopReason).toBe('end_turn');
  });
});
