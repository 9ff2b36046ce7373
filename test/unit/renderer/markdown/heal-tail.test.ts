import { describe, expect, it } from 'vitest';
import { healInline, healTail } from '../../../../src/renderer/src/markdown/heal-tail';
import { renderStatic } from './helpers';

describe('healInline', () => {
  it.each([
    ['**bold te', '**bold te**'],
    ['**bold ', '**bold**'],
    ['*it and **bo', '*it and **bo***'],
    ['___both', '___both___'],
    ['__init', '__init__'],
    ['~~gone', '~~gone~~'],
    ['Use `npm i', 'Use `npm i`'],
    ['**a `code', '**a `code`**'],
    ['See [the docs](https://exa', 'See the docs'],
    ['An ![alt](https://x', 'An alt'],
    ['**see [docs](https://x', '**see docs**'],
    ['[done](https://x.com) and **b', '[done](https://x.com) and **b**'],
  ])('closes %j as %j', (input, expected) => {
    expect(healInline(input)).toBe(expected);
  });

  it.each([
    ['Some **', 'Some '],
    ['Use `', 'Use '],
    ['x ***', 'x '],
  ])('drops a dangling opener in %j', (input, expected) => {
    expect(healInline(input)).toBe(expected);
  });

  it.each(['2 * 3 = 6', '2*3', 'snake_case_name', 'A *b* c', '**done**', 'a ~ b', '`a` and `b`'])(
    'leaves %j alone',
    (input) => {
      expect(healInline(input)).toBe(input);
    },
  );
});

describe('healTail', () => {
  it.each([
    ['Items:\n-', 'Items:\n'],
    ['Para\n==', 'Para\n'],
    ['Intro\n```py', 'Intro\n'],
    ['text\n| a | b |\n', 'text\n'],
    ['| a | b |\n| --', ''],
    ['| a | b |\n| - | - |\n| 1 |', '| a | b |\n| - | - |\n'],
    ['- **bold', '- **bold**'],
    ['> 1. [x] ~~done', '> 1. [x] ~~done~~'],
    ['# Head **x', '# Head **x**'],
  ])('shows %j as %j', (input, expected) => {
    expect(healTail(input, false)).toBe(expected);
  });

  it('leaves code alone', () => {
    expect(healTail('- a\n\n  ```\n  **x', true)).toBe('- a\n\n  ```\n  **x');
  });
});

describe('unfinished markdown while streaming', () => {
  it('shows unclosed emphasis as emphasis, not as asterisks', () => {
    expect(renderStatic('Some **bold te', true)).toContain('<strong>bold te</strong>');
    expect(renderStatic('Some **bold te', false)).toContain('**bold te');
  });

  it('shows a link whose address is still arriving as its text only', () => {
    const markup = renderStatic('Read [the docs](https://exam', true);
    expect(markup).toContain('the docs');
    expect(markup).not.toContain('](');
    expect(markup).not.toContain('https://exam');
  });

  it('renders an unclosed code fence as a code block', () => {
    const markup = renderStatic('Look:\n\n```python\ndef f(x):\n    return x', true);
    expect(markup).toContain('<pre class="md-code-body" tabindex="0">');
    expect(markup).toContain('md-code-lang">python<');
    expect(markup).not.toContain('```');
    const done = renderStatic('Look:\n\n```python\ndef f(x):\n    return x', false);
    expect(done).toContain('<pre class="md-code-body" tabindex="0">');
  });
});
