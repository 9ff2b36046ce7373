import { describe, expect, it } from 'vitest';
import {
  createAnswerRecorder,
  type RecorderTimers,
} from '../../../../src/main/services/history/answer-recorder';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import { freshStore, manualClock, type ManualClock } from './history-test-helpers';

/** Timers driven by the manual clock, so "within 250 ms" is checked exactly. */
function manualTimers(clock: ManualClock) {
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: RecorderTimers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: clock.now() + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  /** Advances time by `ms`, firing due timers in order. */
  function tick(ms: number): void {
    const end = clock.now() + ms;
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      clock.set(Math.max(clock.now(), due[1].at));
      due[1].callback();
    }
    clock.set(end);
  }
  return { timers, tick, pendingCount: () => pending.size };
}

function setup() {
  const clock = manualClock();
  const { store } = freshStore(clock);
  const conv = store.createConversation();
  const user = store.addUserMessage(conv.id, 'question');
  const answer = store.startAssistantMessage(user.id, 'm');
  const { timers, tick, pendingCount } = manualTimers(clock);
  const flushes: number[] = [];
  const recorder = createAnswerRecorder({
    store,
    messageId: answer.id,
    clock,
    timers,
    onFlush: (n) => flushes.push(n),
  });
  const saved = () => store.getMessage(answer.id)?.text ?? '';
  return { store, clock, recorder, tick, pendingCount, flushes, saved, answerId: answer.id };
}

describe('answer recorder', () => {
  it('saves the first delta at once, then at most every 250 ms', () => {
    const { recorder, tick, saved, flushes } = setup();
    recorder.append('Hel');
    expect(saved()).toBe('Hel');
    recorder.append('lo');
    tick(100);
    recorder.append(', ');
    expect(saved()).toBe('Hel');
    tick(149);
    expect(saved()).toBe('Hel');
    tick(1);
    expect(saved()).toBe('Hello, ');
    expect(flushes).toEqual([3, 7]);
  });

  it('flushes within 250 ms even when deltas stop', () => {
    const { recorder, tick, saved, pendingCount } = setup();
    recorder.append('a');
    tick(10);
    recorder.append('b');
    expect(saved()).toBe('a');
    expect(pendingCount()).toBe(1);
    tick(240);
    expect(saved()).toBe('ab');
    expect(pendingCount()).toBe(0);
  });

  it('the saved text is always a prefix of what was received', () => {
    const { recorder, tick, saved } = setup();
    const full = Array.from({ length: 400 }, (_, i) => `w${i} `).join('');
    let received = '';
    let maxGap = 0;
    let lastSavedLength = 0;
    let lastChangeAt = 0;
    for (let i = 0; i < full.length; i += 7) {
      const delta = full.slice(i, i + 7);
      recorder.append(delta);
      received += delta;
      tick(13);
      const now = saved();
      expect(received.startsWith(now)).toBe(true);
      if (now.length !== lastSavedLength) {
        lastSavedLength = now.length;
        lastChangeAt = i;
      }
      maxGap = Math.max(maxGap, i - lastChangeAt);
    }
    tick(250);
    expect(saved()).toBe(full);
    expect(maxGap / 7).toBeLessThanOrEqual(20); // 20 ticks of 13 ms > 250 ms
  });

  it('saves immediately at block stop', () => {
    const { recorder, tick, saved } = setup();
    recorder.append('one');
    tick(5);
    recorder.append(' two');
    recorder.blockStop();
    expect(saved()).toBe('one two');
  });

  it('completes only through finish, with the full text, and ignores later deltas', () => {
    const { recorder, tick, store, answerId, pendingCount } = setup();
    recorder.append('The answer');
    tick(5);
    recorder.append(' is 42.');
    expect(store.getMessage(answerId)?.status).toBe('streaming');
    expect(
      recorder.finish({
        status: 'complete',
        stopReason: 'end_turn',
        usage: { inputTokens: 3, outputTokens: 4 },
      }),
    ).toBe(true);
    expect(pendingCount()).toBe(0);
    expect(store.getMessage(answerId)).toMatchObject({
      status: 'complete',
      text: 'The answer is 42.',
    });
    recorder.append(' extra');
    tick(500);
    expect(store.getMessage(answerId)?.text).toBe('The answer is 42.');
    expect(recorder.finish({ status: 'complete' })).toBe(false);
  });

  it('reports a failed save and retries it on the next flush', () => {
    const clock = manualClock();
    const { timers, tick } = manualTimers(clock);
    const writes: string[] = [];
    let failNext = true;
    const store = {
      saveAssistantProgress(_id: string, text: string) {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        writes.push(text);
        return true;
      },
      finishAssistantMessage: () => true,
    } satisfies Pick<HistoryStore, 'saveAssistantProgress' | 'finishAssistantMessage'>;
    const errors: unknown[] = [];
    const recorder = createAnswerRecorder({
      store,
      messageId: 'x',
      clock,
      timers,
      onError: (e) => errors.push(e),
    });
    recorder.append('abc');
    expect(errors).toHaveLength(1);
    expect(recorder.savedChars).toBe(0);
    tick(250);
    expect(writes).toEqual(['abc']);
    expect(recorder.savedChars).toBe(3);
  });

  it('works with real timers', async () => {
    const { store } = freshStore();
    const conv = store.createConversation();
    const user = store.addUserMessage(conv.id, 'q');
    const answer = store.startAssistantMessage(user.id, 'm');
    const recorder = createAnswerRecorder({
      store,
      messageId: answer.id,
      clock: { now: () => Date.now() },
      intervalMs: 50,
    });
    recorder.append('x');
    recorder.append('y');
    expect(store.getMessage(answer.id)?.text).toBe('x');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(store.getMessage(answer.id)?.text).toBe('xy');
    recorder.finish({ status: 'stopped' });
    expect(store.getMessage(answer.id)?.status).toBe('stopped');
  });
});
