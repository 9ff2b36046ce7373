import type { Clock } from './clock';

/**
 * Joins text deltas that arrive within one frame (~16 ms) into one message.
 * The SDK can surface hundreds of tiny deltas a second; sending each over IPC
 * would cost the renderer a re-render per delta and freeze long answers.
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
      if (timer === null) timer = clock.setTimeout(flush, intervalMs);
    },
    flush,
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      buffer = '';
    },
  };
}
