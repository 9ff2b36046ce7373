import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/renderer/src/chat/conversation';
import {
  contains,
  estimateTurnHeight,
  rangeFor,
  tailRange,
  TurnHeights,
  windowItems,
} from '../../../src/renderer/src/chat/turn-window';

function turns(count: number): Turn[] {
  return Array.from({ length: count }, (_, i) => ({ id: `t${i}`, userText: `q${i}`, answers: [] }));
}

/** Heights where every turn measured 100 px. */
function measured(list: readonly Turn[], px = 100): TurnHeights {
  const heights = new TurnHeights();
  for (const turn of list) heights.record(turn.id, px);
  return heights;
}

describe('turn window', () => {
  it('estimates taller turns for longer text, and caches per turn object', () => {
    const short: Turn = { id: 'a', userText: 'hi', answers: [] };
    const long: Turn = { id: 'b', userText: 'x'.repeat(600), answers: [] };
    expect(estimateTurnHeight(long)).toBeGreaterThan(estimateTurnHeight(short));
    expect(estimateTurnHeight(short)).toBe(estimateTurnHeight(short));
  });

  it('uses a measured height once there is one, and reports changes only', () => {
    const [turn] = turns(1) as [Turn];
    const heights = new TurnHeights();
    expect(heights.height(turn)).toBe(estimateTurnHeight(turn));
    expect(heights.record(turn.id, 321)).toBe(true);
    expect(heights.record(turn.id, 321)).toBe(false);
    expect(heights.height(turn)).toBe(321);
  });

  it('finds the turns overlapping a viewport', () => {
    const list = turns(100);
    const offsets = measured(list).offsets(list);
    expect(offsets[100]).toBe(10_000);
    expect(rangeFor(offsets, 250, 450)).toEqual({ start: 2, end: 5 });
    expect(rangeFor(offsets, -50, 50)).toEqual({ start: 0, end: 1 });
    expect(rangeFor(offsets, 20_000, 21_000)).toEqual({ start: 99, end: 100 });
    expect(tailRange(offsets, 350)).toEqual({ start: 96, end: 100 });
    expect(rangeFor(new Float64Array(1), 0, 100)).toEqual({ start: 0, end: 0 });
  });

  it('renders the range and extras with spacers exactly as tall as what they replace', () => {
    const list = turns(10);
    const offsets = measured(list).offsets(list);
    const items = windowItems(list, offsets, { start: 4, end: 6 }, [8]);
    expect(items.map((i) => (i.kind === 'turn' ? i.index : `gap:${i.height}`))).toEqual([
      'gap:400',
      4,
      5,
      'gap:200',
      8,
      'gap:100',
    ]);
    const whole = windowItems(list, offsets, { start: 0, end: 10 }, []);
    expect(whole.every((i) => i.kind === 'turn')).toBe(true);
  });

  it('knows when one range covers another', () => {
    expect(contains({ start: 2, end: 9 }, { start: 3, end: 9 })).toBe(true);
    expect(contains({ start: 2, end: 9 }, { start: 1, end: 5 })).toBe(false);
  });
});
