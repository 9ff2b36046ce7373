import { describe, expect, it } from 'vitest';
import { messageMarkdownForCopy } from '../../../../src/renderer/src/markdown';
import { renderStatic } from './helpers';

describe('StreamingMarkdown renders GitHub-flavoured markdown', () => {
  it('renders headings below the message heading (h1 -> h3)', () => {
    const markup = renderStatic('# One\n\n## Two\n\n#### Four');
    expect(markup).toContain('<h3 class="md-heading md-h1">One</h3>');
    expect(markup).toContain('<h4 class="md-heading md-h2">Two</h4>');
    expect(markup).toContain('<h6 class="md-heading md-h4">Four</h6>');
  });

  it('renders emphasis, strikethrough, inline code and line breaks', () => {
    const markup = renderStatic('*em* **strong** ~~gone~~ `a < b`  \nnext');
    expect(markup).toContain('<em>em</em> <strong>strong</strong> <del>gone</del>');
    expect(markup).toContain('<code class="md-inline-code">a &lt; b</code><br/>');
  });

  it('renders tight, loose, nested and numbered lists', () => {
    expect(renderStatic('- a\n- b\n  - c')).toBe(
      '<div class="markdown"><div class="md-tail"><ul class="md-list"><li>a</li><li>b<ul class="md-list"><li>c</li></ul></li></ul></div></div>',
    );
    expect(renderStatic('3. a\n\n4. b')).toContain(
      '<ol class="md-list md-loose" start="3"><li><p>a</p></li><li><p>b</p></li></ol>',
    );
  });

  it('renders task lists with disabled checkboxes', () => {
    const markup = renderStatic('- [x] done\n- [ ] todo');
    expect(markup).toContain('md-task-list');
    expect(markup).toMatch(
      /<input type="checkbox"[^>]*disabled=""[^>]*aria-label="Done" checked=""\/>done/,
    );
    expect(markup).toMatch(/<input type="checkbox"[^>]*aria-label="Not done"\/>todo/);
  });

  it('renders tables with header cells and alignment classes', () => {
    const markup = renderStatic('| a | b | c |\n| :- | :-: | -: |\n| 1 | 2 | 3 |');
    expect(markup).toContain('<th scope="col" class="md-align-left">a</th>');
    expect(markup).toContain('<td class="md-align-center">2</td>');
    expect(markup).toContain('<td class="md-align-right">3</td>');
  });

  it('renders blockquotes and thematic breaks', () => {
    const markup = renderStatic('> quoted\n\n---');
    expect(markup).toContain('<blockquote><p>quoted</p></blockquote>');
    expect(markup).toContain('<hr/>');
  });

  it('renders safe links that do not navigate, with the target shown', () => {
    const markup = renderStatic(
      '[docs](https://example.com) <mailto:me@example.com> www.example.org',
    );
    expect(markup).toContain(
      '<a class="md-link" href="https://example.com/" title="https://example.com/" rel="noreferrer noopener">',
    );
    expect(renderStatic('[docs](<https://example.com/a b>)')).toContain(
      'href="https://example.com/a%20b"',
    );
    expect(markup).toContain('href="mailto:me@example.com"');
    expect(markup).toContain('href="http://www.example.org/"');
  });

  it('resolves reference links within a block and across blocks, the first definition winning', () => {
    expect(renderStatic('[s]: https://example.com\n[site][s]')).toContain(
      'href="https://example.com/"',
    );
    const apart = renderStatic(
      '[site][s] and [S]\n\n- more\n\n[s]: https://example.com/one\n\n[s]: https://example.com/two',
    );
    expect(apart.match(/href="https:\/\/example\.com\/one"/g)).toHaveLength(2);
    expect(apart).not.toContain('example.com/two');
    // No definition anywhere: the brackets stay text.
    expect(renderStatic('[site][nowhere]\n\n[s]: https://example.com')).toContain(
      '[site][nowhere]',
    );
  });

  it('renders fenced code with highlighting, a language label and a Copy code button', () => {
    const markup = renderStatic('```ts\nconst a: number = 1;\n```');
    expect(markup).toContain('<span class="md-code-lang">ts</span>');
    expect(markup).toContain(
      '<button type="button" class="md-code-copy" aria-label="Copy code">Copy</button>',
    );
    expect(markup).toContain('<span class="hljs-keyword">const</span>');
  });

  it('shows code in unknown languages and without a language as plain text', () => {
    expect(renderStatic('```nosuchlang\n<b>x</b>\n```')).toContain(
      '<span class="md-code-lang">nosuchlang</span>',
    );
    expect(renderStatic('```nosuchlang\n<b>x</b>\n```')).toContain(
      '<code class="hljs">&lt;b&gt;x&lt;/b&gt;</code>',
    );
    expect(renderStatic('```\nplain\n```')).toContain('<span class="md-code-lang">text</span>');
  });

  it('renders nothing for an empty answer', () => {
    expect(renderStatic('')).toBe('<div class="markdown"></div>');
    // While streaming, the tail's box is there from the start.
    expect(renderStatic('', true)).toBe('<div class="markdown"><div class="md-tail"></div></div>');
  });
});

describe('messageMarkdownForCopy', () => {
  it('copies the markdown as written, trimmed', () => {
    expect(messageMarkdownForCopy('# Hi\n\n- a\n\n')).toBe('# Hi\n\n- a');
  });

  it('closes a fence left open by an interrupted answer', () => {
    expect(messageMarkdownForCopy('Code:\n\n````ts\nlet a = 1;\n')).toBe(
      'Code:\n\n````ts\nlet a = 1;\n````',
    );
    expect(messageMarkdownForCopy('```\na\n```')).toBe('```\na\n```');
  });

  it('closes a fence inside a list item within the item, so what is pasted after it stays text', () => {
    const copied = messageMarkdownForCopy('1. Install:\n\n   ```bash\n   npm i parley\n');
    expect(copied).toBe('1. Install:\n\n   ```bash\n   npm i parley\n   ```');
    const pasted = renderStatic(`${copied}\n\nThen run it.`);
    expect(pasted).toMatch(/<p[^>]*>Then run it\.<\/p>/);
  });
});
