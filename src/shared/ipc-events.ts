import type { AppError } from './app-error';
import type { Connectivity } from './ipc';
import type { rateLimitBuckets, RateLimitSnapshot } from './rate-limit';

/**
 * What main sends the renderer unasked, over EVENT_CHANNEL: the events of
 * each streamed request and app-wide state changes. Apart from the invoke
 * contract (ipc.ts), which re-exports them, because they are plain types
 * with no validator: main is trusted to send them.
 */

export type RetryReason = 'rate-limit' | 'overloaded' | 'server-error' | 'connection' | 'timeout';

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** Events of one streamed request, keyed by the requestId the renderer chose. */
export type ChatEvent =
  | { type: 'started'; requestId: string; model: string; apiRequestId: string | null }
  | { type: 'delta'; requestId: string; text: string }
  | {
      type: 'retrying';
      requestId: string;
      /** The attempt about to be made, 2 for the first retry. */
      attempt: number;
      maxAttempts: number;
      waitMs: number;
      /** ISO time of the next attempt, for a live countdown. */
      retryAt: string;
      reason: RetryReason;
      bucket: (typeof rateLimitBuckets)[number] | null;
      status: number | null;
    }
  | { type: 'waiting-online'; requestId: string }
  | {
      type: 'done';
      requestId: string;
      stopReason: StopReason | null;
      usage: Usage;
      apiRequestId: string | null;
    }
  | { type: 'stopped'; requestId: string; partial: boolean }
  | { type: 'error'; requestId: string; error: AppError; partial: boolean };

/**
 * An answer main is still streaming, as far as its events have gone when it
 * is sent (in order with them: later deltas follow it on the same channel).
 */
export interface LiveAnswer {
  requestId: string;
  conversationId: string;
  /** The stored answer, and the question it answers. */
  messageId: string;
  questionId: string;
  attempt: number;
  model: string;
  /** The kept start of a "continue" (if it is one), then everything its deltas carried so far. */
  text: string;
  /** `connecting` until it starts; `retrying` with the wait it announced last. */
  state: 'connecting' | 'streaming' | 'retrying' | 'waiting-online';
  retry: Extract<ChatEvent, { type: 'retrying' }> | null;
}

/** App-wide state changes, not tied to one request. */
export type StatusEvent =
  | { type: 'rate-limit'; snapshot: RateLimitSnapshot }
  | { type: 'connectivity'; connectivity: Connectivity }
  /** A conversation changed in main (an answer finished, a title was generated). */
  | { type: 'history-changed'; conversationId: string }
  /** Sent for `resumeAnswers`: an answer still streaming, to follow again. */
  | { type: 'answer-resumed'; answer: LiveAnswer };

export type ParleyEvent = ChatEvent | StatusEvent;
