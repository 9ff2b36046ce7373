// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from '../../../../src/renderer/src/markdown';
import { FrameGate } from '../../../../src/renderer/src/markdown/use-frame-batched-text';
import { createElement, mount, type Mounted } from './dom';

/** Animation frames stepped by hand. */
function manualFrames(): {
  request: (cb: () => void) => number;
  cancel: (handle: number) => void;
  step: () => void;
  pending: () => number;
} {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (handle) => queue.delete(handle),
    step: () => {
      const due = [...queue.values()];
      queue.clear();
      for (const cb of due) cb();
    },
    pending: () => queue.size,
  };
}

describe('FrameGate', () => {
  it('shows the first change at once and later ones at the next frame, newest only', () => {
    const frames = manualFrames();
    const gate = new FrameGate('', frames.request, frames.cancel);
    const seen: string[] = [];
    gate.subscribe(() => seen.push(gate.getSnapshot()));

    gate.offer('a', true);
    gate.offer('ab', true);
    gate.offer('abc', true);
    expect(seen).toEqual(['a']);
    frames.step();
    expect(seen).toEqual(['a', 'abc']);
    // The frame after a flush is still closed; with nothing pending it opens the gate.
    gate.offer('abcd', true);
    expect(seen).toEqual(['a', 'abc']);
    frames.step();
    expect(seen).toEqual(['a', 'abc', 'abcd']);
    frames.step();
    expect(frames.pending()).toBe(0);
    gate.offer('abcde', true);
    expect(seen).toEqual(['a', 'abc', 'abcd', 'abcde']);
  });

  it('stops batching when streaming ends, without waiting for a frame', () => {
    const frames = manualFrames();
    const gate = new FrameGate('', frames.request, frames.cancel);
    gate.offer('a', true);
    gate.offer('ab', true);
    gate.offer('abc', false);
    expect(gate.getSnapshot()).toBe('abc');
    expect(frames.pending()).toBe(0);
  });
});

describe('StreamingMarkdown batches updates per frame', () => {
  let frames: ReturnType<typeof manualFrames>;
  let mounted: Mounted | null = null;

  beforeEach(() => {
    frames = manualFrames();
    vi.stubGlobal('requestAnimationFrame', frames.request);
    vi.stubGlobal('cancelAnimationFrame', frames.cancel);
  });

  afterEach(() => {
    mounted?.unmount();
    mounted = null;
    vi.unstubAllGlobals();
  });

  function view(text: string, streaming: boolean): void {
    mounted?.render(
      createElement(StreamingMarkdown, { text, streaming, onOpenLink: vi.fn(), onCopy: vi.fn() }),
    );
  }

  it('renders at most one text per frame and the final text at once', () => {
    mounted = mount();
    view('Hello', true);
    expect(mounted.container.textContent).toBe('Hello');
    view('Hello there', true);
    expect(mounted.container.textContent).toBe('Hello there');
    view('Hello there, how', true);
    view('Hello there, how are', true);
    expect(mounted.container.textContent).toBe('Hello there');
    act(() => frames.step());
    expect(mounted.container.textContent).toBe('Hello there, how are');
    view('Hello there, how are you?', false);
    expect(mounted.container.textContent).toBe('Hello there, how are you?');
  });
});
