import { describe, expect, it } from 'vitest';
import {
  BURST_CHARS,
  FrameGate,
  PrepareAhead,
} from '../../../../src/renderer/src/markdown/use-frame-batched-text';
import { manualFrames } from './helpers';

/** A gate stepped by hand, and every text it showed, in order. */
function watchedGate(): {
  frames: ReturnType<typeof manualFrames>;
  gate: FrameGate;
  seen: string[];
} {
  const frames = manualFrames();
  const gate = new FrameGate('', frames.request, frames.cancel);
  const seen: string[] = [];
  gate.subscribe(() => seen.push(gate.getSnapshot()));
  return { frames, gate, seen };
}

describe('FrameGate', () => {
  it('shows the first change at once and later ones at the next frame, newest only', () => {
    const { frames, gate, seen } = watchedGate();

    gate.offer('a', true);
    gate.offer('ab', true);
    gate.offer('abc', true);
    expect(seen).toEqual(['a']);
    frames.step();
    expect(seen).toEqual(['a', 'abc']);
    // The frame after a flush is still closed; with nothing pending it opens the gate.
    gate.offer('abcd', true);
    expect(seen).toEqual(['a', 'abc']);
    frames.step();
    expect(seen).toEqual(['a', 'abc', 'abcd']);
    frames.step();
    expect(frames.pending()).toBe(0);
    gate.offer('abcde', true);
    expect(seen).toEqual(['a', 'abc', 'abcd', 'abcde']);
  });

  it('holds a burst for the next frame, where the deltas that follow it join it', () => {
    const { frames, gate, seen } = watchedGate();
    const burst = 'x'.repeat(BURST_CHARS);

    // The gate is open, but drawing the burst now and the next delta in the frame would
    // render and lay out twice before one paint.
    gate.offer(burst, true);
    expect(seen).toEqual([]);
    gate.offer(`${burst}y`, true);
    frames.step();
    expect(seen).toEqual([`${burst}y`]);
    // A steady stream's small delta still goes on the page at once once the gate opens.
    frames.step();
    gate.offer(`${burst}yz`, true);
    expect(seen).toEqual([`${burst}y`, `${burst}yz`]);
    // Just under a burst is drawn at once too.
    frames.step();
    frames.step();
    const almost = `${burst}yz${'w'.repeat(BURST_CHARS - 1)}`;
    gate.offer(almost, true);
    expect(seen.at(-1)).toBe(almost);
  });

  it("holds a stream's last burst for the next frame too, and nothing else once it ended", () => {
    const { frames, gate, seen } = watchedGate();
    const burst = 'x'.repeat(BURST_CHARS);

    gate.offer('a', true);
    frames.step();
    frames.step();
    // The last delta arrives with the end of the stream: it is drawn in the next frame, as
    // it would have been a moment earlier, and until then the caller draws it as streaming.
    expect(gate.holdsLast(`a${burst}`)).toBe(true);
    gate.offer(`a${burst}`, false);
    expect(seen).toEqual(['a']);
    frames.step();
    expect(seen).toEqual(['a', `a${burst}`]);
    expect(gate.holdsLast(`a${burst}`)).toBe(false);
    // The stream is over: no frame is kept waiting, and a later text is not held.
    expect(frames.pending()).toBe(0);
    gate.offer(`a${burst}${burst}`, false);
    expect(gate.getSnapshot()).toBe(`a${burst}${burst}`);

    // A text that was never streamed (an answer opened from history) is never held.
    const settled = new FrameGate('b', frames.request, frames.cancel);
    expect(settled.holdsLast(`b${burst}`)).toBe(false);
    settled.offer(`b${burst}`, false);
    expect(settled.getSnapshot()).toBe(`b${burst}`);
  });

  it('stops batching when streaming ends, without waiting for a frame', () => {
    const frames = manualFrames();
    const gate = new FrameGate('', frames.request, frames.cancel);
    gate.offer('a', true);
    gate.offer('ab', true);
    gate.offer('abc', false);
    expect(gate.getSnapshot()).toBe('abc');
    expect(frames.pending()).toBe(0);
  });
});

describe('FrameGate with deltas ahead of its caller', () => {
  it('continues the newest text with each delta, and never goes back to an older one', () => {
    const { frames, gate, seen } = watchedGate();
    gate.offer('Hello', true);
    gate.extend(', world');
    frames.step();
    expect(seen).toEqual(['Hello', 'Hello, world']);
    // The caller's text catches up a moment later, in part and then in full: nothing changes.
    gate.offer('Hello, wo', true);
    expect(gate.isAhead('Hello, wo')).toBe(true);
    gate.offer('Hello, world', true);
    frames.step();
    expect(seen).toEqual(['Hello', 'Hello, world']);
    expect(gate.isAhead('Hello, world')).toBe(false);
    // Deltas continue from the newest text, not from the caller's.
    gate.extend('!');
    expect(seen.at(-1)).toBe('Hello, world!');
    // The settled text, once the caller has all of it, ends the stream as before.
    gate.offer('Hello, world!', false);
    expect(gate.getSnapshot()).toBe('Hello, world!');
    expect(gate.holdsLast('Hello, world!')).toBe(false);
  });

  it('shows a shorter text its caller offers, when no delta went ahead of it', () => {
    const { gate } = watchedGate();
    gate.offer('A longer text', false);
    gate.offer('A longer', false);
    expect(gate.getSnapshot()).toBe('A longer');
    expect(gate.isAhead('A longer')).toBe(false);
  });

  it('prepares only the newest of the texts held in one task, before any frame', async () => {
    const { gate, frames, seen } = watchedGate();
    const ahead = new PrepareAhead();
    const prepared: [string, string][] = [];
    ahead.provide((text, kind) => prepared.push([text, kind]));
    gate.prepareWith(ahead);
    gate.offer('Hi', true);
    const burst = 'x'.repeat(BURST_CHARS);
    // Three bursts in one task (a backlog handed over at once): nothing prepared yet.
    gate.extend(burst);
    gate.extend(burst);
    gate.extend('!');
    expect(prepared).toEqual([]);
    // The task's microtasks run before any frame: the newest text, once.
    await Promise.resolve();
    expect(prepared).toEqual([[`Hi${burst}${burst}!`, 'burst']]);
    frames.step();
    expect(seen).toEqual(['Hi', `Hi${burst}${burst}!`]);
    // A text drawn before its preparation was due is not prepared any more.
    gate.extend(burst);
    gate.offer('Another answer', false);
    await Promise.resolve();
    expect(prepared).toHaveLength(1);
  });

  it('takes another text that does not continue the newest one', () => {
    const { gate } = watchedGate();
    gate.offer('First answer', true);
    gate.extend(' grows');
    gate.offer('Another', false);
    expect(gate.getSnapshot()).toBe('Another');
    expect(gate.isAhead('Another')).toBe(false);
  });
});
