import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/app-error';
import { errorText } from '../lib/parley';
import { AnswerActions, type AnswerCommands } from './answer-actions';
import { AlertIcon } from './icons';

/** A short headline per kind; the detail comes from main's message, which knows the specifics. */
function headline(error: AppError): string {
  switch (error.kind) {
    case 'stream-interrupted':
    case 'stalled':
      return 'The answer was cut off';
    case 'rate-limit':
      return 'Rate limited';
    case 'spend-cap':
    case 'billing':
      return 'Your Anthropic account can’t take more requests';
    case 'overloaded':
      return 'Claude is overloaded';
    case 'server':
      return 'Anthropic had a server error';
    case 'timeout':
      return 'The request timed out';
    case 'connection':
      return 'Couldn’t reach Anthropic';
    case 'auth':
    case 'key-rejected':
      return 'Your API key was rejected';
    case 'no-key':
      return 'No API key';
    case 'too-large':
      return 'The conversation is too large';
    default:
      return 'Claude couldn’t answer';
  }
}

/**
 * Shown under an answer that failed. Retry asks again (the question is not
 * repeated), Continue keeps the text that arrived and asks for the rest; key
 * problems also offer the way to fix them.
 */
export function ErrorCard({
  error,
  commands,
  onOpenSettings,
}: {
  error: AppError;
  commands: AnswerCommands;
  onOpenSettings: () => void;
}): ReactNode {
  const keyProblem =
    error.kind === 'auth' || error.kind === 'no-key' || error.kind === 'key-rejected';
  return (
    <div className="error-card" role="alert">
      <span className="error-card-icon">
        <AlertIcon />
      </span>
      <div className="error-card-body">
        <p className="error-card-title">{headline(error)}</p>
        <p className="error-card-detail">{errorText(error)}</p>
        {commands.onRetry || commands.onContinue || keyProblem ? (
          <div className="error-card-actions">
            <AnswerActions commands={commands} className="answer-actions-inline" />
            {keyProblem ? (
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={onOpenSettings}
              >
                Open Settings
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
