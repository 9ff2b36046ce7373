import { memo, type ReactNode } from 'react';
import type { StopReason } from '../../../shared/ipc';
import type { Answer } from '../chat/conversation';
import { ErrorCard } from './error-card';
import { ParleyMark } from './icons';
import { StreamedText } from './streamed-text';

/** Why a finished answer may look short, when the reason is worth telling. */
function stopNote(reason: StopReason | null): string | null {
  switch (reason) {
    case 'max_tokens':
      return 'Claude reached the length limit for one answer, so it ends here.';
    case 'refusal':
      return 'Claude declined to answer this.';
    case 'model_context_window_exceeded':
      return 'The conversation no longer fits in this model’s context window.';
    default:
      return null;
  }
}

/**
 * One answer from Claude, in whatever state it is: waiting, streaming,
 * finished, stopped or failed. A failed or superseded answer keeps the text
 * that arrived and says it was interrupted.
 */
export const AnswerMessage = memo(function AnswerMessage({
  answer,
  modelName,
  canRetry,
  onRetry,
  onCancel,
  onOpenSettings,
}: {
  answer: Answer;
  modelName: string;
  canRetry: boolean;
  onRetry: () => void;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
}): ReactNode {
  const hasText = answer.chunks.length > 0;
  const interrupted = hasText && (answer.superseded || answer.status === 'error');
  const note = answer.status === 'done' ? stopNote(answer.stopReason) : null;
  const tag = interrupted ? 'Interrupted' : answer.status === 'stopped' ? 'Stopped' : null;

  return (
    <article
      className={`message message-claude status-${answer.status}`}
      aria-label={tag ? `Claude, ${tag.toLowerCase()}` : 'Claude'}
      aria-busy={answer.status === 'streaming' || answer.status === 'sending'}
    >
      <header className="message-header">
        <ParleyMark size={22} />
        <h2 className="message-author">Claude</h2>
        <span className="message-model">{modelName}</span>
        {tag ? <span className={`message-tag tag-${tag.toLowerCase()}`}>{tag}</span> : null}
      </header>
      {hasText ? (
        <StreamedText chunks={answer.chunks} streaming={answer.status === 'streaming'} />
      ) : null}
      {answer.status === 'sending' || (answer.status === 'streaming' && !hasText) ? (
        <p className="message-pending">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="visually-hidden">Claude is answering…</span>
        </p>
      ) : null}
      {answer.status === 'retrying' ? <p className="message-state">Waiting to try again…</p> : null}
      {answer.status === 'waiting-online' ? (
        <div className="message-waiting">
          <span className="waiting-pulse" aria-hidden="true" />
          <p>Will send when you’re back online</p>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => onCancel(answer.requestId)}
          >
            Cancel
          </button>
        </div>
      ) : null}
      {answer.status === 'stopped' ? (
        <p className="message-state">
          {hasText
            ? 'You stopped this answer; what arrived is kept.'
            : 'Cancelled before Claude answered.'}
        </p>
      ) : null}
      {answer.superseded ? (
        <p className="message-state">This answer was interrupted and retried below.</p>
      ) : null}
      {note ? <p className="message-state">{note}</p> : null}
      {answer.status === 'error' && answer.error && !answer.superseded ? (
        <ErrorCard
          error={answer.error}
          onRetry={canRetry ? onRetry : null}
          onOpenSettings={onOpenSettings}
        />
      ) : null}
    </article>
  );
});
