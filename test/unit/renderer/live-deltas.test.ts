// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveDeltas, liveDeltas } from '../../../src/renderer/src/chat/live-deltas';
import { AnswerBody } from '../../../src/renderer/src/components/answer-body';
import { createElement, mount, type Mounted } from './markdown/dom';

describe('LiveDeltas', () => {
  it('hands a delta to the body drawing the answer, and keeps it for the state', () => {
    const live = new LiveDeltas();
    // No body draws the answer: the caller commits the delta to the state itself.
    expect(live.deliver('req-1', 'Hi')).toBe(false);
    expect(live.take('req-1')).toBe('');

    const got: string[] = [];
    const detach = live.attach('req-1', (delta) => got.push(delta));
    expect(live.deliver('req-1', 'Hello')).toBe(true);
    expect(live.deliver('req-1', ', world')).toBe(true);
    expect(got).toEqual(['Hello', ', world']);
    // What the state has not taken yet, once.
    expect(live.takeAll()).toEqual([['req-1', 'Hello, world']]);
    expect(live.take('req-1')).toBe('');
    detach();
    expect(live.deliver('req-1', '!')).toBe(false);
  });

  it('gives a body that takes over what the state has not taken yet', () => {
    const live = new LiveDeltas();
    const first: string[] = [];
    const detachFirst = live.attach('req-1', (delta) => first.push(delta));
    live.deliver('req-1', 'one ');
    live.deliver('req-1', 'two ');
    // The answer is drawn again (a new body) before the state took the text.
    const second: string[] = [];
    live.attach('req-1', (delta) => second.push(delta));
    // The old body letting go later does not unhook the new one.
    detachFirst();
    live.deliver('req-1', 'three');
    expect(second).toEqual(['one two ', 'three']);
    expect(first).toEqual(['one ', 'two ']);
    expect(live.take('req-1')).toBe('one two three');
  });
});

describe('an answer body with live deltas', () => {
  let view: Mounted | null = null;
  afterEach(() => {
    view?.unmount();
    view = null;
    liveDeltas.takeAll();
  });

  const body = (): HTMLElement => {
    const el = view?.container.querySelector<HTMLElement>('[data-shown-chars]');
    if (!el) throw new Error('no answer body');
    return el;
  };
  const draw = (chunks: readonly string[], streaming: boolean, liveId: string | null): void =>
    view?.render(
      createElement(AnswerBody, { chunks, streaming, liveId, hidden: chunks.length === 0 }),
    );

  it('draws each delta as it arrives, ahead of the state, and never goes back', async () => {
    view = mount();
    draw([], true, 'req-9');
    // Built and hidden while the answer is awaited.
    expect(body().hidden).toBe(true);
    act(() => void liveDeltas.deliver('req-9', 'The first words'));
    // On the page at once, though the state (chunks) has none of it yet.
    expect(body().hidden).toBe(false);
    expect(body().textContent).toContain('The first words');
    act(() => void liveDeltas.deliver('req-9', ' and more.'));
    act(() => void liveDeltas.deliver('req-9', ' Still more.'));
    // A frame later (the gate draws at most once a frame), all of it.
    await act(async () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
    expect(body().textContent).toContain('The first words and more. Still more.');
    // The state catches up, first in part: what is drawn stays.
    draw(['The first words and more.'], true, 'req-9');
    expect(body().textContent).toContain('Still more.');
    // Settled with all of it.
    const all = 'The first words and more. Still more.';
    draw([all], false, null);
    expect(body().getAttribute('data-shown-chars')).toBe(String(all.length));
    expect(body().getAttribute('aria-busy')).toBe('false');
  });
});
