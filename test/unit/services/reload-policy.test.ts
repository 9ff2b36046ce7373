import { describe, expect, it } from 'vitest';
import { createReloadPolicy } from '../../../src/main/services/reload-policy';

describe('reload policy for a window whose renderer died', () => {
  it('reloads after a crash, but gives up on a window that keeps dying as it loads', () => {
    let now = 0;
    const policy = createReloadPolicy({ now: () => now }, { limit: 3, windowMs: 60_000 });
    expect([policy.recordDeath(), policy.recordDeath(), policy.recordDeath()]).toEqual([
      true,
      true,
      true,
    ]);
    now += 5_000;
    expect(policy.recordDeath()).toBe(false);
  });

  it('forgets crashes older than its window: one now and then is always reloaded', () => {
    let now = 0;
    const policy = createReloadPolicy({ now: () => now }, { limit: 2, windowMs: 60_000 });
    for (let hour = 0; hour < 5; hour += 1) {
      expect(policy.recordDeath()).toBe(true);
      now += 30_000;
      expect(policy.recordDeath()).toBe(true);
      now += 61_000;
    }
  });
});
