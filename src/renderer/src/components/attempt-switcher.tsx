import type { ReactNode } from 'react';
import { ChevronIcon } from './icons';

/**
 * "Attempt 2 of 3" with arrows: earlier answers to the same question are
 * kept (a retry never throws one away) and can be looked at again.
 */
export function AttemptSwitcher({
  index,
  count,
  onShow,
}: {
  index: number;
  count: number;
  onShow: (index: number) => void;
}): ReactNode {
  if (count < 2) return null;
  return (
    <div className="attempts" role="group" aria-label="Answer attempts">
      <button
        type="button"
        className="icon-button attempt-button"
        aria-label="Previous attempt"
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
        disabled={index === count - 1}
        onClick={() => onShow(index + 1)}
      >
        <ChevronIcon direction="right" />
      </button>
    </div>
  );
}
