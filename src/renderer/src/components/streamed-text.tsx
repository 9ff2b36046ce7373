import { memo, type ReactNode } from 'react';

/**
 * Plain text, never HTML: model output is untrusted, so it goes into text
 * nodes only (white-space: pre-wrap keeps its line breaks). Full chunks keep
 * their identity between deltas, so React skips them and only the tail
 * re-renders while an answer streams.
 */
const Chunk = memo(function Chunk({ text }: { text: string }): ReactNode {
  return <span>{text}</span>;
});

export const StreamedText = memo(function StreamedText({
  chunks,
  streaming,
}: {
  chunks: readonly string[];
  streaming: boolean;
}): ReactNode {
  return (
    <div className="message-text">
      {chunks.map((chunk, index) => (
        // Chunks only ever append, so the index is a stable identity.
        <Chunk key={index} text={chunk} />
      ))}
      {streaming ? <span className="stream-caret" aria-hidden="true" /> : null}
    </div>
  );
});
