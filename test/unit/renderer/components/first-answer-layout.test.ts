// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { layOutFirstAnswer } from '../../../../src/renderer/src/components/first-answer-layout';
import { WARM_UP_SAMPLE } from '../../../../src/renderer/src/markdown/warm-up';

describe('the chat view’s warm-up layout', () => {
  it('lays out a finished turn and its sidebar entry in their own boxes, unseen and unreachable, then removes them', () => {
    const before = document.body.innerHTML;
    const remove = layOutFirstAnswer(WARM_UP_SAMPLE);

    const hosts = [...document.querySelectorAll<HTMLElement>('body > [data-warm-up]')];
    expect(hosts).toHaveLength(2);
    const turn = document.querySelector('[data-warm-up].message-column > .message-log > .turn');
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
    // The conversation's entry in the sidebar, under its date, while it streams.
    const group = document.querySelector('[data-warm-up].sidebar .conversation-group');
    expect(group?.querySelector('.conversation-group-label')?.textContent).toBe('Today');
    expect(group?.querySelector('.conversation-item .conversation-title')?.textContent).toMatch(
      /\w/,
    );
    expect(group?.querySelector('.conversation-live')).not.toBeNull();
    for (const host of hosts) {
      // Never visible, never in the accessibility tree, never focusable or clickable.
      expect(host.style.visibility).toBe('hidden');
      expect(host.getAttribute('aria-hidden')).toBe('true');
      expect(host.hasAttribute('inert')).toBe(true);
      expect(host.style.pointerEvents).toBe('none');
    }

    remove();
    expect(hosts.some((host) => host.isConnected)).toBe(false);
    expect(document.body.innerHTML).toBe(before);
  });
});
