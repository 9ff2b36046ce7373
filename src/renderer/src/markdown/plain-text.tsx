import { memo, type ReactNode } from 'react';
import type { MarkdownBlock } from './block-splitter';
import { wrappedLines } from './finished-blocks';

/**
 * How many of the oldest `blocks` (left out of an update of `text`, oldest
 * first) are followed by more text than the view can show: while the view
 * follows the stream they are above it. By a rough estimate that errs
 * short: wrapped lines at LINE_MIN_PX each, against the whole window's
 * height (the conversation shows less: the header, the composer and the
 * runway below the newest text take part of it).
 */
export function blocksAboveView(text: string, blocks: readonly MarkdownBlock[]): number {
  const newest = blocks.at(-1);
  if (newest === undefined || typeof window === 'undefined') return 0;
  const viewPx = window.innerHeight;
  // Lines from `from` to the end. Text put in front of it adds its own lines less one: its
  // last line (empty, when it ends with a newline) and the first line of what follows are one.
  let from = newest.start + newest.text.length;
  let lines = wrappedLines(text.slice(from));
  let count = blocks.length;
  while (count > 0) {
    const block = blocks[count - 1] as MarkdownBlock;
    const end = block.start + block.text.length;
    // Blocks between this one and the next left out (drawn already) count too.
    if (end < from) lines += wrappedLines(text.slice(end, from)) - 1;
    if (lines * LINE_MIN_PX >= viewPx) break;
    lines += wrappedLines(block.text) - 1;
    from = block.start;
    count -= 1;
  }
  return count;
}

/**
 * The least height a wrapped line of a rendered answer takes (a line of
 * code is about 20 px, a blank line between paragraphs becomes a margin of
 * about 12 px, so short paragraphs average about 19 px a line).
 */
const LINE_MIN_PX = 18;

/**
 * Blocks waiting for their rendering, as their text. A run left out above
 * the view (DeferredBlocks.aboveView) is not laid out in the frame that puts
 * it on the page (`content-visibility: hidden` for that frame), then is
 * skippable while off screen, with about the height it will take.
 *
 * Why: in a burst, the text above the view was a good part of what the frame laid
 * out, though nobody could see it (in the streaming benchmark's fast run,
 * about 40 % of a burst frame's layout). Chromium lays out a new element
 * that may be skipped (`auto`) once before it knows it is off screen; one
 * that is `hidden` it does not, and once that turns `auto` off screen it
 * stays skipped. Done on the element, not through React: the class is
 * taken off in the next frame without rendering anything again.
 */
export const PlainText = memo(function PlainText({
  text,
  aboveView,
}: {
  text: string;
  aboveView: boolean;
}): ReactNode {
  if (!aboveView) return <div className="md-plain">{text}</div>;
  return (
    <div
      ref={skipFirstFrame}
      className="md-plain md-plain-skippable"
      style={{ containIntrinsicBlockSize: `auto ${Math.ceil(text.length / PLAIN_CHARS_PER_PX)}px` }}
    >
      {text}
    </div>
  );
});

/**
 * Elements added above the view in this frame, made skippable all at once
 * in the next one: one callback per frame, however many a burst adds.
 */
const entering = new Set<Element>();
let flipFrame: number | null = null;

function skipFirstFrame(element: HTMLDivElement): () => void {
  element.classList.add(ENTERING);
  entering.add(element);
  flipFrame ??= requestAnimationFrame(() => {
    flipFrame = null;
    for (const each of entering) each.classList.remove(ENTERING);
    entering.clear();
  });
  return () => entering.delete(element);
}

const ENTERING = 'md-plain-entering';
/**
 * About how many characters of plain text take a pixel of height, for the
 * height a skipped run is given: a 25 px line holds up to 90 characters,
 * and lines of code and lists hold far fewer. Only the scroll bar and the
 * scroll anchoring see it, until the run is drawn (then it has its own).
 */
const PLAIN_CHARS_PER_PX = 2;
