import type { Clock } from './clock';

/**
 * Joins text deltas that arrive within one frame (~16 ms) into one message.
 * The SDK can surface hundreds of tiny deltas a second; sending each over IPC
 * would cost the renderer a re-render per delta and freeze long answers.
 *
 * The interval is kept on push as well as by the timer. When the model sends
 * faster than the SDK reads, the body is already buffered and the SDK parses
 * it in one run of microtasks, during which no timer fires: left to the timer,
 * a second or more of text (tens of thousands of characters) went out as one
 * message, and the renderer had to draw it all in one frame.
 */
export interface DeltaCoalescer {
  push(text: string): void;
  /** Sends whatever is buffered now; call before any terminal event. */
  flush(): void;
  dispose(): void;
}

export function createDeltaCoalescer(
  clock: Clock,
  intervalMs: number,
  send: (text: string) => void,
): DeltaCoalescer {
  let buffer = '';
  let timer: unknown = null;
  // When the oldest buffered text arrived.
  let since = 0;
  const flush = (): void => {
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    send(text);
  };
  return {
    push(text) {
      buffer += text;
      if (timer === null) {
        since = clock.now();
        timer = clock.setTimeout(flush, intervalMs);
      } else if (clock.now() - since >= intervalMs) flush();
    },
    flush,
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      buffer = '';
    },
  };
}
