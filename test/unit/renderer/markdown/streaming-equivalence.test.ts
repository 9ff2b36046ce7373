// @vitest-environment happy-dom
import { Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AnswerDefinitions,
  parseWithDefinitions,
} from '../../../../src/renderer/src/markdown/answer-definitions';
import { BlockSplitter } from '../../../../src/renderer/src/markdown/block-splitter';
import { MarkdownBlocks } from '../../../../src/renderer/src/markdown/markdown-blocks';
import { parseBlock } from '../../../../src/renderer/src/markdown/parse-block';
import { renderBlock } from '../../../../src/renderer/src/markdown/render-mdast';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';
import { createElement, mount, type Mounted } from './dom';
import { chunk, renderAtOnce, renderStatic } from './helpers';
import { xssCorpus } from './xss-corpus';

const MIXED = [
  '# Plan',
  '',
  'Intro with **bold**, *em*, `code` and a [link](https://example.com).',
  '',
  '1. First step:',
  '',
  '   ```bash',
  '   npm install',
  '',
  '   npm test',
  '   ```',
  '',
  '2. Second step',
  '',
  '- [x] done',
  '- [ ] todo',
  '',
  '| Step | Cost |',
  '| --- | ---: |',
  '| a | 1 |',
  '| b | 2 |',
  '',
  '> A quote',
  '> over two lines',
  '',
  '```ts',
  'export function f(x: number): number {',
  '  return x * 2;',
  '}',
  '```',
  'Right after the fence.',
  '',
  '```python',
  'print("interrupted")',
].join('\n');

/**
 * References whose definitions are blocks away, most after them (as in an
 * answer that lists its sources at the end), one before, an identifier
 * defined twice (the first definition wins) and a footnote.
 */
const REFERENCES = [
  'See [the docs][docs] and [Docs], or [the spec][spec].[^note]',
  '',
  '- an item with [the docs][docs]',
  '- and a [collapsed][] one',
  '',
  '[early]: https://example.com/early',
  '',
  '> Quoted: [early] and [the docs][DOCS]',
  '',
  '| a | b |',
  '| --- | --- |',
  '| [spec] | [none][missing] |',
  '',
  '[docs]: https://example.com/docs',
  '[spec]: <https://example.com/a spec> "Spec"',
  '[collapsed]: https://example.com/collapsed',
  '[docs]: https://example.com/second',
  '',
  '[^note]: A footnote, cited in the first paragraph.',
].join('\n');

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

function renderStreamed(text: string, seed: number, maxSize: number): string {
  mounted = mount();
  let shown = '';
  for (const piece of chunk(text, seed, maxSize)) {
    shown += piece;
    mounted.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
  }
  mounted.render(createElement(MarkdownBlocks, { text, streaming: false }));
  // A streamed answer keeps its newest groups always drawn (recent-groups.test.ts): a
  // rendering hint, not content, so it is left out of the comparison.
  return mounted.container.innerHTML.replaceAll(' md-group-recent', '');
}

describe('streamed rendering ends exactly like rendering at once', () => {
  it.each([1, 2, 3])('mixed markdown in small chunks (seed %i)', (seed) => {
    expect(renderStreamed(MIXED, seed, 6)).toBe(renderAtOnce(MIXED));
  });

  it('a long generated answer in token-sized chunks', () => {
    const text = longMarkdownTokens(2500).join('');
    expect(renderStreamed(text, 5, 24)).toBe(renderAtOnce(text));
  });

  it.each([1, 2])('references and their definitions blocks apart (seed %i)', (seed) => {
    expect(renderStreamed(REFERENCES, seed, 7)).toBe(renderAtOnce(REFERENCES));
  });

  it('the hostile corpus as one answer', () => {
    const text = xssCorpus.map((c) => c.markdown).join('\n\n');
    expect(renderStreamed(text, 9, 30)).toBe(renderAtOnce(text));
  });
});

/** Markup through the DOM, with the boxes of finished-block groups and of the tail taken out. */
function withoutGroups(markup: string): string {
  const box = document.createElement('div');
  box.innerHTML = markup;
  for (const group of box.querySelectorAll('.md-group, .md-tail')) {
    group.replaceWith(...group.childNodes);
  }
  return box.innerHTML;
}

describe('block splitting does not change what the markdown means', () => {
  it.each([
    ['a long generated answer', longMarkdownTokens(4000).join('')],
    ['the mixed sample', MIXED],
    ['references and their definitions blocks apart', REFERENCES],
  ])('renders %s split into blocks the same as parsed in one piece', (_, text) => {
    const whole = renderToStaticMarkup(renderBlock(parseBlock(text)));
    const split = renderStatic(text);
    expect(split).toContain('class="md-group"');
    expect(withoutGroups(split)).toBe(withoutGroups(`<div class="markdown">${whole}</div>`));
  });
});

describe('an answer opened whole renders each block as that block alone would', () => {
  /**
   * Each finished block parsed on its own (with the definitions it uses from
   * other blocks), then the tail: what streaming produces.
   */
  function blockByBlock(text: string): string {
    const snapshot = new BlockSplitter().update(text);
    const definitions = new AnswerDefinitions();
    definitions.add(snapshot.groups, snapshot.tail);
    const blocks = [...snapshot.groups.flat(), snapshot.tail];
    const parsed = blocks.map((b) => {
      const used = definitions.usedBy(b.text, b.start);
      return used === null ? parseBlock(b.text) : parseWithDefinitions(b.text, used);
    });
    // Through the DOM like renderAtOnce, so both serialise attributes the same way.
    const alone = mount();
    alone.render(createElement(Fragment, null, ...parsed.map((p) => renderBlock(p))));
    const html = alone.container.innerHTML;
    alone.unmount();
    return html;
  }

  it.each([
    ['the mixed sample', MIXED],
    ['a long generated answer', longMarkdownTokens(3000).join('')],
    ['the hostile corpus', xssCorpus.map((c) => c.markdown).join('\n\n')],
    ['references and their definitions blocks apart', REFERENCES],
  ])('%s', (_, text) => {
    expect(withoutGroups(renderAtOnce(text))).toBe(withoutGroups(blockByBlock(text)));
  });
});
