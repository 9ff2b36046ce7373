// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BlockSplitter,
  type MarkdownBlock,
} from '../../../../src/renderer/src/markdown/block-splitter';
import { DeferredBlocks } from '../../../../src/renderer/src/markdown/deferred-blocks';
import { isRendered, prepareBlocks } from '../../../../src/renderer/src/markdown/finished-blocks';
import { MarkdownBlocks } from '../../../../src/renderer/src/markdown/markdown-blocks';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';
import { createElement, mount, type Mounted } from './dom';
import { renderAtOnce } from './helpers';
import type * as ParseBlockModule from '../../../../src/renderer/src/markdown/parse-block';

/** Every text handed to the markdown parser. */
const parsed = vi.hoisted(() => [] as string[]);

vi.mock('../../../../src/renderer/src/markdown/parse-block', async (importOriginal) => {
  const actual = await importOriginal<typeof ParseBlockModule>();
  return {
    ...actual,
    parseBlock: (text: string) => {
      parsed.push(text);
      return actual.parseBlock(text);
    },
  };
});

/** A 20,000-token answer: prose, lists, tables and 30+ code blocks (the benchmark's). */
const LONG = longMarkdownTokens(20_000).join('');
/** What arrives at once after a stall: tens of thousands of characters. */
const BURST_END = LONG.indexOf('\n', 60_000) + 1;

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  parsed.length = 0;
});

/**
 * Streams the first lines, then the burst in one update, as the chat view
 * would; `reported` collects what MarkdownBlocks reports as plain text.
 */
function streamBurst(reported: number[] = []): Mounted {
  const view = mount();
  mounted = view;
  const onPlainChars = (chars: number): void => void reported.push(chars);
  const start = LONG.indexOf('\n', 400) + 1;
  view.render(
    createElement(MarkdownBlocks, { text: LONG.slice(0, start), streaming: true, onPlainChars }),
  );
  parsed.length = 0;
  view.render(
    createElement(MarkdownBlocks, {
      text: LONG.slice(0, BURST_END),
      streaming: true,
      onPlainChars,
    }),
  );
  return view;
}

const plainLength = (view: Mounted): number =>
  plainTexts(view).reduce((sum, text) => sum + text.length, 0);

const plainTexts = (view: Mounted): string[] =>
  [...view.container.querySelectorAll('.md-plain')].map((node) => node.textContent ?? '');

/** Lets idle-time rendering run (timers, in this environment) until nothing is left to do. */
async function catchUp(view: Mounted): Promise<void> {
  for (let round = 0; round < 5000 && plainTexts(view).length > 0; round += 1)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 5)));
}

describe('a burst of text is on the page at once', () => {
  it('draws its newest blocks as markdown and the older ones as their text, in order', () => {
    const view = streamBurst();
    const plain = plainTexts(view);
    expect(plain.length).toBeGreaterThan(0);
    // Each plain run is a verbatim slice of the answer, in the answer's order: nothing of the
    // burst is missing from the page or shown out of place.
    let from = 0;
    for (const text of plain) {
      const at = LONG.indexOf(text, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + text.length;
    }
    const plainChars = plain.reduce((sum, text) => sum + text.length, 0);
    expect(plainChars).toBeGreaterThan(BURST_END / 2);
    // The newest finished block, next to the tail the person is reading, is markdown.
    const groups = view.container.querySelectorAll('.md-group');
    const newest = groups[groups.length - 1]?.lastElementChild;
    expect(newest?.classList.contains('md-plain')).toBe(false);
  });

  it('parses only about a view of it in the update that brings it', () => {
    streamBurst();
    const chars = parsed.reduce((sum, text) => sum + text.length, 0);
    // A few milliseconds of parsing, not the whole burst (tens of milliseconds).
    expect(chars).toBeGreaterThan(0);
    expect(chars).toBeLessThan(BURST_END / 5);
  });

  it('renders the rest in idle time and ends exactly as if rendered at once', async () => {
    const view = streamBurst();
    await catchUp(view);
    expect(plainTexts(view)).toEqual([]);
    view.render(createElement(MarkdownBlocks, { text: LONG, streaming: true }));
    await catchUp(view);
    view.render(createElement(MarkdownBlocks, { text: LONG, streaming: false }));
    await catchUp(view);
    // Which groups are always drawn is a rendering hint, not content (recent-groups.test.ts).
    const html = view.container.innerHTML.replaceAll(' md-group-recent', '');
    expect(html).toBe(renderAtOnce(LONG));
  });

  it('reports how much is plain text until all of it is markdown', async () => {
    const reported: number[] = [];
    const view = streamBurst(reported);
    // Reported for the update that drew it (act runs effects, not idle time).
    expect(reported.at(-1)).toBe(plainLength(view));
    expect(reported.at(-1)).toBeGreaterThan(0);
    await catchUp(view);
    expect(reported.at(-1)).toBe(0);
  });

  it('finishes rendering a burst that was still plain text when the stream ended', async () => {
    const reported: number[] = [];
    const onPlainChars = (chars: number): void => void reported.push(chars);
    const view = streamBurst(reported);
    const text = LONG.slice(0, BURST_END);
    view.render(createElement(MarkdownBlocks, { text, streaming: false, onPlainChars }));
    expect(plainLength(view)).toBeGreaterThan(0);
    await catchUp(view);
    expect(reported.at(-1)).toBe(0);
    const html = view.container.innerHTML.replaceAll(' md-group-recent', '');
    expect(html).toBe(renderAtOnce(text));
  });

  it('forgets the plain text of an answer that is replaced by another', async () => {
    const reported: number[] = [];
    const onPlainChars = (chars: number): void => void reported.push(chars);
    const view = streamBurst(reported);
    const other = '# Another answer\n\nShort.\n';
    view.render(createElement(MarkdownBlocks, { text: other, streaming: true, onPlainChars }));
    expect(plainTexts(view)).toEqual([]);
    expect(reported.at(-1)).toBe(0);
    expect(view.container.querySelector('.md-h1')?.textContent).toBe('Another answer');
  });

  it('leaves the plain text above the view out of layout for its first frame only', async () => {
    const view = streamBurst();
    const runs = [...view.container.querySelectorAll<HTMLElement>('.md-plain')];
    const skipped = runs.filter((el) => el.classList.contains('md-plain-entering'));
    expect(skipped.length).toBeGreaterThan(0);
    // Only runs followed by more than a window of text (at no more than 18 px a line, less
    // than any line of an answer takes): while the view follows the stream, none is in view.
    const text = LONG.slice(0, BURST_END);
    const lineCount = (slice: string): number =>
      slice.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 90)), 0);
    for (const el of skipped) {
      const after = text.slice(text.indexOf(el.textContent ?? '') + (el.textContent ?? '').length);
      expect(lineCount(after) * 18).toBeGreaterThanOrEqual(window.innerHeight);
      // Skippable once off screen, with about the height it will take.
      expect(el.classList.contains('md-plain-skippable')).toBe(true);
      expect(el.style.getPropertyValue('contain-intrinsic-block-size')).toMatch(/^auto \d+px$/);
    }
    // From the next frame on, the skipped runs are drawn like any other when in view.
    await act(async () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
    expect(skipped.filter((el) => el.classList.contains('md-plain-entering'))).toEqual([]);
  });

  it('draws an answer opened from history whole, with no plain text', () => {
    const view = mount();
    mounted = view;
    view.render(createElement(MarkdownBlocks, { text: LONG, streaming: false }));
    expect(plainTexts(view)).toEqual([]);
  });
});

describe('DeferredBlocks', () => {
  /** The finished blocks of the long answer, none of them rendered yet. */
  function freshBlocks(): MarkdownBlock[] {
    return new BlockSplitter().update(LONG).groups.flat();
  }

  it('renders the newest waiting blocks first', () => {
    const blocks = freshBlocks();
    const deferred = new DeferredBlocks();
    deferred.add(prepareBlocks([blocks], { chars: 0, lines: 0 }));
    // The budget rendered only the newest block; the others wait (but for any that the tail
    // of an earlier answer in this file drew from the same text, which take that rendering).
    const waiting = blocks.filter((block) => deferred.has(block));
    expect(isRendered(blocks.at(-1) as MarkdownBlock)).toBe(true);
    expect(waiting.length).toBeGreaterThan(blocks.length - 5);
    expect(deferred.size).toBe(waiting.length);

    // A slice with no idle time left still renders one run: the newest waiting blocks.
    const count = deferred.renderSome({ timeRemaining: () => 0 });
    expect(count).toBeGreaterThan(0);
    expect(deferred.size).toBe(waiting.length - count);
    const newest = waiting.slice(-count);
    expect(newest.every((block) => isRendered(block) && !deferred.has(block))).toBe(true);
    expect(waiting.slice(0, -count).some((block) => isRendered(block))).toBe(false);
  });

  it('schedules its slices in idle time until every block is rendered', () => {
    const blocks = freshBlocks();
    const callbacks: ((deadline: { timeRemaining(): number }) => void)[] = [];
    const deferred = new DeferredBlocks({
      request: (callback) => callbacks.push(callback),
      cancel: () => undefined,
    });
    deferred.add(prepareBlocks([blocks], { chars: 0, lines: 0 }));
    let redraws = 0;
    const redraw = (): void => {
      redraws += 1;
      deferred.schedule(redraw);
    };
    deferred.schedule(redraw);
    deferred.schedule(redraw);
    // One slice at a time, however often it is asked for.
    expect(callbacks).toHaveLength(1);
    for (let slice = 0; slice < 100_000 && callbacks.length > 0; slice += 1)
      callbacks.shift()?.({ timeRemaining: () => 0 });
    expect(deferred.size).toBe(0);
    expect(blocks.every((block) => isRendered(block))).toBe(true);
    // Each slice rendered something and asked for a redraw.
    expect(redraws).toBeGreaterThan(1);
  });
});
