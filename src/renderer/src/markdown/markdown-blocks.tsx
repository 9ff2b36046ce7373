import { memo, useMemo, useState, type ReactNode } from 'react';
import { BlockSplitter, type MarkdownBlock } from './block-splitter';
import { prepareBlocks, renderedBlock, renderedTail } from './finished-blocks';
import { healTail } from './heal-tail';
import { StreamingCodeBlock } from './streaming-code';

/**
 * The incremental renderer: finished blocks are parsed and rendered once,
 * grouped so that React skips whole groups, and only the tail is parsed again
 * when the text grows. It renders every text it is given (no frame batching;
 * StreamingMarkdown adds that).
 *
 * While streaming, the tail always has the same box and the same identity:
 * when a block finishes, the next tail updates the DOM the last one left
 * instead of building its own, and the last group never becomes or stops
 * being the last child (which would restyle the whole group, see
 * markdown.css). A settled answer whose text ends with a finished block has
 * no tail box.
 */
export const MarkdownBlocks = memo(function MarkdownBlocks({
  text,
  streaming,
}: {
  text: string;
  streaming: boolean;
}): ReactNode {
  const [splitter] = useState(() => new BlockSplitter());
  // Latched: a streamed answer keeps its newest groups drawn after it settles, so settling
  // does not switch on-screen groups to skippable all in one frame.
  const [streamed, setStreamed] = useState(streaming);
  if (streaming && !streamed) setStreamed(true);
  // update() is idempotent for a given text, so calling it while rendering is safe.
  const snapshot = useMemo(() => {
    const next = splitter.update(text);
    prepareBlocks(next.groups);
    return next;
  }, [splitter, text]);
  const fence = snapshot.openFence;
  const recentFrom = streamed ? firstRecentGroup(snapshot.groups) : snapshot.groups.length;
  return (
    <>
      {snapshot.groups.map((group, index) => (
        <BlockGroup key={group[0]?.start ?? 0} blocks={group} recent={index >= recentFrom} />
      ))}
      {streaming || snapshot.tail.text.trim() !== '' ? (
        <div className="md-tail">
          {streaming && fence?.topLevel ? (
            <StreamingCodeBlock key={`code-${snapshot.tail.start}`} text={text} fence={fence} />
          ) : (
            <TailBlock text={snapshot.tail.text} streaming={streaming} inFence={fence !== null} />
          )}
        </div>
      ) : null}
    </>
  );
});

/**
 * A run of finished blocks in its own box, so the browser can skip its
 * layout and paint while it is off screen (`content-visibility: auto` in
 * markdown.css). Without that, every frame of a long answer would lay out and
 * paint the whole message, and the browser's cost per delta would grow with
 * the answer even though React's does not.
 */
const BlockGroup = memo(function BlockGroup({
  blocks,
  recent,
}: {
  blocks: readonly MarkdownBlock[];
  recent: boolean;
}): ReactNode {
  return (
    <div className={recent ? 'md-group md-group-recent' : 'md-group'}>
      {blocks.map((block) => (
        <FinishedBlock key={block.start} block={block} />
      ))}
    </div>
  );
});

const FinishedBlock = memo(function FinishedBlock({ block }: { block: MarkdownBlock }): ReactNode {
  return renderedBlock(block);
});

const TailBlock = memo(function TailBlock({
  text,
  streaming,
  inFence,
}: {
  text: string;
  streaming: boolean;
  inFence: boolean;
}): ReactNode {
  return useMemo(() => {
    const source = streaming ? healTail(text, inFence) : text;
    return source.trim() === '' ? null : renderedTail(source);
  }, [text, streaming, inFence]);
});

/** Groups kept always drawn at the end of a streamed answer (see firstRecentGroup). */
export const RECENT_GROUPS = 2;
/** Blocks the newest group must hold before the group before the recent ones becomes skippable. */
export const SETTLE_AFTER_BLOCKS = 4;

/**
 * The first of the newest groups of a streamed answer, which are drawn like
 * ordinary content rather than being skippable off screen.
 *
 * Why: the frame that inserts a `content-visibility: auto` element, where
 * Chromium first works out whether it is on screen, cost about twice a
 * usual frame (a median of 17 to 18 ms against 9 ms in the streaming
 * benchmark, and one frame in fifteen opens a group), which made these
 * frames a good part of the slowest 5 %. Inserted as ordinary content (with
 * the same containment) a group costs about as much as any other frame. It
 * becomes skippable once it is two groups behind the stream, so off screen
 * while the view follows the stream, and a few blocks after the next group
 * opens rather than in that frame.
 */
function firstRecentGroup(groups: readonly (readonly MarkdownBlock[])[]): number {
  const settling = (groups.at(-1)?.length ?? 0) < SETTLE_AFTER_BLOCKS ? 1 : 0;
  return Math.max(0, groups.length - RECENT_GROUPS - settling);
}
