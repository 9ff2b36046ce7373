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
  // update() is idempotent for a given text, so calling it while rendering is safe.
  const snapshot = useMemo(() => {
    const next = splitter.update(text);
    prepareBlocks(next.groups);
    return next;
  }, [splitter, text]);
  const fence = snapshot.openFence;
  return (
    <>
      {snapshot.groups.map((group) => (
        <BlockGroup key={group[0]?.start ?? 0} blocks={group} />
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
}: {
  blocks: readonly MarkdownBlock[];
}): ReactNode {
  return (
    <div className="md-group">
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
