/**
 * Markdown rendering for Claude's answers. The chat view mounts
 * `<StreamingMarkdown>` per answer and owns the clipboard and link opening;
 * everything else here is internal.
 */
export { StreamingMarkdown, type StreamingMarkdownProps } from './streaming-markdown';
export { copyMessageMarkdown, messageMarkdownForCopy } from './copy-message';
export { PrepareAhead, useFrameBatchedText, type DeltaSource } from './use-frame-batched-text';
export { hiddenHost, warmUpWhenIdle } from './warm-up';
