import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { ChevronIcon } from './icons';

/**
 * "Attempt 2 of 3" with arrows: earlier answers to the same question are
 * kept (a retry never throws one away) and can be looked at again.
 */
export function AttemptSwitcher({
  index,
  count,
  onShow,
  focusArrow = null,
}: {
  index: number;
  count: number;
  onShow: (index: number) => void;
  /** Drawn after that arrow was pressed: it takes focus (the other one if it is now disabled). */
  focusArrow?: 'previous' | 'next' | null;
}): ReactNode {
  const previous = useRef<HTMLButtonElement | null>(null);
  const next = useRef<HTMLButtonElement | null>(null);
  useLayoutEffect(() => {
    if (focusArrow === null) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const [first, second] =
      focusArrow === 'previous'
        ? [previous.current, next.current]
        : [next.current, previous.current];
    (first && !first.disabled ? first : second)?.focus();
    // Only as this answer is first drawn: later renders leave focus where the person put it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (count < 2) return null;
  return (
    <div className="attempts" role="group" aria-label="Answer attempts">
      <button
        type="button"
        className="icon-button attempt-button"
        aria-label="Previous attempt"
        ref={previous}
        disabled={index === 0}
        onClick={() => onShow(index - 1)}
      >
        <ChevronIcon direction="left" />
      </button>
      <span className="attempt-label" aria-live="polite">
        Attempt {index + 1} of {count}
      </span>
      <button
        type="button"
        className="icon-button attempt-button"
        aria-label="Next attempt"
        ref={next}
        disabled={index === count - 1}
        onClick={() => onShow(index + 1)}
      >
        <ChevronIcon direction="right" />
      </button>
    </div>
  );
}
