import type { AppError } from '../../../shared/app-error';
import type { ChatEvent, RetryReason, StopReason } from '../../../shared/ipc';
import type { RateLimitBucket } from '../../../shared/rate-limit';
import { appendText, chunksToText } from './text-chunks';

/**
 * The open conversation as the renderer holds it: what main stored (see
 * from-history.ts) plus the answers streaming into it. Everything here is
 * immutable and pure so that React can skip every turn whose object did not
 * change: while an answer streams, only its own turn is a new object.
 */

export type AnswerStatus =
  | 'sending'
  | 'waiting-online'
  | 'retrying'
  | 'streaming'
  | 'done'
  | 'stopped'
  | 'error'
  /** Left unfinished when Parley closed or crashed; main marked it at start. */
  | 'interrupted'
  /** Saved as in progress by a stream this window is not following (it was reloaded). */
  | 'unfinished';

export interface RetryState {
  attempt: number;
  maxAttempts: number;
  retryAt: string;
  reason: RetryReason;
  bucket: RateLimitBucket | null;
}

export interface Answer {
  /** The stored message's id; empty only until `sendMessage`/`retryAnswer` answers. */
  id: string;
  /** The request streaming into this answer, while this window follows one. */
  requestId: string | null;
  /** 1 for the first answer to a question, 2 after one retry or continue, ... */
  attempt: number;
  model: string;
  /** The text, in chunks that stop changing once full (see text-chunks.ts). */
  chunks: readonly string[];
  status: AnswerStatus;
  retry: RetryState | null;
  error: AppError | null;
  stopReason: StopReason | null;
}

export interface Turn {
  /** The user message's stored id. */
  id: string;
  userText: string;
  /** Every attempt at answering, oldest first; the last one is shown by default. */
  answers: readonly Answer[];
}

export interface Conversation {
  /** Null for a new conversation that has no message yet. */
  id: string | null;
  title: string;
  turns: readonly Turn[];
  /** Older turns not loaded yet: a long conversation opens with its newest ones. */
  earlierTurns: number;
}

export const emptyConversation: Conversation = { id: null, title: '', turns: [], earlierTurns: 0 };

export function newAnswer(requestId: string, model: string): Answer {
  return {
    id: '',
    requestId,
    attempt: 1,
    model,
    chunks: [],
    status: 'sending',
    retry: null,
    error: null,
    stopReason: null,
  };
}

/** Still going: the person can stop it, and no other message may start meanwhile. */
export function isInFlight(answer: Answer): boolean {
  return isInFlightStatus(answer.status);
}

/** The statuses of an answer still being written (or about to be). */
export function isInFlightStatus(status: AnswerStatus): boolean {
  return (
    status === 'sending' ||
    status === 'waiting-online' ||
    status === 'retrying' ||
    status === 'streaming'
  );
}

export function currentAnswer(turn: Turn): Answer | undefined {
  return turn.answers[turn.answers.length - 1];
}

/** The answer still in flight in this conversation, if any (there is at most one at a time). */
export function activeAnswer(conversation: Conversation): Answer | undefined {
  const last = conversation.turns[conversation.turns.length - 1];
  const answer = last ? currentAnswer(last) : undefined;
  return answer && isInFlight(answer) ? answer : undefined;
}

/** True while the last answer is still being written, here or by a stream this window lost. */
export function isBusy(conversation: Conversation): boolean {
  const last = conversation.turns[conversation.turns.length - 1];
  const answer = last ? currentAnswer(last) : undefined;
  return answer !== undefined && (isInFlight(answer) || answer.status === 'unfinished');
}

export function addTurn(conversation: Conversation, turn: Turn): Conversation {
  return { ...conversation, turns: [...conversation.turns, turn] };
}

/** A new attempt joins its question's turn: the question itself is never repeated. */
export function addAttempt(
  conversation: Conversation,
  turnId: string,
  answer: Answer,
): Conversation {
  if (!conversation.turns.some((t) => t.id === turnId)) return conversation;
  return {
    ...conversation,
    turns: conversation.turns.map((turn) =>
      turn.id === turnId ? { ...turn, answers: [...turn.answers, answer] } : turn,
    ),
  };
}

/** Replaces the answer streaming for `requestId`; unknown ids leave the conversation as is. */
export function replaceAnswer(
  conversation: Conversation,
  requestId: string,
  change: (answer: Answer) => Answer,
): Conversation {
  const { turns } = conversation;
  // The answer is nearly always in the last turn, so search from the end.
  for (let t = turns.length - 1; t >= 0; t--) {
    const turn = turns[t];
    if (!turn) continue;
    const index = turn.answers.findIndex((a) => a.requestId === requestId);
    if (index < 0) continue;
    const answer = turn.answers[index];
    if (!answer) return conversation;
    const updated = change(answer);
    if (updated === answer) return conversation;
    const answers = turn.answers.slice();
    answers[index] = updated;
    const nextTurns = turns.slice();
    nextTurns[t] = { ...turn, answers };
    return { ...conversation, turns: nextTurns };
  }
  return conversation;
}

/** Applies one chat event to the answer it belongs to. */
export function applyChatEvent(conversation: Conversation, event: ChatEvent): Conversation {
  return replaceAnswer(conversation, event.requestId, (answer) => reduceAnswer(answer, event));
}

export function reduceAnswer(answer: Answer, event: ChatEvent): Answer {
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

export function answerText(answer: Answer): string {
  return chunksToText(answer.chunks);
}

/** What the person may do with an answer that did not finish. */
export interface AnswerOptions {
  retry: boolean;
  /** Only when some text arrived: Claude picks up where it stopped. */
  continue: boolean;
}

export function answerOptions(answer: Answer): AnswerOptions {
  const unfinished =
    answer.status === 'error' || answer.status === 'interrupted' || answer.status === 'stopped';
  const hasText = answerText(answer).trim().length > 0;
  return { retry: unfinished, continue: unfinished && hasText };
}
