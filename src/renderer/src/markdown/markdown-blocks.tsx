import { memo, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { AnswerDefinitions } from './answer-definitions';
import { BlockSplitter, type BlockSnapshot, type MarkdownBlock } from './block-splitter';
import { DeferredBlocks } from './deferred-blocks';
import {
  charsRenderedWithin,
  isRendered,
  prepareBlocks,
  renderedBlock,
  renderedBlockUsing,
  renderedTail,
} from './finished-blocks';
import { healTail } from './heal-tail';
import { blocksAboveView, PlainText } from './plain-text';
import { prepareStreamingCode, StreamingCodeBlock } from './streaming-code';
import type { PrepareAhead } from './use-frame-batched-text';

/**
 * The incremental renderer: finished blocks are parsed and rendered once,
 * grouped so that React skips whole groups, and only the tail is parsed again
 * when the text grows. It renders every text it is given (no frame batching;
 * StreamingMarkdown adds that). When one update brings more finished blocks
 * than a few milliseconds can render (a burst), the older ones are drawn as
 * their plain text until idle time renders them (DeferredBlocks).
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
  onPlainChars,
  ahead,
}: {
  text: string;
  streaming: boolean;
  /** How many characters are drawn as plain text until idle time renders them (DeferredBlocks). */
  onPlainChars?: ((chars: number) => void) | undefined;
  /** Where to offer the preparation of a text that waits for its frame (PrepareAhead). */
  ahead?: PrepareAhead | undefined;
}): ReactNode {
  const [splitter] = useState(() => new BlockSplitter());
  const [deferred] = useState(() => new DeferredBlocks());
  // Link reference definitions of the finished blocks, for references in other blocks.
  const [definitions] = useState(() => new AnswerDefinitions());
  // Blocks rendered for a text not on the page yet (see prepareBlocks).
  const [unplaced] = useState(() => new Set<MarkdownBlock>());
  // The splitter restart the waiting blocks belong to (see the memo below).
  const [seen] = useState(() => ({ restarts: 0 }));
  // Bumped when idle time has rendered deferred blocks, to draw them.
  const [caughtUp, setCaughtUp] = useState(0);
  // Latched: a streamed answer keeps its newest groups drawn after it settles, so settling
  // does not switch on-screen groups to skippable all in one frame.
  const [streamed, setStreamed] = useState(streaming);
  if (streaming && !streamed) setStreamed(true);
  // update() is idempotent for a given text, and prepareBlocks renders a block only once, so
  // calling them while rendering is safe. Only a streamed answer defers blocks: one opened from
  // history is drawn whole in its first frame. The text rendered is never older than one
  // prepared ahead (the gate holds the newest text, and the caller draws as streaming until it
  // is shown); an older one would not continue the split and would start it over.
  const snapshot = useMemo(
    () =>
      advance({ splitter, deferred, seen, unplaced, definitions }, text, {
        budgeted: streaming || streamed,
        final: !streaming,
      }),
    [splitter, deferred, seen, unplaced, definitions, text, streaming, streamed],
  );
  // Now on the page. Before any text held in this commit is prepared (a parent's layout effect).
  useLayoutEffect(() => unplaced.clear(), [unplaced, snapshot]);
  // A held text belongs to a streamed answer: split it and render its newest blocks within
  // the budget now, and parse (or, an open code block, highlight) its tail as its frame will
  // draw it (a delta waiting behind another is likely followed by more, so its tail is left
  // to the frame).
  useLayoutEffect(
    () =>
      ahead?.provide((held, kind) => {
        const streaming = kind !== 'last';
        const state = { splitter, deferred, seen, unplaced, definitions };
        const next = advance(state, held, { budgeted: true, final: !streaming });
        if (kind === 'delta') return;
        if (streaming && next.openFence?.topLevel) prepareStreamingCode(held, next.openFence);
        else tailContent(next.tail, streaming, next.openFence !== null, definitions);
      }),
    [ahead, splitter, deferred, seen, unplaced, definitions],
  );
  useEffect(() => {
    deferred.schedule(() => setCaughtUp((count) => count + 1));
  }, [deferred, snapshot, caughtUp]);
  useEffect(() => () => deferred.cancel(), [deferred]);
  const fence = snapshot.openFence;
  const recentFrom = streamed ? firstRecentGroup(snapshot.groups) : snapshot.groups.length;
  const waiting = deferred.size > 0;
  // Read after advance (above): a definition found in this update redraws what uses it.
  const definitionsVersion = definitions.version;
  const plainChars = deferred.plainChars;
  // Before paint, so what the parent shows about it (aria-busy) is never a frame behind.
  useLayoutEffect(() => onPlainChars?.(plainChars), [onPlainChars, plainChars]);
  return (
    <>
      {snapshot.groups.map((group, index) => {
        const plain = waiting && group.some((block) => deferred.has(block));
        return (
          <BlockGroup
            key={group[0]?.start ?? 0}
            blocks={group}
            recent={index >= recentFrom}
            // Changes whenever a group that had plain-text blocks may have fewer.
            catchUp={plain ? caughtUp + 1 : 0}
            deferred={deferred}
            definitions={definitions}
            definitionsVersion={definitionsVersion}
          />
        );
      })}
      {streaming || snapshot.tail.text.trim() !== '' ? (
        <div className="md-tail">
          {streaming && fence?.topLevel ? (
            <StreamingCodeBlock key={`code-${snapshot.tail.start}`} text={text} fence={fence} />
          ) : (
            <TailBlock
              tail={snapshot.tail}
              streaming={streaming}
              inFence={fence !== null}
              definitions={definitions}
              uses={definitions.usedBy(snapshot.tail.text, snapshot.tail.start)?.key ?? ''}
            />
          )}
        </div>
      ) : null}
    </>
  );
});

/**
 * Brings the split up to `text` and renders its newest unrendered blocks
 * (within the burst budget when `budgeted`), leaving the rest to idle time.
 * `final`: the text is the answer's last (its tail is finished too).
 */
function advance(
  state: {
    splitter: BlockSplitter;
    deferred: DeferredBlocks;
    seen: { restarts: number };
    unplaced: Set<MarkdownBlock>;
    definitions: AnswerDefinitions;
  },
  text: string,
  { budgeted, final }: { budgeted: boolean; final: boolean },
): BlockSnapshot {
  const { splitter, deferred, seen, unplaced, definitions } = state;
  const next = splitter.update(text);
  // A text that did not continue the last one (another answer): its blocks are new.
  if (splitter.restarts !== seen.restarts) {
    seen.restarts = splitter.restarts;
    deferred.clear();
    unplaced.clear();
    definitions.clear();
  }
  definitions.add(next.groups, final ? next.tail : null);
  const budget = budgeted
    ? { chars: charsRenderedWithin(BURST_RENDER_MS), lines: BURST_RENDER_LINES }
    : null;
  const left = prepareBlocks(
    next.groups,
    budget,
    (block) => isRendered(block) || deferred.has(block),
    unplaced,
  );
  const above = blocksAboveView(text, left);
  deferred.add(left.slice(0, above), true);
  deferred.add(left.slice(above));
  return next;
}

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
  deferred,
  definitions,
}: {
  blocks: readonly MarkdownBlock[];
  recent: boolean;
  /** Only read by memo: a new value redraws the group. */
  catchUp: number;
  deferred: DeferredBlocks;
  definitions: AnswerDefinitions;
  /** Only read by memo: a definition was found, which blocks of the group may use. */
  definitionsVersion: number;
}): ReactNode {
  const children: ReactNode[] = [];
  for (let i = 0; i < blocks.length;) {
    const block = blocks[i] as MarkdownBlock;
    if (!deferred.has(block)) {
      const uses = definitions.usedBy(block.text, block.start)?.key ?? '';
      children.push(
        <FinishedBlock key={block.start} block={block} definitions={definitions} uses={uses} />,
      );
      i += 1;
      continue;
    }
    // Blocks still waiting for their rendering, left out together: their text as it arrived,
    // in one element (rendering catches up newest first, so the run keeps its first block and
    // its key). An update leaves out those above the view and the others apart (PlainText).
    const batch = deferred.batchOf(block);
    let text = '';
    for (; i < blocks.length && deferred.batchOf(blocks[i] as MarkdownBlock) === batch; i += 1)
      text += (blocks[i] as MarkdownBlock).text;
    children.push(
      <PlainText key={block.start} text={text} aboveView={deferred.aboveView(block)} />,
    );
  }
  return <div className={recent ? 'md-group md-group-recent' : 'md-group'}>{children}</div>;
});

const FinishedBlock = memo(function FinishedBlock({
  block,
  definitions,
  uses,
}: {
  block: MarkdownBlock;
  definitions: AnswerDefinitions;
  /** Which definitions of other blocks this one uses ('' for none): a change redraws it. */
  uses: string;
}): ReactNode {
  const used = uses === '' ? null : definitions.usedBy(block.text, block.start);
  return used === null ? renderedBlock(block) : renderedBlockUsing(block, used);
});

/**
 * What the update that brings a burst of finished blocks may spend
 * rendering its newest ones (by the measured rate, charsRenderedWithin), and
 * at most about a view's worth of lines (the benchmark's 800 px window shows
 * about 30). The rest is on the page as plain text until idle time renders
 * it, newest first (DeferredBlocks). Small: in the streaming benchmark's
 * fastest run a few dozen deltas of thousands of characters each arrive
 * within half a second, and each should be on screen within a frame; with
 * 5 ms instead of 2.5 the p95 delta-to-paint was about half as long again.
 */
const BURST_RENDER_MS = 2.5;
const BURST_RENDER_LINES = 40;

const TailBlock = memo(function TailBlock({
  tail,
  streaming,
  inFence,
  definitions,
  uses,
}: {
  tail: MarkdownBlock;
  streaming: boolean;
  inFence: boolean;
  definitions: AnswerDefinitions;
  /** Which definitions of finished blocks the tail uses ('' for none): a change redraws it. */
  uses: string;
}): ReactNode {
  const { text, start } = tail;
  return useMemo(
    () => tailContent({ text, start }, streaming, inFence, definitions, uses),
    [text, start, streaming, inFence, definitions, uses],
  );
});

/**
 * The unfinished tail as drawn: healed while streaming, with the definitions
 * it uses from finished blocks (renderedTail keeps it for reuse). `uses`, when
 * known, saves looking them up again ('' for none).
 */
function tailContent(
  tail: MarkdownBlock,
  streaming: boolean,
  inFence: boolean,
  definitions: AnswerDefinitions,
  uses?: string,
): ReactNode {
  const source = streaming ? healTail(tail.text, inFence) : tail.text;
  if (source.trim() === '') return null;
  return renderedTail(source, uses === '' ? null : definitions.usedBy(source, tail.start));
}

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
