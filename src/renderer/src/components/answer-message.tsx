import { memo, type ReactNode } from 'react';
import type { StopReason } from '../../../shared/ipc';
import { isInFlight, type Answer } from '../chat/conversation';
import { AnswerActions, type AnswerCommands } from './answer-actions';
import { AnswerBody } from './answer-body';
import { AttemptSwitcher } from './attempt-switcher';
import { CopyMessageButton } from './copy-message-button';
import { ErrorCard } from './error-card';
import { ParleyMark } from './icons';

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

function tagFor(answer: Answer, hasText: boolean): string | null {
  if (answer.status === 'interrupted') return 'Interrupted';
  if (answer.status === 'error' && hasText) return 'Interrupted';
  if (answer.status === 'stopped') return 'Stopped';
  return null;
}

function stateNote(answer: Answer, hasText: boolean): string | null {
  switch (answer.status) {
    case 'retrying':
      return 'Waiting to try again…';
    case 'stopped':
      return hasText
        ? 'You stopped this answer; what arrived is kept.'
        : 'Cancelled before Claude answered.';
    case 'interrupted':
      return hasText
        ? 'Parley closed before this answer finished; what arrived is kept.'
        : 'Parley closed before Claude answered.';
    case 'unfinished':
      return 'Claude is still answering in the background; this updates when it finishes.';
    case 'done':
      return stopNote(answer.stopReason);
    default:
      return null;
  }
}

export interface AttemptView {
  index: number;
  count: number;
  onShow: (index: number) => void;
  /** The arrow just pressed, to take focus in this newly drawn answer. */
  focusArrow: 'previous' | 'next' | null;
}

/**
 * One answer from Claude, in whatever state it is: waiting, streaming,
 * finished, stopped, failed or interrupted by a crash. An unfinished answer
 * keeps the text that arrived and offers Retry and, when there is text,
 * Continue.
 */
export const AnswerMessage = memo(function AnswerMessage({
  answer,
  modelName,
  attempts,
  commands,
  onCancel,
  onOpenSettings,
}: {
  answer: Answer;
  modelName: string;
  attempts: AttemptView;
  /** What may be done now; both null for earlier attempts or while busy. */
  commands: AnswerCommands;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
}): ReactNode {
  const hasText = answer.chunks.length > 0;
  const tag = tagFor(answer, hasText);
  const note = stateNote(answer, hasText);
  const requestId = answer.requestId;
  const failed = answer.status === 'error' ? answer.error : null;
  // A half-written answer is a moving target: Copy is offered once it has stopped.
  const copyable = hasText && !isInFlight(answer);

  return (
    <article
      className={`message message-claude status-${answer.status}`}
      aria-label={tag ? `Claude, ${tag.toLowerCase()}` : 'Claude'}
      aria-busy={answer.status === 'streaming' || answer.status === 'sending'}
      data-message-id={answer.id || undefined}
    >
      <header className="message-header">
        <ParleyMark size={22} />
        <h2 className="message-author">Claude</h2>
        <span className="message-model">{modelName}</span>
        {tag ? <span className={`message-tag tag-${tag.toLowerCase()}`}>{tag}</span> : null}
        <AttemptSwitcher
          index={attempts.index}
          count={attempts.count}
          onShow={attempts.onShow}
          focusArrow={attempts.focusArrow}
        />
      </header>
      {/* Built, hidden, while the answer is awaited: the first words then only update it
          instead of building the markdown renderer in the task that brings them. */}
      {hasText || isInFlight(answer) ? (
        <AnswerBody
          chunks={answer.chunks}
          streaming={answer.status === 'streaming'}
          liveId={isInFlight(answer) ? answer.requestId : null}
          hidden={!hasText}
        />
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
      {answer.status === 'waiting-online' ? (
        <div className="message-waiting">
          <span className="waiting-pulse" aria-hidden="true" />
          <p>Will send when you’re back online</p>
          {requestId ? (
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => onCancel(requestId)}
            >
              Cancel
            </button>
          ) : null}
        </div>
      ) : null}
      {note ? <p className="message-state">{note}</p> : null}
      {failed ? (
        <ErrorCard error={failed} commands={commands} onOpenSettings={onOpenSettings} />
      ) : null}
      {copyable || !failed ? (
        <div className="message-footer">
          {copyable ? <CopyMessageButton chunks={answer.chunks} /> : null}
          {failed ? null : <AnswerActions commands={commands} />}
        </div>
      ) : null}
    </article>
  );
});
