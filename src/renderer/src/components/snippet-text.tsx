import type { ReactNode } from 'react';
import type { SnippetSegment } from '../../../shared/history';

/**
 * A search snippet: main sends it as runs of text, the matched words
 * flagged, never as HTML. Each run becomes a text node, the matches inside
 * `<mark>`, so a message that contains markup stays text on screen.
 */
export function SnippetText({ segments }: { segments: readonly SnippetSegment[] }): ReactNode {
  return (
    <span className="snippet">
      {segments.map((segment, index) =>
        // Segments never reorder within one snippet, so the index is their identity.
        segment.match ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
