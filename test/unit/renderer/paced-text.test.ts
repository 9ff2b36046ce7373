import { describe, expect, it } from 'vitest';
import {
  CHARS_PER_FRAME,
  nextCut,
  TextPacer,
} from '../../../src/renderer/src/hooks/use-paced-text';

/** A pacer whose frames are stepped by hand. */
function manual(initial: string): { pacer: TextPacer; frame: () => void; pending: () => number } {
  const queue: (() => void)[] = [];
  const pacer = new TextPacer(
    initial,
    (cb) => queue.push(cb),
    () => undefined,
  );
  return {
    pacer,
    frame: () => queue.splice(0).forEach((cb) => cb()),
    pending: () => queue.length,
  };
}

describe('paced text', () => {
  it('shows a small delta at once', () => {
    const { pacer, pending } = manual('');
    pacer.offer('Hello');
    expect(pacer.getSnapshot()).toBe('Hello');
    pacer.offer('Hello, world');
    expect(pacer.getSnapshot()).toBe('Hello, world');
    expect(pending()).toBe(0);
  });

  it('reveals a backlog over frames, at most CHARS_PER_FRAME each, ending at line ends', () => {
    const { pacer, frame } = manual('');
    const line = `${'x'.repeat(99)}\n`;
    const text = line.repeat(60);
    pacer.offer(text);
    expect(pacer.getSnapshot()).toBe('');
    frame();
    const seen = [pacer.getSnapshot().length];
    while (pacer.getSnapshot() !== text) {
      frame();
      seen.push(pacer.getSnapshot().length);
    }
    expect(seen.length).toBe(Math.ceil(text.length / CHARS_PER_FRAME));
    for (const [i, length] of seen.entries()) {
      expect(length - (seen[i - 1] ?? 0)).toBeLessThanOrEqual(CHARS_PER_FRAME);
      expect(text.slice(0, length).endsWith('\n')).toBe(true);
    }
  });

  it('shows a text that does not continue what is shown whole', () => {
    const { pacer } = manual('first answer');
    pacer.offer('another');
    expect(pacer.getSnapshot()).toBe('another');
  });

  it('never cuts a surrogate pair', () => {
    const shown = '';
    const target = `${'a'.repeat(CHARS_PER_FRAME - 1)}😀${'b'.repeat(10)}`;
    const cut = nextCut(shown, target);
    expect(cut.endsWith('😀')).toBe(true);
  });
});
