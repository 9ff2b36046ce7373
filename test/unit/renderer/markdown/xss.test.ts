import { describe, expect, it } from 'vitest';
import { chunk, prefixes, renderStatic, tagsOf } from './helpers';
import { xssCorpus } from './xss-corpus';

/** Every element the renderer may produce, and every attribute it may set. */
const ALLOWED_TAGS = new Set([
  'div',
  'span',
  'p',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'a',
  'em',
  'strong',
  'del',
  'br',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
  'button',
  'sup',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'class',
  'href',
  'title',
  'rel',
  'type',
  'aria-label',
  'checked',
  'disabled',
  'readonly',
  'start',
  'scope',
  'tabindex',
]);
const FORBIDDEN_MARKUP =
  /<(?:script|img|iframe|svg|object|embed|style|link|meta|base|form|math|video|audio|source)\b/i;
const DANGEROUS_SCHEME = /^(?:javascript|data|vbscript|file|blob|about):/i;

/** Whitespace and control characters browsers ignore inside a scheme. */
function squeeze(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
}

function problems(markup: string): string[] {
  const found: string[] = [];
  const forbidden = FORBIDDEN_MARKUP.exec(markup);
  if (forbidden) found.push(`forbidden element ${forbidden[0]}`);
  for (const tag of tagsOf(markup)) {
    if (!ALLOWED_TAGS.has(tag.name)) found.push(`unexpected <${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      if (/^on/.test(name)) found.push(`event handler ${name}`);
      if (name === 'style') found.push('style attribute');
      if (!ALLOWED_ATTRIBUTES.has(name)) found.push(`unexpected attribute ${name}`);
      if (DANGEROUS_SCHEME.test(squeeze(value))) found.push(`${name}="${value}"`);
      if (name === 'href' && !/^(?:https?:\/\/|mailto:)/i.test(value))
        found.push(`href="${value}"`);
    }
  }
  return found;
}

describe('hostile markdown corpus', () => {
  it('uses a checker that does catch unsafe markup', () => {
    expect(problems('<img src="x">')).not.toEqual([]);
    expect(problems('<a href="JaVa&#x09;Script:alert(1)">x</a>')).not.toEqual([]);
    expect(problems('<span onclick="x">x</span>')).not.toEqual([]);
    expect(problems('<span style="color:red">x</span>')).not.toEqual([]);
    expect(problems('<a href="/relative">x</a>')).not.toEqual([]);
    expect(problems('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).toEqual([]);
  });

  it('holds at least 100 cases with distinct names', () => {
    expect(xssCorpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set(xssCorpus.map((c) => c.name)).size).toBe(xssCorpus.length);
  });

  it.each(xssCorpus)('renders $name safely when finished', ({ markdown }) => {
    expect(problems(renderStatic(markdown, false))).toEqual([]);
  });

  it.each(xssCorpus)('renders $name safely at every step of a stream', ({ markdown }) => {
    for (const prefix of prefixes(chunk(markdown, 11, 3))) {
      expect(problems(renderStatic(prefix, true)), prefix).toEqual([]);
    }
  });

  it('also stays safe when every case arrives in one long answer', () => {
    const answer = xssCorpus.map((c) => c.markdown).join('\n\n');
    expect(problems(renderStatic(answer, false))).toEqual([]);
    expect(problems(renderStatic(answer, true))).toEqual([]);
  });
});

describe('what hostile input turns into', () => {
  it('shows raw HTML as literal text', () => {
    const markup = renderStatic('Hello <script>alert(1)</script> <b onclick=x>hi</b>');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('&lt;b onclick=x&gt;hi&lt;/b&gt;');
  });

  it('keeps the text of a blocked link but drops its target', () => {
    const markup = renderStatic('[click me](javascript:alert(1))');
    expect(markup).toContain('click me');
    expect(markup).not.toContain('<a ');
  });

  it('shows an image as a labelled link to its address, never loading it', () => {
    const markup = renderStatic('![a chart](https://example.com/chart.png)');
    expect(markup).not.toContain('<img');
    expect(markup).toContain('🖼 a chart');
    expect(markup).toContain('href="https://example.com/chart.png"');
    expect(markup).toContain('(https://example.com/chart.png)');
  });

  it('never nests an anchor inside an anchor', () => {
    const markup = renderStatic('[![x](https://example.com/i.png)](https://example.com)');
    expect(markup.match(/<a /g)).toHaveLength(1);
  });

  it('shows no address for an image inside a link: only the link’s own target, never a false one', () => {
    const markup = renderStatic(
      '[![build status](https://docs.example.com/badge.svg)](https://evil.example.net/login)',
    );
    expect(markup).toContain('🖼 build status');
    expect(markup).toContain('href="https://evil.example.net/login"');
    expect(markup).not.toContain('docs.example.com');
  });
});
