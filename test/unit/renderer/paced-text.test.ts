import { describe, expect, it } from 'vitest';
import {
  FRAME_TARGET_MS,
  INITIAL_CHARS_PER_FRAME,
  MIN_CHARS_PER_FRAME,
  nextCut,
  TextPacer,
  type PacerScheduler,
} from '../../../src/renderer/src/hooks/use-paced-text';

/**
 * A pacer on a hand-stepped clock. Rendering is simulated: each change shown
 * costs `msPerChar` per added character (plus `fixedMs`), which the fake
 * clock advances by, so the pacer's timing sees what a slow or fast machine
 * would show it.
 */
function manual(
  initial: string,
  cost: { msPerChar: number; fixedMs?: number; jitterMs?: (change: number) => number },
) {
  let clock = 0;
  let frames: (() => void)[] = [];
  let painted: (() => void)[] = [];
  const scheduler: PacerScheduler = {
    requestFrame: (cb) => frames.push(cb),
    cancelFrame: () => undefined,
    afterPaint: (cb) => void painted.push(cb),
    now: () => clock,
  };
  const pacer = new TextPacer(initial, scheduler);
  let last = initial;
  const costs: number[] = [];
  pacer.subscribe(() => {
    const next = pacer.getSnapshot();
    const ms =
      (cost.fixedMs ?? 0) +
      Math.max(0, next.length - last.length) * cost.msPerChar +
      (cost.jitterMs?.(costs.length) ?? 0);
    clock += ms;
    costs.push(ms);
    last = next;
  });
  return {
    pacer,
    costs,
    /** One display frame: the frame callbacks, then whatever waits for the paint. */
    frame: () => {
      const [due, afterPaint] = [frames, painted];
      frames = [];
      painted = [];
      due.forEach((cb) => cb());
      afterPaint.forEach((cb) => cb());
      painted.splice(0).forEach((cb) => cb());
      clock += 1;
    },
    pending: () => frames.length,
  };
}

/**
 * A stream into `m`: `start`, then one `delta` per frame for `frames`
 * frames. Returns how far the shown text is behind after each frame.
 */
function follow(
  m: ReturnType<typeof manual>,
  start: string,
  delta: string,
  frames: number,
): number[] {
  let text = start;
  const lag: number[] = [];
  for (let i = 0; i < frames; i += 1) {
    text += delta;
    m.pacer.offer(text);
    m.frame();
    lag.push(text.length - m.pacer.getSnapshot().length);
  }
  return lag;
}

describe('paced text', () => {
  it('shows a small delta at once', () => {
    const { pacer, pending } = manual('', { msPerChar: 0.001 });
    pacer.offer('Hello');
    expect(pacer.getSnapshot()).toBe('Hello');
    pacer.offer('Hello, world');
    expect(pacer.getSnapshot()).toBe('Hello, world');
    expect(pending()).toBe(0);
  });

  it('reveals a backlog from the next frame on, never in the task that brought it, cut at line ends', () => {
    const { pacer, frame } = manual('', { msPerChar: 0.01 });
    const line = `${'x'.repeat(99)}\n`;
    const text = line.repeat(200);
    pacer.offer(text);
    expect(pacer.getSnapshot()).toBe('');
    frame();
    expect(pacer.getSnapshot().length).toBeLessThanOrEqual(INITIAL_CHARS_PER_FRAME);
    let frames = 1;
    while (pacer.getSnapshot() !== text && frames < 1000) {
      expect(pacer.getSnapshot().endsWith('\n')).toBe(true);
      frame();
      frames += 1;
    }
    expect(pacer.getSnapshot()).toBe(text);
  });

  it('keeps every frame within its budget on a slow machine, however big the backlog', () => {
    // 0.05 ms per character: 2,000 characters in one frame would take 100 ms (a long task).
    const { pacer, frame, costs } = manual('', { msPerChar: 0.05, fixedMs: 1 });
    const text = 'word '.repeat(4000);
    pacer.offer(text);
    let frames = 0;
    while (pacer.getSnapshot() !== text && frames < 10_000) {
      frame();
      frames += 1;
    }
    expect(pacer.getSnapshot()).toBe(text);
    // The first reveals are a guess; from then on each is sized from what the last cost.
    for (const ms of costs.slice(3)) expect(ms).toBeLessThanOrEqual(FRAME_TARGET_MS * 1.1);
  });

  it('on a fast machine reveals much more per frame, so a burst is caught up quickly', () => {
    const slow = manual('', { msPerChar: 0.05 });
    const fast = manual('', { msPerChar: 0.001 });
    const text = 'word '.repeat(20_000);
    const framesFor = (m: ReturnType<typeof manual>): number => {
      m.pacer.offer(text);
      let frames = 0;
      while (m.pacer.getSnapshot() !== text && frames < 100_000) {
        m.frame();
        frames += 1;
      }
      return frames;
    };
    const fastFrames = framesFor(fast);
    expect(fastFrames).toBeLessThan(framesFor(slow) / 10);
    expect(fastFrames).toBeLessThan(text.length / INITIAL_CHARS_PER_FRAME);
  });

  it('after a costly frame (a code block finished) the next frame is smaller at once', () => {
    const cost = { msPerChar: 0.002 };
    const m = manual('', cost);
    m.pacer.offer('a'.repeat(200_000));
    for (let i = 0; i < 10; i += 1) m.frame();
    expect(m.pacer.charsPerFrame()).toBeGreaterThan(INITIAL_CHARS_PER_FRAME);
    // Everything becomes ten times as costly (say, highlighted code instead of prose).
    cost.msPerChar = 0.02;
    m.frame();
    expect(m.costs.at(-1)).toBeGreaterThan(FRAME_TARGET_MS * 2);
    // And it stays so: what was learnt about prose no longer counts.
    for (let i = 0; i < 30; i += 1) {
      m.frame();
      expect(m.costs.at(-1)).toBeLessThanOrEqual(FRAME_TARGET_MS * 1.1);
    }
  });

  it('after one frame slowed by something else, soon reveals as much as before', () => {
    let spikeAt = -1;
    const m = manual('', {
      fixedMs: 9.4,
      msPerChar: 0.0036,
      jitterMs: (i) => (i === spikeAt ? 40 : i % 7 === 0 ? 2 : 0),
    });
    m.pacer.offer('word '.repeat(200_000));
    for (let i = 0; i < 60; i += 1) m.frame();
    const settled = m.pacer.charsPerFrame();
    expect(settled).toBeGreaterThan(INITIAL_CHARS_PER_FRAME);
    spikeAt = m.costs.length;
    m.frame();
    expect(m.costs.at(-1)).toBeGreaterThan(40);
    m.frame();
    m.frame();
    expect(m.pacer.charsPerFrame()).toBeGreaterThanOrEqual(settled * 0.9);
  });

  it('keeps up with a steady stream when a frame costs about the same whatever it reveals', () => {
    // A long answer: re-rendering its unfinished tail costs 9.4 ms a frame, each character
    // 0.0036 ms more (figures measured in the app), and one frame in four is preempted for 6 ms.
    const m = manual('', {
      fixedMs: 9.4,
      msPerChar: 0.0036,
      jitterMs: (i) => (i % 4 === 3 ? 6 : 0),
    });
    const line = `${'word '.repeat(12)}\n`;
    const delta = line.repeat(2); // 2,000 tokens/s: about one such delta per frame
    const lag = follow(m, line.repeat(40), delta, 600); // It starts with a burst.
    // Caught up with the burst within half a second, then never more than two deltas behind.
    expect(Math.max(...lag.slice(30))).toBeLessThanOrEqual(2 * delta.length);
    expect(lag.at(-1)).toBe(0);
  });

  it('reveals a steady stream as it arrives even while frames are slow, as an answer starts', () => {
    // Until the code is warm, every frame costs 30 ms more, whatever it reveals.
    const m = manual('', { fixedMs: 9.4, msPerChar: 0.0036, jitterMs: (i) => (i < 60 ? 30 : 0) });
    // More than a first frame may reveal, with a line end late in it (a cut there would
    // leave the rest behind) and ending mid-line.
    const delta = `${'word '.repeat(34)}\n${'word '.repeat(14)}`;
    const lag = follow(m, `${'word '.repeat(120)}\n`, delta, 120); // It starts with a burst.
    // Never further behind than after the burst's first frame, and caught up in the end.
    expect(Math.max(...lag)).toBe(lag[0]);
    expect(lag.at(-1)).toBe(0);
  });

  it('paces a burst beyond a steady stream by cost, however fast it arrives', () => {
    const m = manual('', { fixedMs: 1, msPerChar: 0.05 });
    let text = '';
    for (let i = 0; i < 40; i += 1) {
      text += 'word '.repeat(1000); // 5,000 characters a frame
      m.pacer.offer(text);
      m.frame();
    }
    expect(m.pacer.getSnapshot().length).toBeLessThan(text.length / 4);
    for (const ms of m.costs.slice(3)) expect(ms).toBeLessThanOrEqual(FRAME_TARGET_MS * 1.1);
  });

  it('still moves at least MIN_CHARS_PER_FRAME per frame on a very slow machine', () => {
    const { pacer, frame } = manual('', { msPerChar: 5 });
    pacer.offer('z'.repeat(10_000));
    frame();
    frame();
    const before = pacer.getSnapshot().length;
    frame();
    expect(pacer.getSnapshot().length - before).toBeGreaterThanOrEqual(MIN_CHARS_PER_FRAME);
  });

  it('shows a text that does not continue what is shown whole', () => {
    const { pacer } = manual('first answer', { msPerChar: 0.001 });
    pacer.offer('another');
    expect(pacer.getSnapshot()).toBe('another');
  });

  it('never cuts a surrogate pair', () => {
    const target = `${'a'.repeat(99)}😀${'b'.repeat(10)}`;
    const cut = nextCut('', target, 100);
    expect(cut.endsWith('😀')).toBe(true);
  });
});
