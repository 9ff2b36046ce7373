import { describe, expect, it } from 'vitest';
import type { ParleyEvent } from '../../../src/shared/ipc';
import { ask, MODEL, rid, start, useSessionHarness } from './session-harness';

useSessionHarness();

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
    const sent = await ask(s, 'story ::mock mid-stream-error after=5 delay-ms=40');
    const kept = s.history.getMessage(sent.assistantMessage.id)?.text.trimEnd() ?? '';
    expect(kept.length).toBeGreaterThan(0);

    const again = rid();
    const retried = s.session.retry({
      requestId: again,
      userMessageId: sent.userMessage.id,
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
      conversationId: sent.conversation.id,
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

  it('is never behind the saved copy a window may already show, however often it is asked', async () => {
    const app = await start();
    const { s, events } = app;
    const requestId = rid();
    const sent = await sendStreaming(app, requestId, 'essay ::mock long tokens=3000 rate=1500');
    const messageId = sent.assistantMessage.id;
    let asked = 0;
    // A save can come between two deltas (they are held back up to a frame, saves are not).
    while (s.engine.activeCount() > 0) {
      const saved = s.history.getMessage(messageId)?.text ?? '';
      if (s.resumeAnswers() === 0) break;
      asked += 1;
      const resumed = (events.findLast((e) => e.type === 'answer-resumed') as Resumed).answer;
      expect(resumed.text.startsWith(saved), `snapshot ${asked} behind the saved copy`).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Asked all through the answer (on a quiet host, some hundred times).
    expect(asked).toBeGreaterThan(5);
    await s.engine.settled(requestId);
    expect(deltasOf(events, requestId)).toBe(s.history.getMessage(messageId)?.text);
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
