import type { Usage } from '../../../shared/ipc';
import type { AppError } from '../../../shared/app-error';
import type { HistoryStore } from './history-store';
import type { Clock, FinalStatus } from './history-types';

/**
 * Persists a streaming answer as it arrives (DESIGN.md invariant 2): the text
 * received so far is saved at most every `intervalMs` while deltas flow, at
 * once on a block stop, and a timer guarantees a save within `intervalMs` of
 * the last delta even when the stream goes quiet. Each save writes the whole
 * accumulated text, so what is on disk is always a prefix of what arrived.
 */

export interface RecorderTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AnswerRecorderOptions {
  store: Pick<HistoryStore, 'saveAssistantProgress' | 'finishAssistantMessage'>;
  messageId: string;
  /** When it also has setTimeout/clearTimeout (the engine's clock), those timers are used. */
  clock: Clock;
  intervalMs?: number;
  timers?: RecorderTimers;
  /** Called after every committed save with the number of characters now on disk. */
  onFlush?: (savedChars: number) => void;
  /** A failed save is reported here and retried by the next one, never thrown into the stream. */
  onError?: (error: unknown) => void;
}

export interface FinishAnswer {
  status: FinalStatus;
  stopReason?: string | null;
  usage?: Usage | null;
  apiRequestId?: string | null;
  error?: AppError | null;
}

const realTimers: RecorderTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The engine's clock carries its own timers; a bare `{ now }` clock uses the real ones. */
function hasTimers(clock: Clock): clock is Clock & RecorderTimers {
  const candidate = clock as Partial<RecorderTimers>;
  return typeof candidate.setTimeout === 'function' && typeof candidate.clearTimeout === 'function';
}

export function createAnswerRecorder(options: AnswerRecorderOptions) {
  const { store, messageId, clock } = options;
  const intervalMs = options.intervalMs ?? 250;
  const timers = options.timers ?? (hasTimers(clock) ? clock : realTimers);
  const chunks: string[] = [];
  let received = 0;
  let saved = 0;
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  let finished = false;

  function text(): string {
    if (chunks.length > 1) chunks.splice(0, chunks.length, chunks.join(''));
    return chunks[0] ?? '';
  }

  function cancelTimer(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  function flush(): void {
    cancelTimer();
    if (finished || saved === received) return;
    const snapshot = text();
    try {
      store.saveAssistantProgress(messageId, snapshot);
      saved = snapshot.length;
      lastFlushAt = clock.now();
      options.onFlush?.(saved);
    } catch (error) {
      options.onError?.(error);
      schedule();
    }
  }

  function schedule(): void {
    if (timer !== null || finished) return;
    const wait = Math.max(0, lastFlushAt + intervalMs - clock.now());
    timer = timers.setTimeout(() => {
      timer = null;
      flush();
    }, wait);
  }

  return {
    append(delta: string): void {
      if (finished || delta.length === 0) return;
      chunks.push(delta);
      received += delta.length;
      if (clock.now() - lastFlushAt >= intervalMs) flush();
      else schedule();
    },
    /** A content block ended: save now rather than within the interval. */
    blockStop(): void {
      flush();
    },
    /** Settles the answer with everything received; the only way to reach 'complete'. */
    finish(result: FinishAnswer): boolean {
      if (finished) return false;
      cancelTimer();
      finished = true;
      let done: boolean;
      try {
        done = store.finishAssistantMessage(messageId, { ...result, text: text() });
      } catch (error) {
        finished = false; // let the caller try again with nothing lost
        throw error;
      }
      if (done) {
        saved = received;
        options.onFlush?.(saved);
      }
      return done;
    },
    /**
     * Saves what arrived and records no more, leaving the answer unfinished:
     * Parley is closing mid-answer, and the next start marks it interrupted
     * (DESIGN.md invariant 3), as after a crash. Stopping it instead would
     * say the person stopped it.
     */
    leaveUnfinished(): void {
      flush();
      cancelTimer();
      finished = true;
    },
    /** Characters received from the stream so far. */
    get receivedChars(): number {
      return received;
    },
    /** Characters committed to disk so far. */
    get savedChars(): number {
      return saved;
    },
    get text(): string {
      return text();
    },
  };
}

export type AnswerRecorder = ReturnType<typeof createAnswerRecorder>;
