import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';

/**
 * Applies a streaming text to the screen at most once per animation frame.
 *
 * Why: deltas can arrive faster than the display refreshes (main coalesces to
 * about one IPC message per frame, but several streams, or a backlog after a
 * stall, can still deliver more), and rendering a text nobody will see is
 * wasted main-thread time. The first change in a frame is applied at once,
 * so a lone delta costs no extra latency; later changes in the same frame,
 * and a burst (BURST_CHARS), are held and the newest text is applied in the
 * next frame's requestAnimationFrame, just before paint.
 *
 * StreamingMarkdown uses this itself, so parents need not batch. When not
 * streaming the text is returned as is (also on the server, in tests), but
 * for the text that was still waiting when the stream ended (holdsLast),
 * which gets its frame like any other: the caller should draw the text as
 * still streaming while it differs from `text`. A held text is offered to
 * `ahead` (in a microtask: only the newest of several held at once), for the
 * renderer to prepare while it waits.
 */
export function useFrameBatchedText(
  text: string,
  streaming: boolean,
  ahead: PrepareAhead | null = null,
  deltas: DeltaSource | null = null,
): string {
  const [gate] = useState(() => new FrameGate(text));
  const shown = useSyncExternalStore(gate.subscribe, gate.getSnapshot, gate.getSnapshot);
  useLayoutEffect(() => {
    gate.prepareWith(ahead);
    gate.offer(text, streaming);
  }, [gate, text, streaming, ahead]);
  // After the offer above: a source that replays deltas continues the text offered.
  useLayoutEffect(() => deltas?.((delta) => gate.extend(delta)), [gate, deltas]);
  useEffect(() => () => gate.cancel(), [gate]);
  return streaming || gate.holdsLast(text) || gate.isAhead(text) ? shown : text;
}

/**
 * Deltas that continue the text ahead of the `text` argument (which catches
 * up later): subscribes the sink, returns the unsubscribe.
 */
export type DeltaSource = (sink: (delta: string) => void) => () => void;

/**
 * A change that adds this many characters waits for the next frame even when
 * the gate is open. Why: a burst's deltas arrive back to back; drawing the
 * first at once and the next in the frame that paints both rendered and laid
 * out the burst twice before one paint, so the first one's text waited for
 * both (in the streaming benchmark's fast run the worst deltas were these,
 * about twice a frame's work). In the frame, everything that arrived is
 * rendered and laid out once. A delta of a steady stream is far smaller and
 * still goes on the page at once.
 */
export const BURST_CHARS = 2000;

/**
 * How a held text will be drawn: `delta` waits behind a text already drawn
 * this frame (more may follow it before the frame), `burst` is a burst
 * (BURST_CHARS), `last` is the text the stream ended with, drawn as settled.
 */
export type HeldKind = 'delta' | 'burst' | 'last';

/**
 * Where the renderer of a gated text (MarkdownBlocks) puts the work it can
 * do before the text is drawn: splitting it into blocks and parsing the
 * newest of them. A text the gate holds for the next frame is prepared in
 * the task that brought it (the newest of those it brought, see
 * FrameGate.prepareHeld), while the main thread waits for that frame; the
 * frame then has less left to do than render it whole.
 */
export class PrepareAhead {
  private preparer: ((text: string, kind: HeldKind) => void) | null = null;

  /** The renderer's preparation, until the returned function removes it. */
  provide(preparer: (text: string, kind: HeldKind) => void): () => void {
    this.preparer = preparer;
    return () => {
      if (this.preparer === preparer) this.preparer = null;
    };
  }

  prepare(text: string, kind: HeldKind): void {
    this.preparer?.(text, kind);
  }
}

type RequestFrame = (callback: () => void) => number;
type CancelFrame = (handle: number) => void;

/**
 * The frame-rate gate behind useFrameBatchedText, usable on its own. Frame
 * scheduling is injectable so tests can step frames by hand.
 */
export class FrameGate {
  private shown: string;
  /** The newest text offered or extended. */
  private latest: string;
  /** `latest` came from deltas (extend) the caller's text has not caught up with yet. */
  private extended = false;
  private pending: string | null = null;
  private frame: number | null = null;
  /** Offered a streaming text since the last settled one: only then is a last text held. */
  private streamed = false;
  /** How the pending text will be drawn (see HeldKind). */
  private pendingKind: HeldKind = 'delta';
  /** The pending text's preparation is queued (prepareHeld). */
  private prepareQueued = false;
  private readonly listeners = new Set<() => void>();
  /** Prepares a text as it starts waiting for the next frame. */
  private ahead: PrepareAhead | null = null;

  constructor(
    initial: string,
    private readonly requestFrame: RequestFrame = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: CancelFrame = (handle) => cancelAnimationFrame(handle),
  ) {
    this.shown = initial;
    this.latest = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): string => this.shown;

  /**
   * A new text: shown now if nothing was shown this frame and it adds less
   * than BURST_CHARS, else at the next frame. When streaming has ended it is
   * shown now, unless it still has to wait (holdsLast).
   */
  offer(text: string, streaming: boolean): void {
    // The caller's text catching up with deltas this gate already has (extend): nothing new.
    if (this.isAhead(text)) return;
    this.extended = false;
    this.accept(text, streaming);
  }

  /**
   * A delta that continues the newest text, ahead of the caller's (which
   * catches up later and is then ignored, see isAhead): taken as a
   * streaming text.
   */
  extend(delta: string): void {
    if (delta === '') return;
    this.extended = true;
    this.accept(this.latest + delta, true);
  }

  /** Whether the gate has more of this text than `text`, from deltas (extend). */
  isAhead(text: string): boolean {
    return this.extended && this.latest.length > text.length && this.latest.startsWith(text);
  }

  private accept(text: string, streaming: boolean): void {
    this.latest = text;
    if (!streaming) {
      if (this.holdsLast(text)) {
        this.hold(text, 'last');
        return;
      }
      // Not batching: keep the snapshot current without re-rendering anyone.
      this.cancel();
      this.shown = text;
      this.streamed = false;
      return;
    }
    this.streamed = true;
    // Already waiting for its frame (the caller caught up with the deltas that brought it).
    if (text === this.pending && !this.pendingLast) return;
    if (text === this.shown) {
      this.pending = null;
      return;
    }
    const burst = text.length - this.shown.length >= BURST_CHARS;
    if (this.frame === null && !burst) {
      this.show(text);
      this.frame = this.requestFrame(this.onFrame);
    } else {
      this.hold(text, burst ? 'burst' : 'delta');
    }
  }

  private hold(text: string, kind: HeldKind): void {
    this.pending = text;
    this.pendingKind = kind;
    this.frame ??= this.requestFrame(this.onFrame);
    if (this.ahead === null || this.prepareQueued) return;
    this.prepareQueued = true;
    queueMicrotask(this.prepareHeld);
  }

  /**
   * Prepares the text held for the next frame once the code that brought it
   * has run, not each text as it is held. Why: a page that fell behind an
   * answer streamed fast gets a backlog of deltas in one go (the browser
   * shell hands over every event of one read in the same turn), and each
   * prepared in turn rendered blocks of its own that were older text by the
   * frame, a whole budget per delta in the task before the frame. A
   * microtask still runs before any frame.
   */
  private readonly prepareHeld = (): void => {
    this.prepareQueued = false;
    if (this.pending !== null) this.ahead?.prepare(this.pending, this.pendingKind);
  };

  /**
   * Whether `text`, the final text of a stream that has ended, still waits
   * for the next frame: it is the text already waiting, or it continues
   * what is shown by a burst (the last delta arrives with the end of the
   * stream, and was drawn at once, in the task that also settles the
   * answer, outside any frame). Until then the caller shows the text as
   * still streaming.
   */
  holdsLast(text: string): boolean {
    if (!this.streamed) return false;
    if (text === this.pending) return true;
    return text.length - this.shown.length >= BURST_CHARS && text.startsWith(this.shown);
  }

  prepareWith(ahead: PrepareAhead | null): void {
    this.ahead = ahead;
  }

  cancel(): void {
    if (this.frame !== null) this.cancelFrame(this.frame);
    this.frame = null;
    this.pending = null;
  }

  /** The pending text is the one the stream ended with. */
  private get pendingLast(): boolean {
    return this.pending !== null && this.pendingKind === 'last';
  }

  private readonly onFrame = (): void => {
    this.frame = null;
    const next = this.pending;
    if (next === null) return;
    const last = this.pendingLast;
    this.pending = null;
    // The stream's last text settles the gate: nothing follows it to batch.
    if (last) this.streamed = false;
    this.show(next);
    // Keep the gate closed for the rest of this frame.
    if (!last) this.frame = this.requestFrame(this.onFrame);
  };

  private show(text: string): void {
    this.shown = text;
    for (const listener of this.listeners) listener();
  }
}
