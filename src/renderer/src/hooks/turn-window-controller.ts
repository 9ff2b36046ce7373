import type { Turn } from '../chat/conversation';
import { contains, rangeFor, TurnHeights, type TurnRange } from '../chat/turn-window';

/** Turns are rendered this far beyond each edge of the viewport (at least this many px). */
const MIN_OVERSCAN_PX = 600;
/** The window is moved only once the viewport comes this close to its rendered edge. */
const REFRESH_FRACTION = 0.34;

/** A new window for the conversation `owner` (the one that was rendered). */
export type RangeListener = (range: TurnRange, tail: boolean, owner: string | null) => void;

/**
 * The DOM side of the virtualised list: it listens to the scroller (scroll
 * and resize), measures each rendered turn with one ResizeObserver and,
 * when the viewport nears the edge of what is rendered, asks React for a new
 * range. It never re-renders for a measurement alone: while an answer
 * streams, its turn grows every frame but the window only changes when the
 * viewport actually needs other turns.
 */
export class TurnWindowController {
  readonly heights = new TurnHeights();
  private turns: readonly Turn[] = [];
  private range: TurnRange = { start: 0, end: 0 };
  private owner: string | null = null;
  private scroller: HTMLElement | null = null;
  private log: HTMLElement | null = null;
  private listener: RangeListener | null = null;
  private turnObserver: ResizeObserver | null = null;
  private lastViewport = 0;

  /** The scroller's height, or the window's before the scroller is known. */
  viewport(): number {
    if (this.lastViewport > 0) return this.lastViewport;
    return typeof window === 'undefined' ? 800 : window.innerHeight;
  }

  /** The first of the turns last rendered (what the range counts from). */
  firstTurnId(): string | null {
    return this.turns[0]?.id ?? null;
  }

  /** Called after every render with what was rendered. */
  sync(turns: readonly Turn[], range: TurnRange, owner: string | null): void {
    this.turns = turns;
    this.range = range;
    this.owner = owner;
  }

  attach(scroller: HTMLElement, log: HTMLElement, listener: RangeListener): () => void {
    this.scroller = scroller;
    this.log = log;
    this.listener = listener;
    this.lastViewport = scroller.clientHeight;
    const onScroll = (): void => this.update();
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const viewportObserver = new ResizeObserver(() => {
      this.lastViewport = scroller.clientHeight;
      this.update();
    });
    viewportObserver.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      viewportObserver.disconnect();
      // The turn observer stays: each turn's ref callback unobserves its own element.
      this.scroller = null;
      this.log = null;
      this.listener = null;
    };
  }

  /**
   * Ref callback for a rendered turn's wrapper (which carries `data-turn-id`):
   * observed while mounted; its last height outlives it.
   */
  readonly observe = (element: HTMLElement | null): (() => void) | undefined => {
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    this.turnObserver ??= new ResizeObserver((entries) => this.onTurnsResized(entries));
    const observer = this.turnObserver;
    observer.observe(element);
    return () => observer.unobserve(element);
  };

  /** Recomputes the window for the current scroll position; asks for a new one if needed. */
  update(): void {
    const { scroller, log, listener } = this;
    const count = this.turns.length;
    if (!scroller || !log || !listener || count === 0) return;
    const viewport = scroller.clientHeight;
    this.lastViewport = viewport;
    const logTop =
      log.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const top = scroller.scrollTop - logTop;
    const bottom = top + viewport;
    const offsets = this.heights.offsets(this.turns);
    const overscan = Math.max(MIN_OVERSCAN_PX, viewport);
    const margin = overscan * REFRESH_FRACTION;
    const needed = rangeFor(offsets, top - margin, bottom + margin);
    const wanted = rangeFor(offsets, top - overscan, bottom + overscan);
    const current = this.range;
    const oversized = current.end - current.start > 2 * (wanted.end - wanted.start) + 4;
    if (contains(current, needed) && !oversized) return;
    if (wanted.start === current.start && wanted.end === current.end) return;
    this.range = wanted;
    listener(wanted, wanted.end === count, this.owner);
  }

  private onTurnsResized(entries: readonly ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset['turnId'];
      if (!id || !entry.target.isConnected) continue;
      const height = entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height;
      if (this.heights.record(id, height)) changed = true;
    }
    if (changed) this.update();
  }
}
