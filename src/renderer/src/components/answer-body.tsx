import { memo, useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { liveDeltas } from '../chat/live-deltas';
import { chunksToText } from '../chat/text-chunks';
import { useMessageActions } from '../hooks/use-message-actions';
import {
  PrepareAhead,
  StreamingMarkdown,
  useFrameBatchedText,
  type DeltaSource,
} from '../markdown';

/** Past this many characters an answer keeps its off-screen blocks unrendered (see CSS). */
const LONG_ANSWER_CHARS = 12_000;

/**
 * Claude's answer as markdown (untrusted: no raw HTML, allowlisted links
 * that open only after confirmation, no remote images). Every delta may be
 * passed: the text is applied at most once per animation frame, only the
 * unfinished tail is parsed again, and a burst of text that arrives at once
 * is on the page in the next frame, all of it, its newest blocks rendered
 * and the rest rendered in idle time (MarkdownBlocks), instead of in one
 * long task.
 */
export const AnswerBody = memo(function AnswerBody({
  chunks,
  streaming,
  liveId = null,
  hidden = false,
}: {
  chunks: readonly string[];
  streaming: boolean;
  /** The request whose deltas this body takes as they arrive, ahead of `chunks` (LiveDeltas). */
  liveId?: string | null;
  /** Nothing has arrived yet: kept hidden until the first delta does. */
  hidden?: boolean;
}): ReactNode {
  const text = useMemo(() => chunksToText(chunks), [chunks]);
  // The gate holds a burst for its frame; meanwhile the markdown prepares it (PrepareAhead).
  const [ahead] = useState(() => new PrepareAhead());
  const deltas = useMemo<DeltaSource | null>(
    () => (liveId === null ? null : (sink) => liveDeltas.attach(liveId, sink)),
    [liveId],
  );
  const shown = useFrameBatchedText(text, streaming, ahead, deltas);
  // The stream's last burst waits for the next frame (FrameGate): until then it is drawn
  // as still streaming, its tail healed.
  const drawing = streaming || shown !== text;
  const [busy] = useState(() => new BusyMarks(drawing));
  useLayoutEffect(() => busy.setDrawing(drawing), [busy, drawing]);
  const { openLink, copy } = useMessageActions();
  const onCopy = useCallback((code: string) => void copy(code), [copy]);
  // While it streams (or is long) off-screen blocks may be skipped; settled and short, not.
  const className =
    drawing || text.length > LONG_ANSWER_CHARS
      ? 'message-text message-markdown'
      : 'message-text message-markdown message-short';
  // data-shown-chars tells tests and benchmarks how much of the text is on the page without
  // reading the DOM back (data-plain-chars: how much of that is still plain text).
  return (
    <div
      ref={busy.attach}
      className={className}
      hidden={hidden && shown === ''}
      data-shown-chars={shown.length}
    >
      <StreamingMarkdown
        text={shown}
        streaming={drawing}
        batched
        ahead={ahead}
        onPlainChars={busy.setPlainChars}
        onOpenLink={openLink}
        onCopy={onCopy}
      />
    </div>
  );
});

/**
 * Marks the body busy (aria-busy) while it streams, and after a burst until
 * all of it is drawn as markdown, with how many characters are still plain
 * text (data-plain-chars). Written on the element, not through state: the
 * count changes in a layout effect of the burst's own frame, and state would
 * render the body a second time in that frame for two attributes.
 */
class BusyMarks {
  private element: HTMLElement | null = null;
  private plain = 0;

  constructor(private drawing: boolean) {}

  readonly attach = (element: HTMLElement | null): void => {
    this.element = element;
    this.write();
  };

  readonly setPlainChars = (chars: number): void => {
    this.plain = chars;
    this.write();
  };

  setDrawing(drawing: boolean): void {
    this.drawing = drawing;
    this.write();
  }

  /** Only what changed: setting an attribute to its own value still counts as a mutation. */
  private write(): void {
    const { element } = this;
    if (!element) return;
    mark(element, 'aria-busy', String(this.drawing || this.plain > 0));
    mark(element, 'data-plain-chars', String(this.plain));
  }
}

function mark(element: HTMLElement, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
