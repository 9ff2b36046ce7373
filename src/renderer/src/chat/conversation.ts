import type { AppError } from '../../../shared/app-error';
import type { ChatEvent, RetryReason, StopReason } from '../../../shared/ipc';
import type { RateLimitBucket } from '../../../shared/rate-limit';
import { appendText, chunksToText } from './text-chunks';

/**
 * The conversation as the renderer holds it (history persistence comes later).
 * Everything here is immutable and pure so that React can skip every turn
 * whose object did not change: while an answer streams, only its own turn is
 * a new object.
 */

export type AnswerStatus =
  'sending' | 'waiting-online' | 'retrying' | 'streaming' | 'done' | 'stopped' | 'error';

export interface RetryState {
  attempt: number;
  maxAttempts: number;
  retryAt: string;
  reason: RetryReason;
  bucket: RateLimitBucket | null;
}

export interface Answer {
  requestId: string;
  model: string;
  /** The text, in chunks that stop changing once full (see text-chunks.ts). */
  chunks: readonly string[];
  status: AnswerStatus;
  retry: RetryState | null;
  error: AppError | null;
  stopReason: StopReason | null;
  /** A retry replaced this answer; it stays on screen, marked interrupted, without actions. */
  superseded: boolean;
}

export interface Turn {
  id: string;
  userText: string;
  /** Every attempt at answering, oldest first; the last one is the current answer. */
  answers: readonly Answer[];
}

export interface Conversation {
  turns: readonly Turn[];
}

export const emptyConversation: Conversation = { turns: [] };

export function newAnswer(requestId: string, model: string): Answer {
  return {
    requestId,
    model,
    chunks: [],
    status: 'sending',
    retry: null,
    error: null,
    stopReason: null,
    superseded: false,
  };
}

/** Still going: the person can stop it, and no other message may start meanwhile. */
export function isInFlight(answer: Answer): boolean {
  return (
    answer.status === 'sending' ||
    answer.status === 'waiting-online' ||
    answer.status === 'retrying' ||
    answer.status === 'streaming'
  );
}

export function currentAnswer(turn: Turn): Answer | undefined {
  return turn.answers[turn.answers.length - 1];
}

/** The answer still in flight, if any (there is at most one at a time). */
export function activeAnswer(conversation: Conversation): Answer | undefined {
  const last = conversation.turns[conversation.turns.length - 1];
  const answer = last ? currentAnswer(last) : undefined;
  return answer && isInFlight(answer) ? answer : undefined;
}

export function addTurn(conversation: Conversation, turn: Turn): Conversation {
  return { turns: [...conversation.turns, turn] };
}

/**
 * A retry keeps the failed answer visible when something had arrived (marked
 * interrupted) and drops it when it was empty; the user's message is never
 * duplicated because the new attempt joins the same turn.
 */
export function retryTurn(
  conversation: Conversation,
  turnId: string,
  answer: Answer,
): Conversation {
  return mapTurn(conversation, turnId, (turn) => {
    const kept = turn.answers
      .filter((a) => a.chunks.length > 0)
      .map((a) => (a.superseded ? a : { ...a, superseded: true }));
    return { ...turn, answers: [...kept, answer] };
  });
}

/** Applies one chat event to the answer it belongs to; unknown ids leave the conversation as is. */
export function applyChatEvent(conversation: Conversation, event: ChatEvent): Conversation {
  const { turns } = conversation;
  // The event is nearly always for the last turn, so search from the end.
  for (let t = turns.length - 1; t >= 0; t--) {
    const turn = turns[t];
    if (!turn) continue;
    const index = turn.answers.findIndex((a) => a.requestId === event.requestId);
    if (index < 0) continue;
    const answer = turn.answers[index];
    if (!answer) return conversation;
    const updated = reduceAnswer(answer, event);
    if (updated === answer) return conversation;
    const answers = turn.answers.slice();
    answers[index] = updated;
    const nextTurns = turns.slice();
    nextTurns[t] = { ...turn, answers };
    return { turns: nextTurns };
  }
  return conversation;
}

function reduceAnswer(answer: Answer, event: ChatEvent): Answer {
  // A late event after the end (a delta racing "stopped") must not reopen the answer.
  if (!isInFlight(answer) && event.type !== 'delta') return answer;
  switch (event.type) {
    case 'started':
      return { ...answer, model: event.model, status: 'streaming', retry: null };
    case 'delta':
      return {
        ...answer,
        chunks: appendText(answer.chunks, event.text),
        status: isInFlight(answer) ? 'streaming' : answer.status,
        retry: null,
      };
    case 'retrying':
      return {
        ...answer,
        status: 'retrying',
        retry: {
          attempt: event.attempt,
          maxAttempts: event.maxAttempts,
          retryAt: event.retryAt,
          reason: event.reason,
          bucket: event.bucket,
        },
      };
    case 'waiting-online':
      return { ...answer, status: 'waiting-online', retry: null };
    case 'done':
      return { ...answer, status: 'done', retry: null, stopReason: event.stopReason };
    case 'stopped':
      return { ...answer, status: 'stopped', retry: null };
    case 'error':
      return { ...answer, status: 'error', retry: null, error: event.error };
  }
}

/** Marks an answer failed locally, when `sendChat` itself was refused. */
export function failAnswer(
  conversation: Conversation,
  requestId: string,
  error: AppError,
): Conversation {
  return applyChatEvent(conversation, { type: 'error', requestId, error, partial: false });
}

export function answerText(answer: Answer): string {
  return chunksToText(answer.chunks);
}

function mapTurn(
  conversation: Conversation,
  turnId: string,
  change: (turn: Turn) => Turn,
): Conversation {
  return { turns: conversation.turns.map((turn) => (turn.id === turnId ? change(turn) : turn)) };
}
