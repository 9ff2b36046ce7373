/**
 * Runs `run` in the browser's next idle period (after the frame being drawn,
 * never in front of it), or after `timeoutMs` at the latest; returns the
 * cancel. Without requestIdleCallback (tests), in a task of its own.
 */
export function whenIdle(run: () => void, timeoutMs = 500): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(() => run(), { timeout: timeoutMs });
  return () => cancelIdleCallback(handle);
}
