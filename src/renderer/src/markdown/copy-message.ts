import { BlockSplitter } from './block-splitter';

/**
 * What the whole-message Copy button puts on the clipboard: the answer's
 * markdown as Claude wrote it (people paste it into editors and issues, where
 * markdown is what they want). If the answer was interrupted inside a code
 * fence, the fence is closed so the pasted text does not swallow whatever the
 * person writes after it.
 */
export function messageMarkdownForCopy(text: string): string {
  const body = text.replace(/\s+$/, '');
  const fence = new BlockSplitter().update(`${body}\n`).openFence;
  if (fence === null) return body;
  // Indented like its opener: a closer at the margin would end the list item the code is in
  // and open a new fence instead.
  const { char, length, indent } = fence.opener;
  return `${body}\n${' '.repeat(indent)}${char.repeat(length)}`;
}

/** Convenience for the chat view: prepare the message's markdown and hand it to `copy`. */
export function copyMessageMarkdown(text: string, copy: (markdown: string) => void): void {
  copy(messageMarkdownForCopy(text));
}
