import type { SnippetSegment } from './history-types';

/**
 * snippet() marks matches with two Unicode noncharacters (reserved for exactly
 * this kind of internal use) instead of HTML. Splitting on them gives
 * structured segments the renderer shows as text, so a message containing
 * `<script>` stays text all the way to the screen.
 */
export const matchStart = '\uFDD0';
export const matchEnd = '\uFDD1';
export const snippetEllipsis = '…';

export function toSnippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    const flat = text.replace(/\s+/g, ' ');
    const last = segments[segments.length - 1];
    if (flat.length === 0) return;
    if (last && last.match === match) last.text += flat;
    else segments.push({ text: flat, match });
  };
  for (const char of snippet) {
    if (char === matchStart || char === matchEnd) {
      push();
      text = '';
      match = char === matchStart;
    } else {
      text += char;
    }
  }
  push();
  return segments;
}
