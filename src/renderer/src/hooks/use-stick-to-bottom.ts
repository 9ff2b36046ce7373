import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the end counts as "at the end". */
const NEAR_END_PX = 48;
/** Share of the viewport kept empty below the newest text while following, and its cap. */
const RUNWAY_SHARE = 0.35;
const MAX_RUNWAY_PX = 320;
/** A smooth jump starts at most this many viewports above the end. */
const SMOOTH_VIEWPORTS = 2;
/** A move up counts as the person's own only this soon after their wheel, key, touch or pointer. */
const USER_INPUT_MS = 1000;
/** Characters added at once that make a burst, followed before the frame lays it out. */
const BURST_CHARS = 2000;
/** An answer's body while it streams or its rendering catches up (AnswerBody). */
const STREAMING_ANSWER = '.message-markdown[aria-busy="true"]';

export interface StickToBottom {
  scrollRef: RefObject<HTMLDivElement | null>;
  contentRef: RefObject<HTMLDivElement | null>;
  /** True when the person scrolled up and newer text is out of sight. */
  showJump: boolean;
  /** Scrolls to the end and follows the stream again; smooth unless told otherwise. */
  jumpToLatest: (smooth?: boolean) => void;
  /** Stops following the stream (the view was moved to an older message on purpose). */
  release: () => void;
}

/**
 * Follows a streaming answer down the page, unless the person scrolled up to
 * read: moving up (scrollTop decreasing) lets go, reaching the end again
 * takes hold. Growth of the content never counts as the person scrolling,
 * because growth does not change scrollTop.
 *
 * It follows in steps, not line by line. Below the conversation there is a
 * runway of empty space (about a third of the view, the CSS variable
 * --follow-runway); new text fills it while the view stays still, and only
 * when the text reaches the bottom edge does the view move, by the runway at
 * once. Text being read does not creep up with every line, and a frame that
 * adds a line only paints that line: moving the view repaints and
 * recomposites all of it, which costs more than the text itself.
 *
 * Only a move up soon after the person's own input (wheel, keys, touch,
 * pointer on the scroll area or its scrollbar) lets go: markdown can make
 * the end of an answer shorter as it streams (a line that turns out to be a
 * table header), which clamps scrollTop, and scroll anchoring in the
 * windowed list moves it when a turn rendered above differs from its
 * estimate; neither is the person scrolling. A jump from far away starts a
 * couple of screens above the end, so it does not render every turn of a
 * long conversation on the way down.
 */
export function useStickToBottom(): StickToBottom {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const contentRef = useRef<HTMLDivElement | null>(null);
  const stuck = useRef(true);
  const lastTop = useRef(0);
  const lastInput = useRef(0);
  const [showJump, setShowJump] = useState(false);

  const distanceToEnd = (el: HTMLElement): number =>
    el.scrollHeight - el.scrollTop - el.clientHeight;

  const toEnd = useCallback((smooth: boolean) => {
    const el = scrollRef.current;
    if (!el) return;
    if (smooth) {
      const nearest = el.scrollHeight - el.clientHeight * (SMOOTH_VIEWPORTS + 1);
      if (el.scrollTop < nearest) el.scrollTop = nearest;
    }
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'instant' });
    lastTop.current = el.scrollTop;
  }, []);

  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return undefined;
    let runway = 0;
    const sizeRunway = (): void => {
      const next = Math.round(Math.min(MAX_RUNWAY_PX, el.clientHeight * RUNWAY_SHARE));
      if (next === runway) return;
      runway = next;
      el.style.setProperty('--follow-runway', `${next}px`);
    };
    /** How far the newest text ends below the bottom edge (negative: above it). */
    const newestBelowView = (): number => distanceToEnd(el) - runway;
    const onScroll = (): void => {
      const top = el.scrollTop;
      const distance = distanceToEnd(el);
      const newestBelow = distance - runway;
      // Scrolling down until the newest text shows takes hold again, as reaching the end does.
      const movedDown = top > lastTop.current;
      if (distance <= NEAR_END_PX || (movedDown && newestBelow <= 0)) stuck.current = true;
      else if (top < lastTop.current && performance.now() - lastInput.current < USER_INPUT_MS) {
        stuck.current = false;
      }
      lastTop.current = top;
      setShowJump(!stuck.current && newestBelow > NEAR_END_PX);
    };
    const onResize = (entries: readonly ResizeObserverEntry[]): void => {
      // The runway follows the view's height; the content's growth does not change it.
      if (entries.some((entry) => entry.target === el)) sizeRunway();
      if (stuck.current) {
        if (newestBelowView() > 0) toEnd(false);
      } else setShowJump(newestBelowView() > NEAR_END_PX);
    };
    /**
     * A burst (a stall that ends in one large delta, or a fast model) adds
     * screens of text at once. Left to the resize report, which comes after
     * the frame's layout, the view would move only once the browser had laid
     * out and drawn the burst's first screens, just below the old end, which
     * are off screen again a moment later. Moving it now, in the task that
     * added the text, lays out only where the view ends up: the newly added
     * blocks that the browser may skip (markdown.css) are not drawn until it
     * has seen where they are. Only text added to an answer that is still
     * streaming counts (older turns mounted by the windowed list on the way
     * to the end are no burst), and not while the person's own scroll may be
     * on its way: the resize report, after that scroll, decides then.
     */
    const onMutations = (records: readonly MutationRecord[]): void => {
      if (!stuck.current || performance.now() - lastInput.current < USER_INPUT_MS) return;
      let added = 0;
      for (const record of records) {
        const parent = record.target instanceof Element ? record.target : null;
        if (!parent?.closest(STREAMING_ANSWER)) continue;
        for (const node of record.addedNodes) added += node.textContent?.length ?? 0;
      }
      if (added >= BURST_CHARS && newestBelowView() > 0) toEnd(false);
    };
    const onInput = (): void => {
      lastInput.current = performance.now();
    };
    const userInput = ['wheel', 'touchstart', 'touchmove', 'pointerdown', 'keydown'] as const;
    el.addEventListener('scroll', onScroll, { passive: true });
    for (const type of userInput) el.addEventListener(type, onInput, { passive: true });
    // Its first report, for both targets, sizes the runway.
    const observer = new ResizeObserver(onResize);
    observer.observe(content);
    observer.observe(el);
    const bursts = new MutationObserver(onMutations);
    bursts.observe(content, { childList: true, subtree: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      for (const type of userInput) el.removeEventListener(type, onInput);
      observer.disconnect();
      bursts.disconnect();
    };
  }, [toEnd]);

  const jumpToLatest = useCallback(
    (smooth = true) => {
      stuck.current = true;
      setShowJump(false);
      toEnd(smooth);
    },
    [toEnd],
  );

  const release = useCallback(() => {
    stuck.current = false;
  }, []);

  return { scrollRef, contentRef, showJump, jumpToLatest, release };
}
