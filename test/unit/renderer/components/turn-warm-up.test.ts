// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { layOutSampleTurn } from '../../../../src/renderer/src/components/turn-warm-up';
import { WARM_UP_SAMPLE } from '../../../../src/renderer/src/markdown/warm-up';

describe('the chat view’s warm-up layout', () => {
  it('lays out a whole finished turn in the chat’s own boxes, unseen and unreachable, then removes it', () => {
    const before = document.body.innerHTML;
    const remove = layOutSampleTurn(WARM_UP_SAMPLE);

    const host = document.querySelector<HTMLElement>('body > [data-warm-up]');
    expect(host).not.toBeNull();
    const turn = host?.querySelector('.message-column > .message-log > .turn');
    expect(turn).not.toBeNull();
    // The person's message, then Claude's answer with everything a finished answer shows.
    expect(turn?.querySelector('article.message-user .message-text')?.textContent).toMatch(/\w/);
    const answer = turn?.querySelector('article.message-claude');
    expect(answer?.querySelector('.message-header .message-author')?.textContent).toBe('Claude');
    const markdown = answer?.querySelector('.message-text.message-markdown .markdown');
    expect(markdown?.querySelector('.md-h1')?.textContent).toBe('Warm-up');
    expect(markdown?.querySelector('table th')).not.toBeNull();
    expect(markdown?.querySelector('blockquote em')).not.toBeNull();
    expect(markdown?.querySelectorAll('pre code').length).toBeGreaterThanOrEqual(4);
    expect(answer?.querySelector('.message-footer [aria-label="Copy message"]')).not.toBeNull();
    // Never visible, never in the accessibility tree, never focusable or clickable.
    expect(host?.style.visibility).toBe('hidden');
    expect(host?.getAttribute('aria-hidden')).toBe('true');
    expect(host?.hasAttribute('inert')).toBe(true);
    expect(host?.style.pointerEvents).toBe('none');

    remove();
    expect(host?.isConnected).toBe(false);
    expect(document.body.innerHTML).toBe(before);
  });
});
