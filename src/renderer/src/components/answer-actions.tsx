import type { ReactNode } from 'react';
import { ContinueIcon, RetryIcon } from './icons';

/** Retry asks for the whole answer again; Continue keeps what arrived and asks for the rest. */
export interface AnswerCommands {
  onRetry: (() => void) | null;
  onContinue: (() => void) | null;
}

export function AnswerActions({
  commands,
  className = 'message-actions',
}: {
  commands: AnswerCommands;
  className?: string;
}): ReactNode {
  const { onRetry, onContinue } = commands;
  if (!onRetry && !onContinue) return null;
  return (
    <div className={className}>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          <RetryIcon />
          Retry
        </button>
      ) : null}
      {onContinue ? (
        <button type="button" className="button button-small" onClick={onContinue}>
          <ContinueIcon />
          Continue
        </button>
      ) : null}
    </div>
  );
}
