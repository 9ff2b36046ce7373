import type { ChatMessage } from '../../../shared/ipc';
import { answerText, currentAnswer, type Conversation, type Turn } from './conversation';

/**
 * What Claude sees: every completed turn before the one being sent, then that
 * turn's user message. A turn counts when its answer finished, or when the
 * person stopped it after some text arrived (they chose to keep that text).
 * Failed or empty turns are left out entirely, both sides, so the messages
 * still alternate user/assistant and a retry never repeats the question.
 */
export function messagesFor(conversation: Conversation, turnId: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of conversation.turns) {
    if (turn.id === turnId) {
      messages.push({ role: 'user', content: turn.userText });
      return messages;
    }
    const reply = completedReply(turn);
    if (reply !== null) {
      messages.push({ role: 'user', content: turn.userText });
      messages.push({ role: 'assistant', content: reply });
    }
  }
  return messages;
}

function completedReply(turn: Turn): string | null {
  const answer = currentAnswer(turn);
  if (!answer) return null;
  const text = answerText(answer);
  if (text.trim().length === 0) return null;
  if (answer.status === 'done' || answer.status === 'stopped') return text;
  return null;
}
