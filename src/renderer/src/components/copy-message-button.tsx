import { useEffect, useState, type ReactNode } from 'react';
import { chunksToText } from '../chat/text-chunks';
import { messageMarkdownForCopy } from '../markdown';
import { useMessageActions } from '../hooks/use-message-actions';
import { CopyIcon } from './icons';

const FEEDBACK_MS = 1800;

/**
 * Copies a whole answer as markdown (what people paste into editors and
 * issues). The label says whether it worked; when the clipboard refused,
 * the message list also shows how to copy by hand.
 */
export function CopyMessageButton({ chunks }: { chunks: readonly string[] }): ReactNode {
  const { copy } = useMessageActions();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (outcome === null) return undefined;
    const timer = setTimeout(() => setOutcome(null), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <button
      type="button"
      className="button button-small button-quiet message-copy"
      aria-label="Copy message"
      onClick={() => {
        void copy(messageMarkdownForCopy(chunksToText(chunks))).then((ok) =>
          setOutcome(ok ? 'copied' : 'failed'),
        );
      }}
    >
      <CopyIcon />
      {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Not copied' : 'Copy'}
    </button>
  );
}
