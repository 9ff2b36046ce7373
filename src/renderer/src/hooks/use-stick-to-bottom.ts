import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the end counts as "at the end". */
const NEAR_END_PX = 48;

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
 */
export function useStickToBottom(): StickToBottom {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const contentRef = useRef<HTMLDivElement | null>(null);
  const stuck = useRef(true);
  const lastTop = useRef(0);
  const [showJump, setShowJump] = useState(false);

  const distanceToEnd = (el: HTMLElement): number =>
    el.scrollHeight - el.scrollTop - el.clientHeight;

  const toEnd = useCallback((smooth: boolean) => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'instant' });
    lastTop.current = el.scrollTop;
  }, []);

  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return undefined;
    const onScroll = (): void => {
      const top = el.scrollTop;
      const atEnd = distanceToEnd(el) <= NEAR_END_PX;
      if (atEnd) stuck.current = true;
      else if (top < lastTop.current) stuck.current = false;
      lastTop.current = top;
      setShowJump(!stuck.current && !atEnd);
    };
    const onResize = (): void => {
      if (stuck.current) toEnd(false);
      else setShowJump(distanceToEnd(el) > NEAR_END_PX);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onResize);
    observer.observe(content);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
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
