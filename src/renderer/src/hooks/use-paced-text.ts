import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';

/**
 * Main-thread time a frame that reveals text should take in all: the
 * reveal, React's render and the browser's style, layout and paint. Well
 * inside a 60 Hz frame, leaving room for incoming deltas and input.
 */
export const FRAME_TARGET_MS = 10;
/** Characters revealed per frame before anything has been measured. */
export const INITIAL_CHARS_PER_FRAME = 150;
/** However slow the machine, a backlog still moves at least this much per frame. */
export const MIN_CHARS_PER_FRAME = 40;
export const MAX_CHARS_PER_FRAME = 8000;

export interface PacerScheduler {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  /** Runs `callback` once the work of the current task, and of its frame if in one, is done. */
  afterPaint(callback: () => void): void;
  now(): number;
}

const browserScheduler: PacerScheduler = {
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  // A timer queued from a frame callback runs after that frame's style, layout and paint.
  afterPaint: (cb) => void setTimeout(cb, 0),
  now: () => performance.now(),
};

/**
 * The text of a streaming answer as it should be shown. A small delta shows
 * at once. A backlog (a fast model, a stall that ends in one burst) is
 * revealed over the following frames, as much per frame as keeps the frame
 * near FRAME_TARGET_MS: the pacer times each revealing frame, from its
 * callback until after its paint, and scales the next reveal by how far
 * that was from the target. So the screen keeps moving at the display's
 * rate on any machine and with any kind of markdown (a finished code block
 * costs more per character than prose), instead of one frame taking as
 * long as the whole backlog needs, and a fast machine is not held to a slow
 * one's pace. A text that does not continue what is shown (another answer,
 * a reload) and a text that was never streaming (history) are shown whole.
 */
export class TextPacer {
  private shown: string;
  private target: string;
  private frame: number | null = null;
  private chars = INITIAL_CHARS_PER_FRAME;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: string,
    private readonly scheduler: PacerScheduler = browserScheduler,
  ) {
    this.shown = initial;
    this.target = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): string => this.shown;

  /** How many characters the next frame may reveal. */
  charsPerFrame(): number {
    return this.chars;
  }

  offer(text: string): void {
    this.target = text;
    if (!text.startsWith(this.shown)) {
      this.cancel();
      this.show(text);
      return;
    }
    if (this.frame !== null) return;
    // A small delta shows at once; a backlog starts next frame, never in the task that brought it.
    if (text.length - this.shown.length <= this.chars) this.show(text);
    else this.frame = this.scheduler.requestFrame(this.step);
  }

  cancel(): void {
    if (this.frame !== null) this.scheduler.cancelFrame(this.frame);
    this.frame = null;
  }

  private readonly step = (): void => {
    this.frame = null;
    const { shown, target } = this;
    if (shown.length >= target.length) return;
    const started = this.scheduler.now();
    const planned = this.chars;
    this.show(nextCut(shown, target, planned));
    const revealed = this.shown.length - shown.length;
    this.scheduler.afterPaint(() => this.adapt(this.scheduler.now() - started, revealed, planned));
    if (this.shown.length < target.length) this.frame = this.scheduler.requestFrame(this.step);
  };

  /**
   * Scales the reveal size by target / cost: at once down after a costly
   * frame, at most by half again up after a cheap one, and up only when
   * the frame revealed about as much as planned (the end of a backlog
   * costs little and says nothing about a full frame).
   */
  private adapt(costMs: number, revealed: number, planned: number): void {
    if (!Number.isFinite(costMs) || costMs <= 0) return;
    const factor = Math.min(1.5, Math.max(0.1, FRAME_TARGET_MS / costMs));
    if (factor >= 1 && revealed < planned * 0.75) return;
    const next = Math.round(planned * factor);
    this.chars = Math.min(MAX_CHARS_PER_FRAME, Math.max(MIN_CHARS_PER_FRAME, next));
  }

  private show(text: string): void {
    if (text === this.shown) return;
    this.shown = text;
    for (const listener of this.listeners) listener();
  }
}

/** `shown` plus at most `chars` more of `target`, ending at a line end if one is near. */
export function nextCut(shown: string, target: string, chars: number): string {
  const limit = shown.length + chars;
  if (target.length <= limit) return target;
  const lineEnd = target.lastIndexOf('\n', limit - 1);
  let end = lineEnd >= shown.length + chars / 2 ? lineEnd + 1 : limit;
  // Never split a surrogate pair.
  const code = target.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end += 1;
  return target.slice(0, end);
}

/**
 * The answer text to render and whether it is still arriving on screen
 * (streaming, or catching up with a backlog after the stream ended).
 */
export function usePacedText(text: string, streaming: boolean): { text: string; live: boolean } {
  // An answer that mounts while streaming starts from nothing so its first delta is paced too.
  const [pacer] = useState(() => new TextPacer(streaming ? '' : text));
  const shown = useSyncExternalStore(pacer.subscribe, pacer.getSnapshot, pacer.getSnapshot);
  useLayoutEffect(() => {
    pacer.offer(text);
  }, [pacer, text]);
  useEffect(() => () => pacer.cancel(), [pacer]);
  const live = streaming || shown.length < text.length;
  return { text: live ? shown : text, live };
}
