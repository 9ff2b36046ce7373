// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as WarmUp from '../../../../src/renderer/src/markdown/warm-up';

/** A fresh copy of the module: it schedules its warm-up once per page. */
async function freshWarmUp(): Promise<typeof WarmUp> {
  vi.resetModules();
  return import('../../../../src/renderer/src/markdown/warm-up');
}

/** Idle callbacks run by hand, each with a generous deadline. */
function manualIdle(): { runAll: () => number } {
  const queue: IdleRequestCallback[] = [];
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => queue.push(callback));
  const deadline: IdleDeadline = { didTimeout: false, timeRemaining: () => 50 };
  return {
    runAll: () => {
      let runs = 0;
      for (let next = queue.shift(); next; next = queue.shift()) {
        next(deadline);
        runs += 1;
      }
      return runs;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('markdown warm-up', () => {
  it('lays the sample out in the page where nobody can see or reach it, and leaves nothing behind', async () => {
    const { warmUpWhenIdle } = await freshWarmUp();
    const idle = manualIdle();
    const before = document.body.innerHTML;
    // What went into the document, as it was while there.
    const added: { host: HTMLElement; content: HTMLElement }[] = [];
    const append = document.body.append.bind(document.body);
    vi.spyOn(document.body, 'append').mockImplementation((...nodes) => {
      append(...nodes);
      for (const node of nodes)
        if (node instanceof HTMLElement)
          added.push({ host: node, content: node.cloneNode(true) as HTMLElement });
    });

    warmUpWhenIdle();
    expect(idle.runAll()).toBeGreaterThan(0);

    // It was in the document (so the browser laid it out: faces, shaping, the table) ...
    expect(added).toHaveLength(1);
    const { host, content } = added[0] as (typeof added)[number];
    expect(content.querySelector('.markdown .md-h1')?.textContent).toBe('Warm-up');
    expect(content.querySelector('.markdown table')).not.toBeNull();
    expect(content.querySelectorAll('.markdown pre code').length).toBeGreaterThanOrEqual(4);
    // ... never visible, never in the accessibility tree, never focusable or clickable ...
    expect(host.style.visibility).toBe('hidden');
    expect(host.getAttribute('aria-hidden')).toBe('true');
    expect(host.hasAttribute('inert')).toBe(true);
    expect(host.style.pointerEvents).toBe('none');
    expect(host.style.position).toBe('fixed');
    // ... and it is gone once the warm-up is over.
    expect(host.isConnected).toBe(false);
    expect(document.body.innerHTML).toBe(before);
  });

  it('lays the sample out the way the chat view asks, even when an answer scheduled it first', async () => {
    const { warmUpWhenIdle, WARM_UP_SAMPLE } = await freshWarmUp();
    const idle = manualIdle();
    const before = document.body.innerHTML;
    const laidOut: string[] = [];
    let removed = 0;
    // An answer's markdown mounts (and schedules the warm-up) before the chat view around it.
    warmUpWhenIdle();
    warmUpWhenIdle((sample) => {
      laidOut.push(sample);
      return () => (removed += 1);
    });
    expect(idle.runAll()).toBeGreaterThan(0);
    expect(laidOut).toEqual([WARM_UP_SAMPLE]);
    expect(removed).toBe(1);
    // Nothing of the bare layout was added instead.
    expect(document.body.innerHTML).toBe(before);
  });
});
