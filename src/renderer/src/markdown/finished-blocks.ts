import type { RootContent } from 'mdast';
import type { ReactNode } from 'react';
import type { MarkdownBlock } from './block-splitter';
import { parseBlock } from './parse-block';
import { renderBlock } from './render-mdast';

/** Rendered elements per finished block: a block is parsed once, however often React asks. */
const rendered = new WeakMap<MarkdownBlock, ReactNode>();
const NO_DEFINITIONS: ReadonlyMap<string, string> = new Map();

/**
 * The last few renderings of a streaming tail, by their text without blank
 * lines at either end (which mean nothing inside one block). A block that
 * finishes has usually just been drawn as the tail from the same text; it
 * reuses that rendering instead of being parsed again in the very frame in
 * which it finishes, next to the new tail's own parse.
 */
const recentTails = new Map<string, ReactNode>();
const RECENT_TAILS = 4;
const BLANK_ENDS = /^\n+|\n+$/g;

const tailKey = (text: string): string => text.replace(BLANK_ENDS, '');

/** The unfinished tail (already healed), rendered. */
export function renderedTail(source: string): ReactNode {
  const key = tailKey(source);
  let content = recentTails.get(key);
  if (content === undefined) {
    content = renderBlock(parseBlock(source));
    recentTails.set(key, content);
    if (recentTails.size > RECENT_TAILS) {
      const oldest = recentTails.keys().next();
      if (!oldest.done) recentTails.delete(oldest.value);
    }
  }
  return content;
}

/** A finished block, rendered (prepareBlocks has already taken those the tail just drew). */
export function renderedBlock(block: MarkdownBlock): ReactNode {
  let content = rendered.get(block);
  if (content === undefined) {
    content = renderBlock(parseBlock(block.text));
    rendered.set(block, content);
  }
  return content;
}

/**
 * Renders the finished blocks that have not been rendered yet: a block the
 * tail has just drawn from the same text takes that rendering; the others
 * are parsed in one call instead of one call each. Every call into the
 * parser first assembles its grammar (about 0.15 ms), which for an answer
 * opened from history, made of dozens of short blocks, costs more than the
 * parsing itself. The blocks are
 * contiguous slices of the answer cut where markdown blocks end, so the
 * joint tree's top-level nodes fall into them one by one, and each block
 * gets exactly the nodes it would have parsed to alone. The one thing that
 * crosses blocks is a link reference definition (`[id]: url`, which `]:`
 * always marks): such a run is parsed block by block, as each block alone
 * would be.
 */
export function prepareBlocks(groups: readonly (readonly MarkdownBlock[])[]): void {
  // New blocks are always the last ones: walk back to the last one already rendered, so the
  // cost is that of the new blocks, not of the whole answer.
  const run: MarkdownBlock[] = [];
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const group = groups[g] ?? [];
    let i = group.length - 1;
    for (; i >= 0; i -= 1) {
      const block = group[i] as MarkdownBlock;
      if (rendered.has(block)) break;
      const drawn = recentTails.get(tailKey(block.text));
      if (drawn === undefined) run.push(block);
      else rendered.set(block, drawn);
    }
    if (i >= 0) break;
  }
  run.reverse();
  if (run.length < 2) return;
  const text = run.map((block) => block.text).join('');
  const contiguous = run.every(
    (block, i) =>
      i === 0 ||
      block.start ===
        (run[i - 1] as MarkdownBlock).start + (run[i - 1] as MarkdownBlock).text.length,
  );
  if (!contiguous || text.includes(']:')) return;
  const base = (run[0] as MarkdownBlock).start;
  const parts: RootContent[][] = run.map(() => []);
  let index = 0;
  for (const child of parseBlock(text).root.children) {
    const offset = child.position?.start.offset;
    if (offset === undefined) return;
    while (index < run.length - 1 && base + offset >= (run[index + 1] as MarkdownBlock).start)
      index += 1;
    parts[index]?.push(child);
  }
  run.forEach((block, i) => {
    const root = { type: 'root' as const, children: parts[i] ?? [] };
    rendered.set(block, renderBlock({ root, definitions: NO_DEFINITIONS }));
  });
}
