import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { StreamingMarkdown } from '../../../../src/renderer/src/markdown';
import { MarkdownBlocks } from '../../../../src/renderer/src/markdown/markdown-blocks';
import { mount } from './dom';

/** Splits `text` into chunks of 1..maxSize characters, the same way for the same seed. */
export function chunk(text: string, seed: number, maxSize = 12): string[] {
  let state = seed >>> 0 || 1;
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const size = 1 + (state % maxSize);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Every prefix a stream of `chunks` shows, in order. */
export function prefixes(chunks: readonly string[]): string[] {
  const out: string[] = [];
  let text = '';
  for (const piece of chunks) {
    text += piece;
    out.push(text);
  }
  return out;
}

export function renderStatic(text: string, streaming = false): string {
  return renderToStaticMarkup(
    createElement(StreamingMarkdown, {
      text,
      streaming,
      onOpenLink: () => undefined,
      onCopy: () => undefined,
    }),
  );
}

/** An answer as drawn when opened from history: all at once, through the DOM (happy-dom). */
export function renderAtOnce(text: string): string {
  const once = mount();
  once.render(createElement(MarkdownBlocks, { text, streaming: false }));
  const html = once.container.innerHTML;
  once.unmount();
  return html;
}

export interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

const TAG =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * The start tags in static markup. Text never contains a raw "<" (React
 * escapes it), so every "<" followed by a letter is a real element.
 */
export function tagsOf(markup: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of markup.matchAll(TAG)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = (attribute[1] ?? '').toLowerCase();
      attributes.set(name, decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

export function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Animation frames stepped by hand. */
export function manualFrames(): {
  request: (cb: () => void) => number;
  cancel: (handle: number) => void;
  step: () => void;
  pending: () => number;
} {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (handle) => queue.delete(handle),
    step: () => {
      const due = [...queue.values()];
      queue.clear();
      for (const cb of due) cb();
    },
    pending: () => queue.size,
  };
}
