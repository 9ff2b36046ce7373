import type { Clock } from './clock';
import { StreamStalledError } from './error-classifier';

export interface StallWatch {
  /** Aborted once the stream has been silent for the whole limit. */
  readonly signal: AbortSignal;
  /** Set when the watch aborted the stream. */
  readonly error: StreamStalledError | null;
  /** Starts watching (once the response's headers are in). */
  start(): void;
  /** Something arrived: the silence starts again. */
  note(): void;
  stop(): void;
}

/**
 * Aborts a stream that has been silent for `stallMs` (the SDK never times a
 * started stream out). An answer streamed fast brings thousands of events a
 * second: each one only notes the time, and the one timer, when it fires,
 * waits out what is left since the last event.
 */
export function createStallWatch(clock: Clock, stallMs: number): StallWatch {
  const controller = new AbortController();
  let error: StreamStalledError | null = null;
  let timer: unknown = null;
  let lastEventAt = 0;
  const watch = (ms: number): void => {
    timer = clock.setTimeout(() => {
      const quiet = clock.now() - lastEventAt;
      if (quiet < stallMs) {
        watch(Math.min(stallMs, stallMs - quiet));
        return;
      }
      error = new StreamStalledError(stallMs);
      controller.abort();
    }, ms);
  };
  return {
    signal: controller.signal,
    get error() {
      return error;
    },
    start() {
      lastEventAt = clock.now();
      if (timer === null) watch(stallMs);
    },
    note() {
      lastEventAt = clock.now();
    },
    stop() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
