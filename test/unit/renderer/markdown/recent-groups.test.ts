// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { GROUP_SIZE } from '../../../../src/renderer/src/markdown/block-splitter';
import {
  MarkdownBlocks,
  RECENT_GROUPS,
  SETTLE_AFTER_BLOCKS,
} from '../../../../src/renderer/src/markdown/markdown-blocks';
import { createElement, mount, type Mounted } from './dom';

/**
 * Which groups of finished blocks the browser may skip off screen. The
 * newest groups of a streamed answer are drawn as ordinary content, so the
 * frame that opens a group costs no more than any other; older groups, and
 * every group of an answer that never streamed, stay skippable so a long
 * answer does not lay out what nobody sees.
 */

const paragraphs = (count: number): string =>
  Array.from({ length: count }, (_, i) => `Paragraph ${i}\n\n`).join('');

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

function draw(text: string, streaming: boolean): Mounted {
  mounted ??= mount();
  mounted.render(createElement(MarkdownBlocks, { text, streaming }));
  return mounted;
}

/** For each group in order: drawn always (true) or skippable off screen (false). */
function drawnAlways(view: Mounted): boolean[] {
  return [...view.container.querySelectorAll('.md-group')].map((group) =>
    group.classList.contains('md-group-recent'),
  );
}

describe('newest groups of a streamed answer', () => {
  it('draws the last two groups as ordinary content and lets older ones be skipped', () => {
    let view = draw('Paragraph 0', true);
    // Five full groups and a sixth well under way.
    view = draw(`${paragraphs(GROUP_SIZE * 5 + SETTLE_AFTER_BLOCKS + 2)}tail`, true);
    expect(drawnAlways(view)).toEqual([false, false, false, false, true, true]);
    expect(RECENT_GROUPS).toBe(2);
  });

  it('keeps the group before them drawn until the newest group has a few blocks', () => {
    draw('Paragraph 0', true);
    const opened = draw(`${paragraphs(GROUP_SIZE * 3 + 1)}tail`, true);
    // The frame that opens the fourth group switches nothing to skippable.
    expect(drawnAlways(opened)).toEqual([false, true, true, true]);
    const later = draw(`${paragraphs(GROUP_SIZE * 3 + SETTLE_AFTER_BLOCKS)}tail`, true);
    expect(drawnAlways(later)).toEqual([false, false, true, true]);
  });

  it('keeps them drawn once the answer settles, so settling switches nothing', () => {
    const text = `${paragraphs(GROUP_SIZE * 4 + SETTLE_AFTER_BLOCKS)}The end.`;
    draw('Paragraph 0', true);
    draw(text, true);
    const settled = draw(text, false);
    expect(drawnAlways(settled)).toEqual([false, false, false, true, true]);
  });

  it('lets every group of an answer opened from history be skipped', () => {
    const view = draw(`${paragraphs(GROUP_SIZE * 4)}The end.`, false);
    expect(drawnAlways(view)).toEqual([false, false, false, false]);
    // Still so when it grows (a reload that shows more of it).
    const more = draw(`${paragraphs(GROUP_SIZE * 5)}The end.`, false);
    expect(drawnAlways(more)).toEqual([false, false, false, false, false]);
  });
});
