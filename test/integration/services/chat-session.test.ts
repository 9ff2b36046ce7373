import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyEvent } from '../../../src/shared/ipc';
import { createAppServices, type AppServices } from '../../../src/main/services/app-services';
import { unavailableSecretBackend } from '../../../src/main/services/secret-backend';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

let mock: MockAnthropic;
let services: AppServices | null = null;
const MODEL = 'claude-sonnet-5-5';

beforeAll(async () => {
  mock = await startMockAnthropic();
});
afterAll(async () => {
  await mock.close();
});
afterEach(async () => {
  await services?.dispose();
  services = null;
  mock.reset();
});

async function start(baseURL = mock.url, dataDir = mkdtempSync(join(tmpdir(), 'parley-session-'))) {
  const events: ParleyEvent[] = [];
  services = await createAppServices({
    dataDir,
    secretBackend: unavailableSecretBackend,
    env: { ANTHROPIC_BASE_URL: baseURL, ANTHROPIC_API_KEY: 'sk-ant-session-test-key' },
    emit: (e) => events.push(e),
    openExternal: async () => undefined,
    backupsEnabled: false,
    probeIntervalMs: 100,
  });
  return { s: services, events, dataDir };
}

let n = 0;
const rid = () => `req_session_${++n}_${Date.now()}`;

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

describe('chat session: a reloaded window follows the answers still streaming', () => {
  type Resumed = Extract<ParleyEvent, { type: 'answer-resumed' }>;
  const deltasOf = (events: readonly ParleyEvent[], requestId: string): string =>
    events.map((e) => (e.type === 'delta' && e.requestId === requestId ? e.text : '')).join('');
  /** Sends `text` in a new conversation and waits until some of the answer was sent on. */
  const sendStreaming = async (
    { s, events }: Awaited<ReturnType<typeof start>>,
    requestId: string,
    text: string,
  ) => {
    const sent = s.session.send({ requestId, conversationId: null, text, model: MODEL });
    if (!sent.ok) throw new Error('send failed');
    await expect
      .poll(() => deltasOf(events, requestId).length, { timeout: 5000 })
      .toBeGreaterThan(0);
    return sent.value;
  };

  it('sends each as far as its deltas went, in order with the rest, so nothing is missed or doubled', async () => {
    const app = await start();
    const { s, events } = app;
    const requestId = rid();
    const sent = await sendStreaming(app, requestId, 'essay ::mock long tokens=1500 rate=1500');

    expect(s.resumeAnswers()).toBe(1);
    const at = events.findIndex((e) => e.type === 'answer-resumed');
    const resumed = (events[at] as Resumed).answer;
    expect(resumed).toMatchObject({
      requestId,
      conversationId: sent.conversation.id,
      messageId: sent.assistantMessage.id,
      questionId: sent.userMessage.id,
      attempt: 1,
      model: MODEL,
      state: 'streaming',
      retry: null,
    });
    // Exactly the deltas sent before it; the window that takes it adds the ones after it.
    expect(resumed.text).toBe(deltasOf(events.slice(0, at), requestId));
    await s.engine.settled(requestId);
    expect(events.slice(at + 1).some((e) => e.type === 'delta')).toBe(true);
    const stored = s.history.getMessage(sent.assistantMessage.id);
    expect(stored?.status).toBe('complete');
    expect(resumed.text + deltasOf(events.slice(at + 1), requestId)).toBe(stored?.text);

    // Settled answers are not streaming any more: nothing to follow.
    const before = events.length;
    expect(s.resumeAnswers()).toBe(0);
    expect(events.length).toBe(before);
  });

  it('a "continue" starts with the kept text, and an answer waiting to retry says so', async () => {
    const { s, events } = await start();
    const first = rid();
    const sent = s.session.send({
      requestId: first,
      conversationId: null,
      text: 'story ::mock mid-stream-error after=5 delay-ms=40',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await s.engine.settled(first);
    const kept = s.history.getMessage(sent.value.assistantMessage.id)?.text.trimEnd() ?? '';
    expect(kept.length).toBeGreaterThan(0);

    const again = rid();
    const retried = s.session.retry({
      requestId: again,
      userMessageId: sent.value.userMessage.id,
      model: MODEL,
      mode: 'continue',
    });
    if (!retried.ok) throw new Error('retry failed');
    await expect.poll(() => deltasOf(events, again).length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(s.resumeAnswers()).toBe(1);
    const at = events.findIndex((e) => e.type === 'answer-resumed');
    const continued = (events[at] as Resumed).answer;
    expect(continued).toMatchObject({
      requestId: again,
      messageId: retried.value.assistantMessage.id,
      attempt: 2,
    });
    // What a window shows of a "continue": the kept text, then its deltas.
    expect(continued.text).toBe(kept + deltasOf(events.slice(0, at), again));
    await s.engine.settled(again);
    expect(s.history.getMessage(retried.value.assistantMessage.id)?.text).toBe(
      continued.text + deltasOf(events.slice(at + 1), again),
    );

    const waiting = rid();
    const limited = s.session.send({
      requestId: waiting,
      conversationId: sent.value.conversation.id,
      text: '::mock rate-limit times=1 retry-after=60 limit=output-tokens',
      model: MODEL,
    });
    if (!limited.ok) throw new Error('send failed');
    await expect
      .poll(() => events.some((e) => e.type === 'retrying' && e.requestId === waiting), {
        timeout: 5000,
      })
      .toBe(true);
    expect(s.resumeAnswers()).toBe(1);
    const resumed = (events.findLast((e) => e.type === 'answer-resumed') as Resumed).answer;
    expect(resumed).toMatchObject({
      requestId: waiting,
      messageId: limited.value.assistantMessage.id,
      attempt: 1,
      text: '',
      state: 'retrying',
      retry: { type: 'retrying', attempt: 2, reason: 'rate-limit', bucket: 'output-tokens' },
    });
    s.engine.cancel(waiting);
    await s.engine.settled(waiting);
  });

  it('an answer whose end could not be saved is over all the same, not offered as streaming', async () => {
    const app = await start();
    const { s, events } = app;
    const requestId = rid();
    await sendStreaming(app, requestId, 'essay ::mock long tokens=600 rate=1500');
    // The disk goes away before the answer ends.
    s.history.close();
    await s.engine.settled(requestId);
    expect(events.some((e) => e.type === 'done' && e.requestId === requestId)).toBe(true);
    expect(s.resumeAnswers()).toBe(0);
  });
});
