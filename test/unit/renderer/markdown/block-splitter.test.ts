import { describe, expect, it } from 'vitest';
import {
  BlockSplitter,
  GROUP_SIZE,
  SEGMENT_LINES,
  type BlockSnapshot,
} from '../../../../src/renderer/src/markdown/block-splitter';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';
import { chunk, prefixes } from './helpers';

function finished(snapshot: BlockSnapshot): string[] {
  return snapshot.groups.flat().map((block) => block.text);
}

function split(text: string): BlockSnapshot {
  return new BlockSplitter().update(text);
}

function streamed(text: string, seed: number, maxSize = 12): BlockSnapshot {
  const splitter = new BlockSplitter();
  let last = splitter.update('');
  for (const prefix of prefixes(chunk(text, seed, maxSize))) last = splitter.update(prefix);
  return last;
}

describe('BlockSplitter', () => {
  it('splits paragraphs and headings at blank lines and keeps the last block as the tail', () => {
    const snap = split('# Title\nIntro line\n\nSecond paragraph\nstill second\n\nTail so far');
    expect(finished(snap)).toEqual([
      '# Title\n',
      'Intro line\n\n',
      'Second paragraph\nstill second\n\n',
    ]);
    expect(snap.tail.text).toBe('Tail so far');
    expect(snap.openFence).toBeNull();
  });

  it('finishes a block only once the next line shows that a new block starts', () => {
    expect(finished(split('One\n\n'))).toEqual([]);
    expect(finished(split('One\n\nT'))).toEqual(['One\n\n']);
    // "-" or "2" may be the list's next item, an indented line its continuation.
    expect(finished(split('- a\n\n-'))).toEqual([]);
    expect(finished(split('1. a\n\n2'))).toEqual([]);
    expect(finished(split('- a\n\n  more'))).toEqual([]);
    expect(finished(split('- a\n\n- b\n\nAfter'))).toEqual(['- a\n\n- b\n\n']);
  });

  it('never splits inside an open fence, even across blank lines', () => {
    const text = 'Intro\n\n```ts\nconst a = 1;\n\n\nconst b = 2;\n';
    const snap = split(text);
    expect(finished(snap)).toEqual(['Intro\n\n']);
    expect(snap.tail.text).toBe('```ts\nconst a = 1;\n\n\nconst b = 2;\n');
    expect(snap.openFence?.topLevel).toBe(true);
    expect(snap.openFence?.opener.info).toBe('ts');
    expect(snap.openFence?.contentStart).toBe(text.indexOf('const a'));
  });

  it('ends a code block at its closing fence and starts a fence at the margin as a new block', () => {
    const snap = split('Text\n```py\nx = 1\n\ny = 2\n```\nAfter\n');
    expect(finished(snap)).toEqual(['Text\n', '```py\nx = 1\n\ny = 2\n```\n']);
    expect(snap.tail.text).toBe('After\n');
  });

  it('needs a matching closer: a shorter fence or another character is code', () => {
    const snap = split('````md\n```\nstill code\n~~~\n````\nnext\n');
    expect(finished(snap)).toEqual(['````md\n```\nstill code\n~~~\n````\n']);
    expect(split('```\ncode\n    ```\nmore\n').openFence).not.toBeNull();
    expect(split('``` js `x`\n\nplain\n').openFence).toBeNull();
  });

  it('keeps a loose list, its indented continuations and nested fences in one block', () => {
    const list = [
      '1. Install:',
      '',
      '   ```bash',
      '   npm install',
      '',
      '   npm test',
      '   ```',
      '',
      '2. Run it',
      '',
      '   more about running',
      '',
      '- a different list',
    ].join('\n');
    const snap = split(`${list}\n\nAfter the list\n`);
    expect(finished(snap)).toEqual([`${list}\n\n`]);
    expect(snap.tail.text).toBe('After the list\n');
  });

  it('treats a nested fence as part of its list block, not as the tail code block', () => {
    const snap = split('- item\n\n  ```js\n  let a;\n\n  let b;\n');
    expect(finished(snap)).toEqual([]);
    expect(snap.openFence?.topLevel).toBe(false);
  });

  it('keeps a table together however its rows arrive', () => {
    const table = '| a | b |\n| --- | ---: |\n| 1 | 2 |\n| 3 | 4 |\n';
    const text = `Before\n\n${table}\nAfter\n`;
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(finished(streamed(text, seed, 5))).toEqual(['Before\n\n', `${table}\n`]);
    }
  });

  it('gives the same blocks however the text is chunked', () => {
    const text = longMarkdownTokens(3000).join('');
    const atOnce = split(text);
    expect(finished(atOnce).length).toBeGreaterThan(100);
    expect(finished(atOnce).join('') + atOnce.tail.text).toBe(text);
    for (const seed of [7, 8, 9]) {
      const snap = streamed(text, seed, 40);
      expect(finished(snap)).toEqual(finished(atOnce));
      expect(snap.tail).toEqual(atOnce.tail);
    }
  });

  it('scans each character once while streaming (no rescans of the whole text)', () => {
    const text = longMarkdownTokens(5000).join('');
    const splitter = new BlockSplitter();
    for (const prefix of prefixes(chunk(text, 3, 16))) splitter.update(prefix);
    expect(splitter.scannedChars).toBe(text.lastIndexOf('\n') + 1);
  });

  it('keeps full groups and finished blocks identical between updates', () => {
    const text = Array.from({ length: GROUP_SIZE * 2 + 3 }, (_, i) => `Paragraph ${i}\n\n`).join(
      '',
    );
    const splitter = new BlockSplitter();
    const first = splitter.update(`${text}tail`);
    const second = splitter.update(`${text}tail more`);
    expect(first.groups).toHaveLength(3);
    expect(second.groups[0]).toBe(first.groups[0]);
    expect(second.groups[1]).toBe(first.groups[1]);
    expect(second.groups[2]).toBe(first.groups[2]);
    const third = splitter.update(`${text}tail more\n\nnext`);
    expect(third.groups[0]).toBe(first.groups[0]);
    expect(third.groups[2]).not.toBe(first.groups[2]);
    expect(third.groups[2]?.[0]).toBe(first.groups[2]?.[0]);
  });

  it('segments a long open code block so finished segments stay fixed', () => {
    const lines = Array.from({ length: SEGMENT_LINES * 2 + 5 }, (_, i) => `line ${i}`);
    const snap = split(`\`\`\`txt\n${lines.join('\n')}`);
    expect(snap.openFence?.segmentStarts).toHaveLength(3);
  });

  it('starts over when the text is replaced rather than extended', () => {
    const splitter = new BlockSplitter();
    splitter.update('Alpha\n\nBeta\n\nGam');
    const snap = splitter.update('Other\n\nText');
    expect(finished(snap)).toEqual(['Other\n\n']);
    expect(snap.tail.text).toBe('Text');
  });

  it('returns the same snapshot for the same text', () => {
    const splitter = new BlockSplitter();
    const a = splitter.update('One\n\nTwo');
    expect(splitter.update('One\n\nTwo')).toBe(a);
  });
});
