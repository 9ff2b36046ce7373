import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MarkdownActionsContext, type MarkdownActions } from './markdown-actions';
import { MarkdownBlocks } from './markdown-blocks';
import { PrepareAhead, useFrameBatchedText } from './use-frame-batched-text';
import { warmUpWhenIdle } from './warm-up';
import './markdown.css';
import './code-highlight.css';

export interface StreamingMarkdownProps {
  /** The answer so far (untrusted model output). */
  text: string;
  /** True while deltas are still arriving: the tail is healed and updates are frame-batched. */
  streaming: boolean;
  /**
   * The caller already applies the text at most once per animation frame
   * (useFrameBatchedText), so this component need not hold it back again.
   */
  batched?: boolean;
  /**
   * Where the caller's own frame gate (when `batched`) offers a held text
   * for preparation (PrepareAhead); without one the component has its own.
   */
  ahead?: PrepareAhead;
  /**
   * How many characters of a burst's older blocks are drawn as plain text,
   * to be rendered in idle time (0 once all of it is markdown).
   */
  onPlainChars?: (chars: number) => void;
  /** A link was clicked; the URL is already validated (https, http or mailto). */
  onOpenLink: (url: string) => void;
  /** A code block's Copy button was pressed; put `text` on the clipboard. */
  onCopy: (text: string) => void;
}

/**
 * Claude's answer as GitHub-flavoured markdown, safe for untrusted input and
 * cheap to stream: no raw HTML, links only through the allowlist and never
 * navigating, no images loaded, and a constant cost per delta (see
 * MarkdownBlocks). Updates are applied at most once per animation frame
 * (useFrameBatchedText), so the parent may pass every delta.
 */
export function StreamingMarkdown({
  text,
  streaming,
  batched = false,
  ahead,
  onPlainChars,
  onOpenLink,
  onCopy,
}: StreamingMarkdownProps): ReactNode {
  const [ownAhead] = useState(() => new PrepareAhead());
  const prepare = ahead ?? ownAhead;
  // Not streaming (or batched by the caller), the gate passes the text straight through, but
  // for the text a stream ended with while it waited for its frame (FrameGate.holdsLast),
  // which is drawn as still streaming until then.
  const shown = useFrameBatchedText(text, streaming && !batched, prepare);
  const drawing = streaming || shown !== text;
  const actions = useStableActions(onOpenLink, onCopy);
  useEffect(warmUpWhenIdle, []);
  return (
    <MarkdownActionsContext value={actions}>
      <div className="markdown">
        <MarkdownBlocks
          text={shown}
          streaming={drawing}
          onPlainChars={onPlainChars}
          ahead={prepare}
        />
      </div>
    </MarkdownActionsContext>
  );
}

/**
 * One actions object for the component's lifetime that always calls the
 * latest callbacks, so inline callbacks from the parent never re-render the
 * memoised blocks.
 */
function useStableActions(
  onOpenLink: (url: string) => void,
  onCopy: (text: string) => void,
): MarkdownActions {
  const latest = useRef({ onOpenLink, onCopy });
  useLayoutEffect(() => {
    latest.current = { onOpenLink, onCopy };
  }, [onOpenLink, onCopy]);
  return useMemo(
    () => ({
      openLink: (url: string) => latest.current.onOpenLink(url),
      copy: (value: string) => latest.current.onCopy(value),
    }),
    [],
  );
}
