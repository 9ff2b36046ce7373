import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';

/**
 * Most characters of a streaming answer shown per animation frame when a
 * backlog arrives at once. Parsing and highlighting finished markdown
 * costs a few milliseconds per kilobyte, so this keeps one frame's work
 * well inside its 16 ms even when, after a stall or with a fast model, main
 * delivers tens of kilobytes in one delta.
 */
export const CHARS_PER_FRAME = 600;

type RequestFrame = (callback: () => void) => number;
type CancelFrame = (handle: number) => void;

/**
 * The text of a streaming answer as it should be shown: at once when the
 * new part is small (the usual delta), else revealed CHARS_PER_FRAME at a
 * time, cut at a line end where possible, from the next frame on (so the
 * task that delivered a backlog does not also render it). A
 * text that did not grow from what is shown (another answer, a reload)
 * and a text that was never streaming (history) are shown whole.
 */
export class TextPacer {
  private shown: string;
  private target: string;
  private frame: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: string,
    private readonly requestFrame: RequestFrame = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: CancelFrame = (handle) => cancelAnimationFrame(handle),
  ) {
    this.shown = initial;
    this.target = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): string => this.shown;

  offer(text: string): void {
    this.target = text;
    if (!text.startsWith(this.shown)) {
      this.cancel();
      this.show(text);
      return;
    }
    if (this.frame !== null) return;
    // A small delta shows at once; a backlog starts next frame, never in the task that brought it.
    if (text.length - this.shown.length <= CHARS_PER_FRAME) this.step();
    else this.frame = this.requestFrame(this.step);
  }

  cancel(): void {
    if (this.frame !== null) this.cancelFrame(this.frame);
    this.frame = null;
  }

  private readonly step = (): void => {
    this.frame = null;
    const { shown, target } = this;
    if (shown.length >= target.length) return;
    this.show(nextCut(shown, target));
    if (this.shown.length < target.length) this.frame = this.requestFrame(this.step);
  };

  private show(text: string): void {
    if (text === this.shown) return;
    this.shown = text;
    for (const listener of this.listeners) listener();
  }
}

/** `shown` plus at most CHARS_PER_FRAME more of `target`, ending at a line end if one is near. */
export function nextCut(shown: string, target: string): string {
  const limit = shown.length + CHARS_PER_FRAME;
  if (target.length <= limit) return target;
  const lineEnd = target.lastIndexOf('\n', limit);
  let end = lineEnd > shown.length + CHARS_PER_FRAME / 2 ? lineEnd + 1 : limit;
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
