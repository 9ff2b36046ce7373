import type { ReactNode } from 'react';
import { formatCountdown, secondsUntil } from '../chat/banners';
import { useNow } from '../hooks/use-now';

/**
 * "in 3 s", re-rendered every second on its own so nothing else does. The
 * ticking number is hidden from screen readers (a live region reading out
 * every second is noise); they get the clock time instead.
 */
export function Countdown({
  until,
  nowText = 'now',
}: {
  until: string;
  nowText?: string;
}): ReactNode {
  const now = useNow(true);
  const seconds = secondsUntil(until, now);
  if (seconds === 0) return <span className="countdown">{nowText}</span>;
  const at = new Date(until).toLocaleTimeString();
  return (
    <span className="countdown">
      <span aria-hidden="true">in {formatCountdown(seconds)}</span>
      <span className="visually-hidden">at {at}</span>
    </span>
  );
}
