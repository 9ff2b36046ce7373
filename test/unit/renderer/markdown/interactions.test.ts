// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from '../../../../src/renderer/src/markdown';
import { createElement, mount, type Mounted } from './dom';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
});

function show(text: string, onOpenLink = vi.fn(), onCopy = vi.fn()): Mounted {
  mounted = mount();
  mounted.render(createElement(StreamingMarkdown, { text, streaming: false, onOpenLink, onCopy }));
  return mounted;
}

function click(element: Element | null): MouseEvent {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  act(() => {
    element?.dispatchEvent(event);
  });
  return event;
}

describe('links', () => {
  it('hand the validated URL to onOpenLink instead of navigating', () => {
    const onOpenLink = vi.fn();
    const view = show('See [the docs](HTTPS://Example.com/a?b=1#c).', onOpenLink);
    const anchor = view.container.querySelector('a');
    expect(anchor?.getAttribute('href')).toBe('https://example.com/a?b=1#c');
    expect(anchor?.getAttribute('title')).toBe('https://example.com/a?b=1#c');
    expect(anchor?.getAttribute('rel')).toBe('noreferrer noopener');
    const event = click(anchor);
    expect(event.defaultPrevented).toBe(true);
    expect(onOpenLink).toHaveBeenCalledWith('https://example.com/a?b=1#c');
  });

  it('call the latest callback after the parent passes a new one', () => {
    const first = vi.fn();
    const second = vi.fn();
    const view = show('[x](https://example.com)', first);
    view.render(
      createElement(StreamingMarkdown, {
        text: '[x](https://example.com)',
        streaming: false,
        onOpenLink: second,
        onCopy: vi.fn(),
      }),
    );
    click(view.container.querySelector('a'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('https://example.com/');
  });

  it('are plain text when their target is not allowed', () => {
    const onOpenLink = vi.fn();
    const view = show('[x](javascript:alert(1)) and ![i](data:image/png;base64,AAAA)', onOpenLink);
    expect(view.container.querySelector('a')).toBeNull();
    expect(view.container.querySelector('img')).toBeNull();
    click(view.container.querySelector('.md-link-blocked'));
    expect(onOpenLink).not.toHaveBeenCalled();
  });
});

describe('code blocks', () => {
  it('copy their code through onCopy and say so', () => {
    vi.useFakeTimers();
    const onCopy = vi.fn();
    const view = show('```py\nprint(1)\nprint(2)\n```', vi.fn(), onCopy);
    const button = view.container.querySelector('button[aria-label="Copy code"]');
    expect(button?.textContent).toBe('Copy');
    click(button);
    expect(onCopy).toHaveBeenCalledWith('print(1)\nprint(2)');
    expect(button?.textContent).toBe('Copied');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(button?.textContent).toBe('Copy');
  });

  it('copy the code received so far while the block is still streaming', () => {
    const onCopy = vi.fn();
    mounted = mount();
    mounted.render(
      createElement(StreamingMarkdown, {
        text: '```sh\necho one\necho tw',
        streaming: true,
        onOpenLink: vi.fn(),
        onCopy,
      }),
    );
    click(mounted.container.querySelector('button'));
    expect(onCopy).toHaveBeenCalledWith('echo one\necho tw');
  });
});
