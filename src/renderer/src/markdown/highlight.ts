import type { ElementContent, Root } from 'hast';
import { createElement, type ReactNode } from 'react';
import { common, createLowlight } from 'lowlight';

/**
 * Syntax highlighting as React elements, never as HTML strings: lowlight runs
 * highlight.js's grammars and returns a hast tree, which is turned into
 * `<span className="hljs-…">` elements here. Only spans and text are ever
 * produced, and class names come from the grammars, not from the content.
 *
 * Results are cached by language and code, so a finished code block is
 * highlighted once even if its message is unmounted and shown again. The
 * segments of a code block still streaming are kept apart, in a small cache
 * of their own: its last segment is new on every delta and is needed for a
 * frame or two, and a long block streamed slowly would otherwise push every
 * finished block out, to be highlighted again when scrolled back into view.
 */
const lowlight = createLowlight(common);

/** Beyond this size highlighting could stall a frame; such code is shown plain. */
export const MAX_HIGHLIGHT_CHARS = 40_000;
const FINISHED_LIMIT = 300;
/** Room for the segments a burst prepares ahead of its frame (PrepareAhead). */
const STREAMING_LIMIT = 64;
const finished = new Map<string, ReactNode>();
const streaming = new Map<string, ReactNode>();
const CLASS_NAME = /^[\w-]+$/;

/** Whether `language` (a name or alias such as `ts` or `sh`) has a grammar. */
export function isKnownLanguage(language: string | null): language is string {
  return language !== null && lowlight.registered(language.toLowerCase());
}

/**
 * `streamingSegment`: the code is a segment of a block whose fence is still
 * open. A finished block whose code was last drawn as such a segment takes
 * that highlighting over instead of highlighting again.
 */
export function highlightCode(
  language: string | null,
  code: string,
  streamingSegment = false,
): ReactNode {
  if (!isKnownLanguage(language) || code.length === 0 || code.length > MAX_HIGHLIGHT_CHARS) {
    return code;
  }
  const key = `${language}\u0000${code}`;
  const done = finished.get(key);
  const hit = done ?? streaming.get(key);
  const asFinished = done !== undefined || !streamingSegment;
  if (asFinished && hit !== undefined) streaming.delete(key);
  const tree = hit ?? toReact(lowlight.highlight(language.toLowerCase(), code));
  if (asFinished) remember(finished, FINISHED_LIMIT, key, tree);
  else remember(streaming, STREAMING_LIMIT, key, tree);
  return tree;
}

/** Most recently used last: Map iteration order is insertion order. */
function remember(
  cache: Map<string, ReactNode>,
  limit: number,
  key: string,
  tree: ReactNode,
): void {
  cache.delete(key);
  cache.set(key, tree);
  if (cache.size > limit) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
}

function toReact(root: Root): ReactNode {
  return root.children.map((child, index) => convert(child as ElementContent, index));
}

function convert(node: ElementContent, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return null;
  const classes = node.properties['className'];
  const className = Array.isArray(classes)
    ? classes.filter((c): c is string => typeof c === 'string' && CLASS_NAME.test(c)).join(' ')
    : '';
  return createElement(
    'span',
    { key, className: className || undefined },
    node.children.map((child, index) => convert(child, index)),
  );
}
