import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';

/**
 * Main-thread time a frame that reveals text should take in all: the
 * reveal, React's render and the browser's style, layout and paint. Well
 * inside a 60 Hz frame, leaving room for incoming deltas and input.
 */
export const FRAME_TARGET_MS = 10;
/**
 * Time a frame may always spend on what it reveals, over what any frame of
 * this answer costs: where re-rendering the unfinished tail alone nearly
 * fills FRAME_TARGET_MS (a long answer on a slow machine), a backlog must
 * still drain faster than a model streams.
 */
export const MIN_REVEAL_MS = 4;
/** Characters revealed per frame before anything has been measured. */
export const INITIAL_CHARS_PER_FRAME = 150;
/** However slow the machine, a backlog still moves at least this much per frame. */
export const MIN_CHARS_PER_FRAME = 40;
export const MAX_CHARS_PER_FRAME = 8000;
/**
 * A stream arriving at up to this many characters per display frame (about
 * 7,500 tokens a second, far above any model's rate) is revealed as fast
 * as it arrives, up to this many characters in a frame, even while frames
 * cost more than FRAME_TARGET_MS (as an answer's first frames do): where a
 * frame's cost is mostly its fixed part, as measured in the app, holding
 * the text back would not make frames cheaper, only let it fall ever
 * further behind. A faster arrival is a burst, paced by cost alone.
 */
export const STEADY_CHARS_PER_FRAME = 500;
const DISPLAY_FRAME_MS = 1000 / 60;
/** Revealing frames the cost model is fitted to. */
const COST_SAMPLES = 24;

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
 * near FRAME_TARGET_MS. The pacer times each revealing frame, from its
 * callback until after its paint, and fits the costs of the last frames to
 * a fixed part plus a part per character revealed (see `CostModel`). So the
 * screen keeps moving at the display's rate on any machine and with any
 * kind of markdown (a finished code block costs more per character than
 * prose), instead of one frame taking as long as the whole backlog needs;
 * and a frame whose cost is mostly the fixed part (re-rendering a long
 * answer's tail) still reveals enough to keep up with the stream. A steady
 * stream is never held back (STEADY_CHARS_PER_FRAME), even when that takes
 * a frame over FRAME_TARGET_MS. A text that does not continue what is
 * shown (another answer, a reload) and a text that was never streaming
 * (history) are shown whole.
 */
export class TextPacer {
  private shown: string;
  private target: string;
  private frame: number | null = null;
  private chars = INITIAL_CHARS_PER_FRAME;
  /**
   * Where and when the text still to reveal began arriving: the shown text
   * when a backlog starts (so its first frame may show a stream-sized delta
   * whole), then the target at each revealing frame.
   */
  private arrivedFrom = 0;
  private arrivedSince = 0;
  private readonly costs = new CostModel(FRAME_TARGET_MS, MIN_REVEAL_MS);
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
    if (text.length - this.shown.length <= this.chars) {
      this.show(text);
      return;
    }
    this.arrivedFrom = this.shown.length;
    this.arrivedSince = this.scheduler.now();
    this.frame = this.scheduler.requestFrame(this.step);
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
    const arrived = target.length - this.arrivedFrom;
    const frames = Math.max(1, (started - this.arrivedSince) / DISPLAY_FRAME_MS);
    this.arrivedFrom = target.length;
    this.arrivedSince = started;
    const steady =
      arrived / frames <= STEADY_CHARS_PER_FRAME ? Math.min(arrived, STEADY_CHARS_PER_FRAME) : 0;
    this.show(nextCut(shown, target, Math.max(this.chars, steady), steady));
    const revealed = this.shown.length - shown.length;
    this.scheduler.afterPaint(() => this.adapt(revealed, this.scheduler.now() - started));
    if (this.shown.length < target.length) this.frame = this.scheduler.requestFrame(this.step);
  };

  private adapt(revealed: number, costMs: number): void {
    if (!Number.isFinite(costMs) || costMs <= 0 || revealed <= 0) return;
    this.costs.add(revealed, costMs);
    const next = this.costs.charsWithin(this.chars);
    this.chars = Math.round(Math.min(MAX_CHARS_PER_FRAME, Math.max(MIN_CHARS_PER_FRAME, next)));
  }

  private show(text: string): void {
    if (text === this.shown) return;
    this.shown = text;
    for (const listener of this.listeners) listener();
  }
}

/**
 * What a revealing frame costs, as a fixed part plus a part per character,
 * fitted to the last COST_SAMPLES frames. A rule that scales the next
 * reveal by target / last cost assumes the cost is all per character;
 * measured in the app, a long answer's frames cost about 9.4 ms fixed and
 * 0.36 ms per 100 characters, so such a rule settles on a reveal smaller
 * than the stream's rate and falls further behind with every frame. The
 * fit is Theil-Sen (medians of pairwise slopes), so a frame slowed by
 * something else on the machine does not swing it.
 */
export class CostModel {
  private samples: { chars: number; ms: number }[] = [];
  /** The fit to `samples`, redone once per sample added. */
  private fitted: { fixed: number; perChar: number } | null = null;
  /** Whether the last frame cost more than twice what the fit predicted. */
  private surprised = false;

  /**
   * @param targetMs what a frame should cost in all
   * @param minRevealMs what a frame may always spend over the fixed part
   */
  constructor(
    private readonly targetMs: number,
    private readonly minRevealMs: number,
  ) {}

  add(chars: number, ms: number): void {
    const fit = this.fitted;
    const surprise =
      fit !== null && ms > this.targetMs / 2 && ms > 2 * (fit.fixed + fit.perChar * chars);
    // One such frame may have been slowed by something else on the machine; two in a row
    // mean the content changed (a code block finished and is highlighted), and what came
    // before says nothing about what comes next.
    if (surprise && this.surprised) this.samples = [];
    this.surprised = surprise;
    this.samples.push({ chars, ms });
    if (this.samples.length > COST_SAMPLES) this.samples.shift();
    this.fitted = this.fit();
  }

  /**
   * How many characters the next frame should reveal, `current` being what
   * the last one could: the most that fit `targetMs`, and at least
   * as many as add `minRevealMs` to the fixed part. At most half again the
   * largest reveal measured, so a cost that grows faster than the fit
   * shows up before it makes a long frame.
   */
  charsWithin(current: number): number {
    const { targetMs, minRevealMs, fitted: fit } = this;
    if (!fit) {
      // Too few different sizes to tell the parts apart: scale as if all of it were per
      // character, which never overshoots; growing changes the size, which the fit needs.
      const ms = median(this.samples.map((s) => s.ms));
      if (ms <= targetMs) return current * Math.min(1.5, targetMs / ms);
      return (median(this.samples.map((s) => s.chars)) * targetMs) / ms;
    }
    const budget = Math.max(targetMs - fit.fixed, minRevealMs);
    const largest = Math.max(...this.samples.map((s) => s.chars));
    const fitted = Math.min(fit.perChar > 0 ? budget / fit.perChar : Infinity, 1.5 * largest);
    // After a surprise, the next frame is sized as if the surprise were the rule.
    const last = this.samples.at(-1);
    return this.surprised && last ? Math.min(fitted, (last.chars * targetMs) / last.ms) : fitted;
  }

  private fit(): { fixed: number; perChar: number } | null {
    const { samples } = this;
    const slopes: number[] = [];
    for (let i = 0; i < samples.length; i += 1)
      for (let j = i + 1; j < samples.length; j += 1) {
        const a = samples[i] as { chars: number; ms: number };
        const b = samples[j] as { chars: number; ms: number };
        // Pairs of about one size say more about noise than about cost per character.
        if (Math.abs(a.chars - b.chars) >= 0.1 * Math.max(a.chars, b.chars))
          slopes.push((b.ms - a.ms) / (b.chars - a.chars));
      }
    if (slopes.length < 3) return null;
    const perChar = Math.max(0, median(slopes));
    const fixed = Math.max(0, median(this.samples.map((s) => s.ms - perChar * s.chars)));
    return { fixed, perChar };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1] ?? 0;
}

/**
 * `shown` plus at most `chars` more of `target`, ending at a line end if one
 * is near (at least half of `chars`, and at least `atLeast`, is revealed).
 */
export function nextCut(shown: string, target: string, chars: number, atLeast = 0): string {
  const limit = shown.length + chars;
  if (target.length <= limit) return target;
  const lineEnd = target.lastIndexOf('\n', limit - 1);
  let end = lineEnd >= shown.length + Math.max(chars / 2, atLeast) ? lineEnd + 1 : limit;
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
