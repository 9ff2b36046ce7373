// @vitest-environment happy-dom
import type * as Lowlight from 'lowlight';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from '../../../../src/renderer/src/markdown';
import {
  BURST_CHARS,
  FrameGate,
  PrepareAhead,
} from '../../../../src/renderer/src/markdown/use-frame-batched-text';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';
import { createElement, mount, type Mounted } from './dom';
import { renderAtOnce } from './helpers';

/** Every piece of code the highlighter was run on, in order (the highlighter itself is real). */
const highlighted = vi.hoisted(() => [] as string[]);
vi.mock('lowlight', async (importOriginal) => {
  const { countedLowlight } = await import('./counted-lowlight');
  return countedLowlight(await importOriginal<typeof Lowlight>(), (code) => {
    highlighted.push(code);
  });
});

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

/** A gate stepped by hand, and every text it showed, in order. */
function watchedGate(): {
  frames: ReturnType<typeof manualFrames>;
  gate: FrameGate;
  seen: string[];
} {
  const frames = manualFrames();
  const gate = new FrameGate('', frames.request, frames.cancel);
  const seen: string[] = [];
  gate.subscribe(() => seen.push(gate.getSnapshot()));
  return { frames, gate, seen };
}

describe('FrameGate', () => {
  it('shows the first change at once and later ones at the next frame, newest only', () => {
    const { frames, gate, seen } = watchedGate();

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

  it('holds a burst for the next frame, where the deltas that follow it join it', () => {
    const { frames, gate, seen } = watchedGate();
    const burst = 'x'.repeat(BURST_CHARS);

    // The gate is open, but drawing the burst now and the next delta in the frame would
    // render and lay out twice before one paint.
    gate.offer(burst, true);
    expect(seen).toEqual([]);
    gate.offer(`${burst}y`, true);
    frames.step();
    expect(seen).toEqual([`${burst}y`]);
    // A steady stream's small delta still goes on the page at once once the gate opens.
    frames.step();
    gate.offer(`${burst}yz`, true);
    expect(seen).toEqual([`${burst}y`, `${burst}yz`]);
    // Just under a burst is drawn at once too.
    frames.step();
    frames.step();
    const almost = `${burst}yz${'w'.repeat(BURST_CHARS - 1)}`;
    gate.offer(almost, true);
    expect(seen.at(-1)).toBe(almost);
  });

  it("holds a stream's last burst for the next frame too, and nothing else once it ended", () => {
    const { frames, gate, seen } = watchedGate();
    const burst = 'x'.repeat(BURST_CHARS);

    gate.offer('a', true);
    frames.step();
    frames.step();
    // The last delta arrives with the end of the stream: it is drawn in the next frame, as
    // it would have been a moment earlier, and until then the caller draws it as streaming.
    expect(gate.holdsLast(`a${burst}`)).toBe(true);
    gate.offer(`a${burst}`, false);
    expect(seen).toEqual(['a']);
    frames.step();
    expect(seen).toEqual(['a', `a${burst}`]);
    expect(gate.holdsLast(`a${burst}`)).toBe(false);
    // The stream is over: no frame is kept waiting, and a later text is not held.
    expect(frames.pending()).toBe(0);
    gate.offer(`a${burst}${burst}`, false);
    expect(gate.getSnapshot()).toBe(`a${burst}${burst}`);

    // A text that was never streamed (an answer opened from history) is never held.
    const settled = new FrameGate('b', frames.request, frames.cancel);
    expect(settled.holdsLast(`b${burst}`)).toBe(false);
    settled.offer(`b${burst}`, false);
    expect(settled.getSnapshot()).toBe(`b${burst}`);
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

describe('FrameGate with deltas ahead of its caller', () => {
  it('continues the newest text with each delta, and never goes back to an older one', () => {
    const { frames, gate, seen } = watchedGate();
    gate.offer('Hello', true);
    gate.extend(', world');
    frames.step();
    expect(seen).toEqual(['Hello', 'Hello, world']);
    // The caller's text catches up a moment later, in part and then in full: nothing changes.
    gate.offer('Hello, wo', true);
    expect(gate.isAhead('Hello, wo')).toBe(true);
    gate.offer('Hello, world', true);
    frames.step();
    expect(seen).toEqual(['Hello', 'Hello, world']);
    expect(gate.isAhead('Hello, world')).toBe(false);
    // Deltas continue from the newest text, not from the caller's.
    gate.extend('!');
    expect(seen.at(-1)).toBe('Hello, world!');
    // The settled text, once the caller has all of it, ends the stream as before.
    gate.offer('Hello, world!', false);
    expect(gate.getSnapshot()).toBe('Hello, world!');
    expect(gate.holdsLast('Hello, world!')).toBe(false);
  });

  it('shows a shorter text its caller offers, when no delta went ahead of it', () => {
    const { gate } = watchedGate();
    gate.offer('A longer text', false);
    gate.offer('A longer', false);
    expect(gate.getSnapshot()).toBe('A longer');
    expect(gate.isAhead('A longer')).toBe(false);
  });

  it('prepares only the newest of the texts held in one task, before any frame', async () => {
    const { gate, frames, seen } = watchedGate();
    const ahead = new PrepareAhead();
    const prepared: [string, string][] = [];
    ahead.provide((text, kind) => prepared.push([text, kind]));
    gate.prepareWith(ahead);
    gate.offer('Hi', true);
    const burst = 'x'.repeat(BURST_CHARS);
    // Three bursts in one task (a backlog handed over at once): nothing prepared yet.
    gate.extend(burst);
    gate.extend(burst);
    gate.extend('!');
    expect(prepared).toEqual([]);
    // The task's microtasks run before any frame: the newest text, once.
    await Promise.resolve();
    expect(prepared).toEqual([[`Hi${burst}${burst}!`, 'burst']]);
    frames.step();
    expect(seen).toEqual(['Hi', `Hi${burst}${burst}!`]);
    // A text drawn before its preparation was due is not prepared any more.
    gate.extend(burst);
    gate.offer('Another answer', false);
    await Promise.resolve();
    expect(prepared).toHaveLength(1);
  });

  it('takes another text that does not continue the newest one', () => {
    const { gate } = watchedGate();
    gate.offer('First answer', true);
    gate.extend(' grows');
    gate.offer('Another', false);
    expect(gate.getSnapshot()).toBe('Another');
    expect(gate.isAhead('Another')).toBe(false);
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
    // A spy on PrepareAhead left by a test that failed before restoring it.
    vi.restoreAllMocks();
  });

  function view(text: string, streaming: boolean): void {
    mounted?.render(
      createElement(StreamingMarkdown, { text, streaming, onOpenLink: vi.fn(), onCopy: vi.fn() }),
    );
  }

  /** The end of the task that brought the texts viewed since the last one: its microtasks run. */
  const endOfTask = async (): Promise<void> => {
    await Promise.resolve();
  };

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

  it('ends exactly like rendering at once when its bursts were prepared while they waited', async () => {
    mounted = mount();
    const prepared = vi.spyOn(PrepareAhead.prototype, 'prepare');
    const text = longMarkdownTokens(6000).join('');
    // Bursts, each split and partly rendered as it starts waiting for its frame, between
    // short deltas; a frame after every other one.
    let at = 0;
    for (let i = 0; at < text.length; i += 1) {
      at = Math.min(text.length, at + (i % 3 === 0 ? BURST_CHARS + 500 : 40));
      view(text.slice(0, at), true);
      await endOfTask();
      if (i % 2 === 1) act(() => frames.step());
    }
    view(text, false);
    await endOfTask();
    // The bursts were prepared ahead as they started waiting for their frames.
    expect(prepared.mock.calls.filter(([, kind]) => kind === 'burst').length).toBeGreaterThan(10);
    act(() => frames.step());
    // The older blocks of each burst are plain text until idle time renders them.
    const container = mounted.container;
    expect(container.querySelector('.md-plain')).not.toBeNull();
    for (let wait = 0; wait < 200 && container.querySelector('.md-plain'); wait += 1)
      await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    const markdown = container.querySelector('.markdown')?.innerHTML ?? '';
    expect(markdown.replaceAll(' md-group-recent', '')).toBe(renderAtOnce(text));
    prepared.mockRestore();
  });

  it.each([
    ['in tasks of their own, each prepared as it starts waiting', false],
    ['in one task, only the newest prepared', true],
  ])(
    'puts one budget of rendered blocks on the page for several bursts that wait for one frame, %s',
    async (_, oneTask) => {
      mounted = mount();
      const prepared = vi.spyOn(PrepareAhead.prototype, 'prepare');
      const text = longMarkdownTokens(8000).join('');
      // Three bursts of many screens each arrive before the frame; a burst prepared renders its
      // own newest blocks.
      const ends = [0.3, 0.6, 0.9].map((share) => text.lastIndexOf('\n\n', text.length * share));
      const container = mounted.container;
      view(text.slice(0, 20), true);
      act(() => frames.step());
      act(() => frames.step());
      prepared.mockClear();
      for (const end of ends) {
        view(text.slice(0, end + 2), true);
        if (!oneTask) await endOfTask();
      }
      await endOfTask();
      expect(prepared.mock.calls.map(([held]) => held.length)).toEqual(
        oneTask ? [(ends[2] ?? 0) + 2] : ends.map((end) => end + 2),
      );
      prepared.mockRestore();
      act(() => frames.step());
      // The frame drew the newest blocks as markdown; what the earlier bursts rendered for
      // themselves is older text by now, on the page as plain text like the rest of the burst.
      const plain = [...container.querySelectorAll('.md-plain')].map((el) => el.textContent);
      const firstBurstEnd = text.slice(0, ends[0]).trimEnd().split('\n').at(-1) ?? '';
      const secondBurstEnd = text.slice(0, ends[1]).trimEnd().split('\n').at(-1) ?? '';
      expect(firstBurstEnd.length).toBeGreaterThan(10);
      expect(plain.some((t) => t?.includes(firstBurstEnd))).toBe(true);
      expect(plain.some((t) => t?.includes(secondBurstEnd))).toBe(true);
      // Nothing is lost on the way: idle time puts the renderings on the page.
      for (let wait = 0; wait < 200 && container.querySelector('.md-plain'); wait += 1)
        await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
      view(text.slice(0, (ends[2] ?? 0) + 2), false);
      const markdown = container.querySelector('.markdown')?.innerHTML ?? '';
      expect(markdown.replaceAll(' md-group-recent', '')).toBe(
        renderAtOnce(text.slice(0, (ends[2] ?? 0) + 2)),
      );
    },
  );

  it('highlights an open code block a burst ends in while the burst waits, not in its frame', async () => {
    mounted = mount();
    view('Intro', true);
    act(() => frames.step());
    act(() => frames.step());
    const line = (i: number): string => `const value${i} = compute(${i}, "text");\n`;
    const code = Array.from({ length: 120 }, (_, i) => line(i)).join('');
    highlighted.length = 0;
    view(`Intro\n\n\`\`\`js\n${code}`, true);
    await endOfTask();
    // Held for the frame, and already highlighted: the growing last segment included.
    expect(mounted.container.textContent).toBe('Intro');
    expect(highlighted.some((piece) => piece.endsWith(line(119).trimEnd()))).toBe(true);
    const before = highlighted.length;
    act(() => frames.step());
    // The frame drew it as highlighted code, without running the highlighter again.
    expect(highlighted.length).toBe(before);
    const drawn = mounted.container.querySelector('pre code');
    expect(drawn?.textContent).toContain(line(119).trimEnd());
    expect(drawn?.querySelector('.hljs-keyword')?.textContent).toBe('const');
  });

  it("draws a stream's last burst in the next frame, still as streaming until then", () => {
    mounted = mount();
    view('Intro', true);
    act(() => frames.step());
    act(() => frames.step());
    // An unclosed fence in the last burst: drawn as code, never as raw backticks.
    const last = `Intro\n\n\`\`\`js\n${'const a = 1;\n'.repeat(200)}`;
    view(last, false);
    expect(mounted.container.textContent).toBe('Intro');
    act(() => frames.step());
    expect(mounted.container.textContent).toContain('const a = 1;');
    expect(mounted.container.textContent).not.toContain('```');
  });
});
