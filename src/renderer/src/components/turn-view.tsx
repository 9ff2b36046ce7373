import { memo, useState, type ReactNode } from 'react';
import { answerOptions, type Turn } from '../chat/conversation';
import type { RetryMode } from '../hooks/use-chat';
import { AnswerMessage } from './answer-message';
import { UserMessage } from './user-message';

export interface Choice {
  /** How many attempts there were when the person chose; a new attempt resets the choice. */
  count: number;
  index: number;
  focusKey: number | null;
}

/**
 * A question and one of its answer attempts: the newest by default, an
 * earlier one when the person steps back with the arrows, or the one a
 * search hit points at. Memoised: while one answer streams, the other turns
 * are the same objects and are skipped.
 */
export const TurnView = memo(function TurnView({
  turn,
  canAct,
  focus,
  modelName,
  onRetry,
  onCancel,
  onOpenSettings,
  remembered,
}: {
  turn: Turn;
  /** False while an answer is being written in this conversation, or without a key. */
  canAct: boolean;
  /** A search hit in this turn to show: its message id and the request's nonce. */
  focus: { messageId: string; nonce: number } | null;
  modelName: (id: string) => string;
  onRetry: (turnId: string, mode: RetryMode) => void;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
  /**
   * The attempts chosen in this conversation, by turn: only the turns near
   * the view are drawn, and one scrolled away and back would otherwise show
   * its newest attempt again. The same map for the conversation's life.
   */
  remembered: Map<string, Choice>;
}): ReactNode {
  const [choice, setChoiceState] = useState<Choice | null>(() => remembered.get(turn.id) ?? null);
  // Which arrow was pressed: the answer is drawn afresh for the attempt shown, and focus goes
  // to the same arrow there instead of falling to <body> with the old one.
  const [arrow, setArrow] = useState<'previous' | 'next' | null>(null);
  const setChoice = (next: Choice): void => {
    remembered.set(turn.id, next);
    setChoiceState(next);
  };
  const { answers } = turn;
  const count = answers.length;
  const focusIndex = focus ? answers.findIndex((a) => a.id === focus.messageId) : -1;
  const focusKey = focusIndex >= 0 && focus ? focus.nonce : null;

  let index = count - 1;
  if (choice && choice.count === count && choice.focusKey === focusKey) index = choice.index;
  else if (focusIndex >= 0) index = focusIndex;

  const answer = answers[index];
  const latest = index === count - 1;
  const options = answer && canAct && latest ? answerOptions(answer) : null;
  const commands = {
    onRetry: options?.retry ? () => onRetry(turn.id, 'regenerate') : null,
    onContinue: options?.continue ? () => onRetry(turn.id, 'continue') : null,
  };

  return (
    <>
      <UserMessage id={turn.id} text={turn.userText} />
      {answer ? (
        <AnswerMessage
          key={answer.id || answer.requestId}
          answer={answer}
          modelName={modelName(answer.model)}
          attempts={{
            index,
            count,
            onShow: (next) => {
              setArrow(next < index ? 'previous' : 'next');
              setChoice({ count, index: next, focusKey });
            },
            focusArrow: arrow,
          }}
          commands={commands}
          onCancel={onCancel}
          onOpenSettings={onOpenSettings}
        />
      ) : null}
    </>
  );
});
