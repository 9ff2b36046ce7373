import { memo, useCallback, useMemo, type ReactNode } from 'react';
import { chunksToText } from '../chat/text-chunks';
import { useMessageActions } from '../hooks/use-message-actions';
import { usePacedText } from '../hooks/use-paced-text';
import { StreamingMarkdown } from '../markdown';

/** Past this many characters an answer keeps its off-screen blocks unrendered (see CSS). */
const LONG_ANSWER_CHARS = 12_000;

/**
 * Claude's answer as markdown (untrusted: no raw HTML, allowlisted links
 * that open only after confirmation, no remote images). Every delta may be
 * passed: StreamingMarkdown applies at most one update per animation frame
 * and re-parses only the unfinished tail, and a backlog that arrives at
 * once is revealed over a few frames (usePacedText) instead of in one long
 * task.
 */
export const AnswerBody = memo(function AnswerBody({
  chunks,
  streaming,
}: {
  chunks: readonly string[];
  streaming: boolean;
}): ReactNode {
  const text = useMemo(() => chunksToText(chunks), [chunks]);
  const paced = usePacedText(text, streaming);
  const { openLink, copy } = useMessageActions();
  const onCopy = useCallback((code: string) => void copy(code), [copy]);
  // While it streams (or is long) off-screen blocks may be skipped; settled and short, not.
  const className =
    paced.live || text.length > LONG_ANSWER_CHARS
      ? 'message-text message-markdown'
      : 'message-text message-markdown message-short';
  // Busy while a backlog is still being revealed, even after the stream itself has ended.
  // data-shown-chars tells tests and benchmarks how far the reveal has got, without reading
  // the whole text back out of the DOM.
  return (
    <div className={className} aria-busy={paced.live} data-shown-chars={paced.text.length}>
      <StreamingMarkdown
        text={paced.text}
        streaming={paced.live}
        onOpenLink={openLink}
        onCopy={onCopy}
      />
    </div>
  );
});
