import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/app-error';
import { errorText } from '../lib/parley';
import { AlertIcon, RetryIcon } from './icons';

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

const CUT_OFF =
  /^The answer was cut off: (.+?)\.? What arrived is kept; you can retry or continue\.$/;

/**
 * The detail line. A cut-off answer's message from main repeats the headline
 * and mentions "continue", which this screen does not offer yet; keep its
 * reason and say what Retry does instead.
 */
function detail(error: AppError): string {
  const cut = CUT_OFF.exec(error.message);
  if (cut?.[1])
    return `${cut[1]}. What arrived is kept above; Retry asks for the whole answer again.`;
  return errorText(error);
}

/**
 * Shown under an answer that failed. Retry re-sends the same conversation
 * (the question is not repeated); key problems also offer the way to fix them.
 */
export function ErrorCard({
  error,
  onRetry,
  onOpenSettings,
}: {
  error: AppError;
  onRetry: (() => void) | null;
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
        <p className="error-card-detail">{detail(error)}</p>
        {onRetry || keyProblem ? (
          <div className="error-card-actions">
            {onRetry ? (
              <button type="button" className="button button-small" onClick={onRetry}>
                <RetryIcon />
                Retry
              </button>
            ) : null}
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
