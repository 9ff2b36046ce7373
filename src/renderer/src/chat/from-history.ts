import type { StopReason } from '../../../shared/ipc';
import type { ConversationDetail, MessageStatus, StoredMessage } from '../../../shared/history';
import type { Answer, AnswerStatus, Conversation, Turn } from './conversation';
import { textToChunks } from './text-chunks';

/**
 * From main's stored shapes to the renderer's conversation. Answers this
 * window is streaming win over their stored copy (which lags by up to a
 * save interval), and a reload keeps every turn object that did not change
 * so that React skips it.
 */

function statusFromStored(status: MessageStatus): AnswerStatus {
  switch (status) {
    case 'complete':
      return 'done';
    case 'stopped':
    case 'interrupted':
    case 'error':
      return status;
    case 'pending':
    case 'streaming':
      return 'unfinished';
  }
}

export function answerFromStored(message: StoredMessage): Answer {
  return {
    id: message.id,
    requestId: null,
    attempt: message.attempt,
    model: message.model ?? '',
    chunks: textToChunks(message.text),
    status: statusFromStored(message.status),
    retry: null,
    error: message.error,
    stopReason: message.stopReason as StopReason | null,
  };
}

function textLength(answer: Answer): number {
  let n = 0;
  for (const chunk of answer.chunks) n += chunk.length;
  return n;
}

function sameAnswer(a: Answer, b: Answer): boolean {
  return (
    a.id === b.id &&
    a.status === b.status &&
    a.requestId === b.requestId &&
    a.error?.kind === b.error?.kind &&
    textLength(a) === textLength(b)
  );
}

/**
 * The stored conversation, with `live` answers (by message id) in place of
 * their stored copies and, when `previous` is the same conversation, its
 * unchanged turns reused as they are.
 */
export function conversationFromDetail(
  detail: ConversationDetail,
  live: ReadonlyMap<string, Answer>,
  previous: Conversation | null,
): Conversation {
  const before = new Map<string, Turn>();
  if (previous?.id === detail.id) for (const turn of previous.turns) before.set(turn.id, turn);
  const turns = detail.turns.map((stored): Turn => {
    const old = before.get(stored.user.id);
    const answers = stored.answers.map((message, index) => {
      const fresh = live.get(message.id) ?? answerFromStored(message);
      const kept = old?.answers[index];
      return kept && sameAnswer(kept, fresh) ? kept : fresh;
    });
    if (
      old &&
      old.userText === stored.user.text &&
      old.answers.length === answers.length &&
      answers.every((answer, index) => answer === old.answers[index])
    ) {
      return old;
    }
    return { id: stored.user.id, userText: stored.user.text, answers };
  });
  return { id: detail.id, title: detail.title, turns, earlierTurns: detail.earlierTurns ?? 0 };
}
