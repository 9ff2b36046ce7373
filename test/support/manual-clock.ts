import type { Clock } from '../../src/main/services/clock';

export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** Every wait that was scheduled, in ms, in order. */
  scheduled: number[];
}

/** A clock that moves only when the test says so. */
export function createManualClock(start = Date.parse('2026-11-22T10:00:00Z')): ManualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const scheduled: number[] = [];
  return {
    scheduled,
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      scheduled.push(ms);
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = target;
    },
  };
}
