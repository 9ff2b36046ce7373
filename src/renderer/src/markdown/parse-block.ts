import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * Markdown text -> mdast syntax tree, with GitHub-flavoured extensions
 * (tables, task lists, strikethrough, autolink literals, footnotes).
 *
 * Raw HTML is switched off in the tokenizer itself: `<script>` or `<img ...>`
 * in model output is never an HTML node, just characters in a paragraph, so
 * no later stage can be talked into rendering it.
 */
const micromarkExtensions = [gfm(), { disable: { null: ['htmlFlow', 'htmlText'] } }];
const mdastExtensions = gfmFromMarkdown();

export interface ParsedBlock {
  readonly root: Root;
  /** Link reference definitions in this block: identifier -> destination. */
  readonly definitions: ReadonlyMap<string, string>;
}

export function parseBlock(text: string): ParsedBlock {
  const root = fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
  const definitions = new Map<string, string>();
  collectDefinitions(root, definitions);
  return { root, definitions };
}

/** `[a][ref]` links carry only an identifier; their URL lives in a definition. */
function collectDefinitions(node: Nodes, into: Map<string, string>): void {
  if (node.type === 'definition') {
    if (!into.has(node.identifier)) into.set(node.identifier, node.url);
    return;
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into);
}
