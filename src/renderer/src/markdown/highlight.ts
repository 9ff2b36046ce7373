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
 * highlighted once even if its message is unmounted and shown again.
 */
const lowlight = createLowlight(common);

/** Beyond this size highlighting could stall a frame; such code is shown plain. */
export const MAX_HIGHLIGHT_CHARS = 40_000;
const CACHE_LIMIT = 300;
const cache = new Map<string, ReactNode>();
const CLASS_NAME = /^[\w-]+$/;

/** Whether `language` (a name or alias such as `ts` or `sh`) has a grammar. */
export function isKnownLanguage(language: string | null): language is string {
  return language !== null && lowlight.registered(language.toLowerCase());
}

export function highlightCode(language: string | null, code: string): ReactNode {
  if (!isKnownLanguage(language) || code.length === 0 || code.length > MAX_HIGHLIGHT_CHARS) {
    return code;
  }
  const key = `${language}\u0000${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Refresh recency: Map iteration order is insertion order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const tree = toReact(lowlight.highlight(language.toLowerCase(), code));
  cache.set(key, tree);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return tree;
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
