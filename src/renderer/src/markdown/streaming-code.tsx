import { memo, useMemo, type ReactNode } from 'react';
import type { OpenFence } from './block-splitter';
import { CodeFrame } from './code-block';
import { highlightCode } from './highlight';
import { fenceLanguage } from './line-syntax';
import { ownString } from './own-string';

/**
 * A code block whose closing fence has not arrived yet. It is drawn straight
 * from the splitter's fence state, without the markdown parser, in segments of
 * a fixed number of lines: a complete segment is highlighted once and then
 * skipped by React, and only the last, growing segment is highlighted again on
 * each delta. So a long code block streams at constant cost per delta.
 *
 * Each segment is highlighted on its own, so a construct spanning segments
 * (a long comment or string) may be coloured differently until the fence
 * closes; then the whole block is highlighted once as a finished block.
 */
export const StreamingCodeBlock = memo(function StreamingCodeBlock({
  text,
  fence,
}: {
  /** The whole answer so far; the block's code runs from `fence.contentStart` to the end. */
  text: string;
  fence: OpenFence;
}): ReactNode {
  const language = fenceLanguage(fence.opener.info);
  const codeEnd = withoutPartialCloser(text, fence);
  return (
    <CodeFrame language={language} code={text.slice(fence.contentStart, codeEnd)}>
      {codeSegments(text, fence, codeEnd).map(({ start, code }) => (
        <CodeSegment key={start} language={language} code={code} />
      ))}
    </CodeFrame>
  );
});

/**
 * Highlights the segments of an open code block as StreamingCodeBlock will
 * draw them, for a text that waits for its frame (PrepareAhead): the frame
 * then finds them in the highlighter's cache. A burst that ends inside a
 * long code block otherwise highlighted its growing segment in the frame.
 */
export function prepareStreamingCode(text: string, fence: OpenFence): void {
  const language = fenceLanguage(fence.opener.info);
  const codeEnd = withoutPartialCloser(text, fence);
  for (const { code } of codeSegments(text, fence, codeEnd)) highlightSegment(language, code);
}

/** The block's code up to `codeEnd` in segments of a fixed number of lines, each with where it starts. */
function codeSegments(
  text: string,
  fence: OpenFence,
  codeEnd: number,
): { start: number; code: string }[] {
  const starts = fence.segmentStarts;
  const segments: { start: number; code: string }[] = [];
  for (let i = 0; i < starts.length; i += 1) {
    const start = starts[i] ?? fence.contentStart;
    const end = Math.max(start, starts[i + 1] ?? codeEnd);
    segments.push({ start, code: ownString(text.slice(start, end)) });
  }
  return segments;
}

/** End of the code shown: a closing fence still being typed ("``") is not code. */
function withoutPartialCloser(text: string, fence: OpenFence): number {
  const lineStart = Math.max(text.lastIndexOf('\n') + 1, fence.contentStart);
  const line = text.slice(lineStart);
  const marker = line.trim();
  const closing = marker !== '' && marker === fence.opener.char.repeat(marker.length);
  return closing ? lineStart : text.length;
}

const CodeSegment = memo(function CodeSegment({
  language,
  code,
}: {
  language: string | null;
  code: string;
}): ReactNode {
  return useMemo(() => highlightSegment(language, code), [language, code]);
});

function highlightSegment(language: string | null, code: string): ReactNode {
  // Without the last line break, as the finished block's code will be: when the fence
  // closes, a block of one segment finds its highlighting already in the cache.
  if (!code.endsWith('\n')) return highlightCode(language, code, true);
  return (
    <>
      {highlightCode(language, code.slice(0, -1), true)}
      {'\n'}
    </>
  );
}
