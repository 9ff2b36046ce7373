/**
 * Time is injected so tests can make a 30-second retry-after wait take no time
 * while still asserting that the engine asked for 30 seconds.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Resolves after `ms`, or early (without error) when `wake` fires; rejects
 * with the signal's reason when `signal` aborts, so cancel interrupts a wait.
 */
export function sleep(
  clock: Clock,
  ms: number,
  signal: AbortSignal,
  wake?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const done = (): void => {
      clock.clearTimeout(handle);
      signal.removeEventListener('abort', onAbort);
      wake?.removeEventListener('abort', done);
      resolve();
    };
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      wake?.removeEventListener('abort', done);
      reject(signal.reason);
    };
    const handle = clock.setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
    wake?.addEventListener('abort', done, { once: true });
  });
}
