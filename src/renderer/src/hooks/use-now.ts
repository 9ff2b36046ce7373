import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` while `running`: what live
 * countdowns render from. Only the component that shows the countdown
 * re-renders, never the message list.
 */
export function useNow(running: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const tick = (): void => setNow(Date.now());
    // Re-read at once: the banner may have appeared long after the last tick.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [running, intervalMs]);
  return now;
}
