import type { Clock } from './clock';

/**
 * Whether a window whose renderer died should be loaded again. Reloading
 * brings the person back with nothing lost (the history is in main, and the
 * answers still streaming are followed again, see `resumeAnswers`), but a
 * window that dies again as soon as it loads would reload forever: past
 * `limit` deaths within `windowMs` it is given up on instead.
 */
export interface ReloadPolicy {
  /** Records a death; true (load the window again) while the recent ones are within the limit. */
  recordDeath(): boolean;
}

export function createReloadPolicy(
  clock: Pick<Clock, 'now'>,
  options: { limit: number; windowMs: number } = { limit: 3, windowMs: 60_000 },
): ReloadPolicy {
  let deaths: number[] = [];
  return {
    recordDeath() {
      const now = clock.now();
      deaths = [...deaths.filter((at) => now - at < options.windowMs), now];
      return deaths.length <= options.limit;
    },
  };
}
