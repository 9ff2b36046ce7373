import { describe, expect, it } from 'vitest';
import { createDeltaCoalescer } from '../../../src/main/services/delta-coalescer';
import { createManualClock } from '../../support/manual-clock';

describe('delta coalescer', () => {
  it('sends at most one message per interval, in order, losing nothing', () => {
    const clock = createManualClock();
    const sent: string[] = [];
    const c = createDeltaCoalescer(clock, 16, (t) => sent.push(t));
    for (let i = 0; i < 100; i++) {
      c.push(`w${i} `);
      clock.advance(1);
    }
    c.flush();
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(100 / 16) + 1);
    expect(sent.join('')).toBe(Array.from({ length: 100 }, (_, i) => `w${i} `).join(''));
  });

  it('flushes on its own after the interval even when deltas stop', () => {
    const clock = createManualClock();
    const sent: string[] = [];
    const c = createDeltaCoalescer(clock, 16, (t) => sent.push(t));
    c.push('hello');
    clock.advance(15);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual(['hello']);
  });

  it('still sends every interval while the event loop is too busy for its timer', () => {
    // The SDK parses a buffered body in one run of microtasks: time passes, no timer fires.
    const clock = createManualClock();
    let busyFor = 0;
    const busy = { ...clock, now: () => clock.now() + busyFor };
    const sent: string[] = [];
    const c = createDeltaCoalescer(busy, 16, (t) => sent.push(t));
    const words = Array.from({ length: 100 }, (_, i) => `w${i} `);
    for (const word of words) {
      c.push(word);
      busyFor += 1;
    }
    // One message per 16 ms of parsing, not one for the whole second-long run.
    expect(sent.length).toBe(5);
    expect(sent.every((text) => text.split(' ').length - 1 <= 17)).toBe(true);
    clock.advance(16);
    expect(sent.join('')).toBe(words.join(''));
  });
});
