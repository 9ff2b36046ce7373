import type { SnippetSegment } from './history-types';
import { WORD_BREAK } from './search-text';

/**
 * snippet() marks matches with two Unicode noncharacters (reserved for exactly
 * this kind of internal use) instead of HTML. Splitting on them gives
 * structured segments the renderer shows as text, so a message containing
 * `<script>` stays text all the way to the screen.
 */
export const matchStart = '\uFDD0';
export const matchEnd = '\uFDD1';
export const snippetEllipsis = '…';
const leadingMarks = /^\p{M}+/u;

export function toSnippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    // The index's own word breaks (search-text.ts) are not the person's text.
    let flat = text.replaceAll(WORD_BREAK, '').replace(/\s+/g, ' ');
    const last = segments[segments.length - 1];
    if (last?.match && !match) {
      // unicode61 ends a match before a vowel sign or accent written apart (a separator
      // to it): the sign goes with its letter, inside the mark.
      const signs = leadingMarks.exec(flat)?.[0] ?? '';
      last.text += signs;
      flat = flat.slice(signs.length);
    }
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
