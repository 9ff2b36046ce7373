// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerDefinitions } from '../../../../src/renderer/src/markdown/answer-definitions';
import { BlockSplitter } from '../../../../src/renderer/src/markdown/block-splitter';
import { MarkdownBlocks } from '../../../../src/renderer/src/markdown/markdown-blocks';
import { createElement, mount, type Mounted } from './dom';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

function draw(text: string, streaming: boolean): HTMLElement {
  mounted ??= mount();
  mounted.render(createElement(MarkdownBlocks, { text, streaming }));
  return mounted.container;
}

/** The first paragraph's links, as the person sees them: text and target. */
function linksOfFirstParagraph(container: HTMLElement): [string, string | null][] {
  const paragraph = container.querySelector('p');
  return [...(paragraph?.querySelectorAll('a, .md-link-blocked') ?? [])].map((link) => [
    link.textContent ?? '',
    link.getAttribute('href'),
  ]);
}

describe('references to definitions in other blocks of an answer', () => {
  const QUESTION = 'See [the docs][docs] and [the FAQ][faq].\n\n';
  const MIDDLE = '- one\n- two\n\n';
  const SOURCES = '[docs]: https://example.com/docs\n[faq]: https://example.com/faq\n\n';

  it('become links as soon as the block with the definitions has finished, while the answer streams', () => {
    const container = draw(QUESTION + MIDDLE, true);
    expect(linksOfFirstParagraph(container)).toEqual([]);
    expect(container.querySelector('p')?.textContent).toBe(
      'See [the docs][docs] and [the FAQ][faq].',
    );
    // The definitions' block is still the tail: its last line may be cut short.
    draw(QUESTION + MIDDLE + SOURCES.slice(0, 40), true);
    expect(linksOfFirstParagraph(container)).toEqual([]);
    draw(QUESTION + MIDDLE + SOURCES + 'More to come', true);
    expect(linksOfFirstParagraph(container)).toEqual([
      ['the docs', 'https://example.com/docs'],
      ['the FAQ', 'https://example.com/faq'],
    ]);
  });

  it('are links in an answer whose definitions are its last block, streamed or opened whole', () => {
    const text = QUESTION + MIDDLE + SOURCES.trimEnd();
    draw(text.slice(0, -5), true);
    draw(text, false);
    const streamed = linksOfFirstParagraph(mounted?.container as HTMLElement);
    mounted?.unmount();
    mounted = null;
    expect(streamed).toEqual([
      ['the docs', 'https://example.com/docs'],
      ['the FAQ', 'https://example.com/faq'],
    ]);
    expect(linksOfFirstParagraph(draw(text, false))).toEqual(streamed);
  });

  it('cite a footnote defined blocks away, once that definition has finished', () => {
    const question = 'A claim.[^src]\n\n- one\n\n';
    const container = draw(question, true);
    expect(container.querySelector('p')?.textContent).toBe('A claim.[^src]');
    draw(`${question}[^src]: Where it comes from.\n\nMore`, true);
    expect(container.querySelector('p')?.innerHTML).toBe(
      'A claim.<sup class="md-footnote-ref">[src]</sup>',
    );
    // The footnote itself is drawn once, where it is defined.
    expect(container.querySelectorAll('.md-footnote')).toHaveLength(1);
  });

  it('keep the destination checks: a javascript: definition blocks away is no link', () => {
    const container = draw(
      '[click][evil] or [this][EVIL]\n\n- aside\n\n[evil]: javascript:alert(1)\n\nafter',
      false,
    );
    expect(linksOfFirstParagraph(container)).toEqual([
      ['click', null],
      ['this', null],
    ]);
    expect(container.innerHTML).not.toMatch(/javascript/i);
  });
});

describe('AnswerDefinitions', () => {
  const split = (text: string) => new BlockSplitter().update(text);

  it('takes the first definition of an identifier in the answer, whatever its case', () => {
    const snapshot = split('[a]: https://one.example\n\ntext\n\n[A]: https://two.example\n\n[b]');
    const definitions = new AnswerDefinitions();
    definitions.add(snapshot.groups, snapshot.tail);
    // Nothing defines `b`.
    expect(definitions.usedBy(snapshot.tail.text, snapshot.tail.start)).toBeNull();
    const using = definitions.usedBy('[x][A] and [  a ]', 1000);
    expect(using?.urls).toEqual(new Map([['a', 'https://one.example']]));
  });

  it('leaves a block that holds the first definition of what it names to resolve it itself', () => {
    const snapshot = split('[a]: https://one.example\n[text][a]\n\nafter\n\n');
    const definitions = new AnswerDefinitions();
    definitions.add(snapshot.groups);
    const first = snapshot.groups[0]?.[0];
    expect(first).toBeDefined();
    if (!first) return;
    expect(definitions.usedBy(first.text, first.start)).toBeNull();
    expect(definitions.usedBy('[a]', first.start + 100)).not.toBeNull();
  });

  it('finds each definition once: blocks looked at again or without definitions change nothing', () => {
    const definitions = new AnswerDefinitions();
    const splitter = new BlockSplitter();
    definitions.add(splitter.update('one\n\n[x]: https://x.example\n\ntwo\n\n').groups);
    const after = definitions.version;
    expect(after).toBe(1);
    // The same blocks again, then more without definitions: nothing new is found.
    definitions.add(splitter.update('one\n\n[x]: https://x.example\n\ntwo\n\nthree\n\n').groups);
    expect(definitions.version).toBe(after);
    // A block is finished once the next one has begun.
    const more = 'one\n\n[x]: https://x.example\n\ntwo\n\nthree\n\n[y]: https://y.example\n\nfour';
    definitions.add(splitter.update(more).groups);
    expect(definitions.version).toBe(after + 1);
  });
});
