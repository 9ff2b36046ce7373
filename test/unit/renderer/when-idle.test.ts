import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../../src/renderer/src/lib/when-idle';

/** requestIdleCallback stepped by hand: each idle period offers so much time, or times out. */
function manualIdle(): {
  idle: (ms: number) => void;
  timeOut: () => void;
  pending: () => number;
} {
  const queue = new Map<number, IdleRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => {
    queue.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelIdleCallback', (handle: number) => queue.delete(handle));
  const period = (ms: number, didTimeout: boolean): void => {
    const due = [...queue.values()];
    queue.clear();
    for (const callback of due) callback({ didTimeout, timeRemaining: () => ms });
  };
  return {
    idle: (ms) => period(ms, false),
    timeOut: () => period(0, true),
    pending: () => queue.size,
  };
}

describe('whenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('waits for an idle period long enough for the work, not the first one', () => {
    const idle = manualIdle();
    const run = vi.fn();
    whenIdle(run, 250, 2);
    idle.idle(0.5);
    expect(run).not.toHaveBeenCalled();
    idle.idle(1.9);
    expect(run).not.toHaveBeenCalled();
    idle.idle(8);
    expect(run).toHaveBeenCalledOnce();
    expect(idle.pending()).toBe(0);
  });

  it('runs once its time is up, idle or not', () => {
    const idle = manualIdle();
    const run = vi.fn();
    whenIdle(run, 250, 2);
    idle.idle(0.5);
    idle.timeOut();
    expect(run).toHaveBeenCalledOnce();
  });

  it('does not run once cancelled, even while it waits for a longer idle period', () => {
    const idle = manualIdle();
    const run = vi.fn();
    const cancel = whenIdle(run, 250, 2);
    idle.idle(0.5);
    cancel();
    idle.idle(8);
    expect(run).not.toHaveBeenCalled();
  });
});
