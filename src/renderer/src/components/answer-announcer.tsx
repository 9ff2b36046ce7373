import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Answer, AnswerStatus, Conversation } from '../chat/conversation';

/**
 * What a screen reader is told about an answer: that Claude is answering,
 * then how the answer ended. The conversation is not a live region itself
 * (see message-list.tsx): only the turns near the view are on the page, so
 * every turn scrolled back into it, and a whole conversation opened, would
 * be read out as if it had just been written, and a streamed answer read
 * out in fragments as its text arrives. A failure is not repeated here: the
 * answer's own alert says it.
 */
const ENDINGS: Partial<Record<AnswerStatus, string>> = {
  done: 'Claude answered.',
  stopped: 'Claude’s answer was stopped. What arrived is kept.',
};

export function AnswerAnnouncer({
  active,
  conversation,
}: {
  /** The answer in flight in the open conversation, if any. */
  active: Answer | undefined;
  conversation: Conversation;
}): ReactNode {
  const [said, setSaid] = useState('');
  // The answer being followed, and in which conversation (one left is not reported on).
  const followed = useRef<{ requestId: string; id: string; conversation: string | null } | null>(
    null,
  );
  const requestId = active?.requestId ?? null;
  const answerId = active?.id ?? '';

  useEffect(() => {
    if (requestId !== null) {
      if (followed.current?.requestId !== requestId) setSaid('Claude is answering…');
      followed.current = { requestId, id: answerId, conversation: conversation.id };
      return;
    }
    const was = followed.current;
    if (!was) return;
    followed.current = null;
    if (was.conversation !== conversation.id) {
      setSaid('');
      return;
    }
    const settled = conversation.turns
      .flatMap((turn) => turn.answers)
      .find(
        (answer) => (was.id !== '' && answer.id === was.id) || answer.requestId === was.requestId,
      );
    const ending = settled ? ENDINGS[settled.status] : undefined;
    setSaid(ending ?? '');
  }, [requestId, answerId, conversation]);

  return (
    <p className="visually-hidden" role="status" aria-label="Answer progress">
      {said}
    </p>
  );
}
