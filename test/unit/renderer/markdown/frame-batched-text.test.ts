// @vitest-environment happy-dom
import type * as Lowlight from 'lowlight';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from '../../../../src/renderer/src/markdown';
import {
  BURST_CHARS,
  PrepareAhead,
} from '../../../../src/renderer/src/markdown/use-frame-batched-text';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';
import { createElement, mount, type Mounted } from './dom';
import { manualFrames, renderAtOnce } from './helpers';

/** Every piece of code the highlighter was run on, in order (the highlighter itself is real). */
const highlighted = vi.hoisted(() => [] as string[]);
vi.mock('lowlight', async (importOriginal) => {
  const { countedLowlight } = await import('./counted-lowlight');
  return countedLowlight(await importOriginal<typeof Lowlight>(), (code) => {
    highlighted.push(code);
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
