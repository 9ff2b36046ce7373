// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockSplitter } from '../../../../src/renderer/src/markdown/block-splitter';
import { MarkdownBlocks } from '../../../../src/renderer/src/markdown/markdown-blocks';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';
import { createElement, mount, type Mounted } from './dom';
import { chunk } from './helpers';
import type * as ParseBlockModule from '../../../../src/renderer/src/markdown/parse-block';
import type * as LowlightModule from 'lowlight';

/** Every text handed to the markdown parser and every code handed to the highlighter. */
const calls = vi.hoisted(() => ({ parsed: [] as string[], highlighted: [] as string[] }));

vi.mock('../../../../src/renderer/src/markdown/parse-block', async (importOriginal) => {
  const actual = await importOriginal<typeof ParseBlockModule>();
  return {
    ...actual,
    parseBlock: (text: string) => {
      calls.parsed.push(text);
      return actual.parseBlock(text);
    },
  };
});

vi.mock('lowlight', async (importOriginal) => {
  const { countedLowlight } = await import('./counted-lowlight');
  return countedLowlight(await importOriginal<typeof LowlightModule>(), (code) => {
    calls.highlighted.push(code);
  });
});

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  calls.parsed.length = 0;
  calls.highlighted.length = 0;
});

function stream(text: string, seed: number): { updates: number; mounted: Mounted } {
  const view = mount();
  mounted = view;
  let shown = '';
  let updates = 0;
  for (const piece of chunk(text, seed, 20)) {
    shown += piece;
    view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    updates += 1;
  }
  return { updates, mounted: view };
}

describe('finished blocks are parsed and highlighted once', () => {
  const text = longMarkdownTokens(2000).join('');
  const finished = new BlockSplitter()
    .update(text)
    .groups.flat()
    .map((block) => block.text);

  it('parses the tail once per update plus each finished block once', () => {
    const { updates } = stream(text, 4);
    expect(finished.length).toBeGreaterThan(80);
    // At most one tail parse per update; finished blocks add at most one parse each.
    expect(calls.parsed.length).toBeLessThanOrEqual(updates + finished.length);
    // Each block was parsed: alone, or as the tail it was just before it finished.
    const content = (t: string): string => t.replace(/^\n+|\n+$/g, '');
    const parsed = new Set(calls.parsed.map(content));
    for (const block of finished) expect(parsed).toContain(content(block));
  });

  it('does not highlight a code block again when its fence closes after its last line', () => {
    const view = mount();
    mounted = view;
    const draw = (shown: string): void =>
      view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    const code = 'const closing = "once";\nexport default closing;';
    draw(`\`\`\`ts\n${code}\n`);
    calls.highlighted.length = 0;
    draw(`\`\`\`ts\n${code}\n\`\`\`\n\nAfter.`);
    expect(view.container.querySelector('.md-group .hljs-keyword')?.textContent).toBe('const');
    // Drawn finished, highlighted as it was while streaming.
    expect(calls.highlighted).toEqual([]);
  });

  it('does not parse a block again when it finishes as it was last drawn', () => {
    const view = mount();
    mounted = view;
    const draw = (shown: string): void =>
      view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    draw('A first paragraph with **bold** text.\n');
    draw('A first paragraph with **bold** text.\n\n- a list');
    // The paragraph finished; only the new tail was parsed for it.
    expect(calls.parsed).toEqual(['A first paragraph with **bold** text.\n', '- a list']);
    expect(view.container.querySelector('.md-group strong')?.textContent).toBe('bold');
  });

  it('does not parse finished blocks again when only the tail grows', () => {
    const { mounted: view } = stream(text, 6);
    let shown = `${text}\n\nOne more paragraph`;
    view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    calls.parsed.length = 0;
    for (let i = 0; i < 50; i += 1) {
      shown += ` word${i}`;
      view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    }
    // One parse per update, each of the tail alone.
    expect(calls.parsed).toHaveLength(50);
    for (const parsed of calls.parsed) expect(parsed.startsWith('One more paragraph')).toBe(true);
  });

  it('highlights each finished code block once', () => {
    // Fresh code (the highlighter's cache already holds the blocks of the tests above).
    const fresh = text.replaceAll('\n```\n', '\n// fresh\n```\n');
    stream(fresh, 8);
    const fences = [...fresh.matchAll(/```[a-z]+\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
    expect(fences.length).toBeGreaterThan(10);
    for (const code of fences) {
      expect(calls.highlighted.filter((value) => value === code)).toHaveLength(1);
    }
  });

  it('keeps finished code highlighted while a long code block streams line by line', () => {
    const earlier = 'def earlier_answer():\n    return "highlighted once"';
    const show = (markdown: string): Mounted => {
      const view = mount();
      view.render(createElement(MarkdownBlocks, { text: markdown, streaming: false }));
      return view;
    };
    show(`\`\`\`python\n${earlier}\n\`\`\``).unmount();
    expect(calls.highlighted).toContain(earlier);
    // Its growing last segment is new code on each of 400 deltas.
    const view = mount();
    mounted = view;
    let shown = '```ts\n';
    for (let i = 0; i < 400; i += 1) {
      shown += `const streamed${i} = ${i};\n`;
      view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    }
    view.render(createElement(MarkdownBlocks, { text: `${shown}\`\`\``, streaming: false }));
    calls.highlighted.length = 0;
    // The earlier answer scrolled back into view: drawn from the cache, not highlighted again.
    const again = show(`\`\`\`python\n${earlier}\n\`\`\``);
    expect(again.container.querySelector('.hljs-keyword')?.textContent).toBe('def');
    expect(calls.highlighted).toEqual([]);
    again.unmount();
  });

  it('highlights a long open code block in fixed segments, not whole on every delta', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `const value${i} = ${i} * 2;`);
    const view = mount();
    mounted = view;
    let shown = 'Code:\n\n```ts\n';
    for (const line of lines) {
      shown += `${line}\n`;
      view.render(createElement(MarkdownBlocks, { text: shown, streaming: true }));
    }
    const longest = Math.max(...calls.highlighted.map((code) => code.split('\n').length));
    expect(longest).toBeLessThanOrEqual(25);
    expect(view.container.querySelectorAll('pre')).toHaveLength(1);
    expect(view.container.textContent).toContain('const value199 = 199 * 2;');
  });
});
