import { memo, useCallback, type ReactNode } from 'react';
import type { Turn } from '../chat/conversation';
import { AnswerMessage } from './answer-message';
import { UserMessage } from './user-message';

/**
 * A question and every attempt at answering it. Memoised: while one answer
 * streams, the other turns are the same objects and are skipped.
 */
export const TurnView = memo(function TurnView({
  turn,
  canRetry,
  modelName,
  onRetry,
  onCancel,
  onOpenSettings,
}: {
  turn: Turn;
  /** Only the last turn, and only when nothing is in flight. */
  canRetry: boolean;
  modelName: (id: string) => string;
  onRetry: (turnId: string) => void;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
}): ReactNode {
  const retry = useCallback(() => onRetry(turn.id), [onRetry, turn.id]);
  const last = turn.answers.length - 1;
  return (
    <>
      <UserMessage text={turn.userText} />
      {turn.answers.map((answer, index) => (
        <AnswerMessage
          key={answer.requestId}
          answer={answer}
          modelName={modelName(answer.model)}
          canRetry={canRetry && index === last}
          onRetry={retry}
          onCancel={onCancel}
          onOpenSettings={onOpenSettings}
        />
      ))}
    </>
  );
});
