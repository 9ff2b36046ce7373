/**
 * Runs `run` in an idle period of the browser's with at least `needsMs` of it
 * left (so after the frame being drawn, not in front of the next), or once
 * `timeoutMs` has passed, idle or not; returns the cancel. Without
 * requestIdleCallback (tests), in a task of its own.
 */
export function whenIdle(run: () => void, timeoutMs = 500, needsMs = 0): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const due = performance.now() + timeoutMs;
  const attempt = (deadline: IdleDeadline): void => {
    const left = due - performance.now();
    if (deadline.didTimeout || left <= 0 || deadline.timeRemaining() >= needsMs) run();
    else handle = requestIdleCallback(attempt, { timeout: left });
  };
  let handle = requestIdleCallback(attempt, { timeout: timeoutMs });
  return () => cancelIdleCallback(handle);
}
