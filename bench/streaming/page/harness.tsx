import { memo, useLayoutEffect, useState, type ReactNode } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { StreamingMarkdown } from '../../../src/renderer/src/markdown';
import type { BenchMode } from '../bench-result';

const ignore = (): void => undefined;
const remarkPlugins = [remarkGfm];

/**
 * The message under test, as the chat view would hold it: the parent keeps
 * the text in state and re-renders on every delta. `incremental` is Parley's
 * StreamingMarkdown; `baseline` is the common approach of re-rendering the
 * whole message with react-markdown + remark-gfm on every delta.
 */
export function Harness({
  mode,
  onReady,
}: {
  mode: BenchMode;
  onReady: (setText: (text: string) => void) => void;
}): ReactNode {
  const [text, setText] = useState('');
  useLayoutEffect(() => onReady(setText), [onReady]);
  if (mode === 'incremental') {
    return <StreamingMarkdown text={text} streaming onOpenLink={ignore} onCopy={ignore} />;
  }
  if (mode === 'plain') return <PlainText text={text} />;
  return (
    <div className="markdown">
      <Markdown remarkPlugins={remarkPlugins}>{text}</Markdown>
    </div>
  );
}

const PLAIN_CHUNK = 2048;

/** Calibration: the text in fixed chunks of pre-wrapped text, finished chunks memoised. */
function PlainText({ text }: { text: string }): ReactNode {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += PLAIN_CHUNK)
    chunks.push(text.slice(at, at + PLAIN_CHUNK));
  return (
    <div className="plain-text">
      {chunks.map((chunk, index) => (
        <PlainChunk key={index} text={chunk} />
      ))}
    </div>
  );
}

const PlainChunk = memo(function PlainChunk({ text }: { text: string }): ReactNode {
  return <span>{text}</span>;
});
