import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Conversation } from '../chat/conversation';
import type { MessageFocus, RetryMode } from '../hooks/use-chat';
import { MessageActionsContext, useMessageActionsState } from '../hooks/use-message-actions';
import { useMessageFocus } from '../hooks/use-message-focus';
import { useStickToBottom } from '../hooks/use-stick-to-bottom';
import { useTurnWindow } from '../hooks/use-turn-window';
import { CopyNotice } from './copy-notice';
import { ArrowDownIcon, ParleyMark } from './icons';
import { LinkConfirmDialog } from './link-confirm-dialog';
import { warmUpWhenIdle } from '../markdown';
import { TurnView, type Choice } from './turn-view';
import { layOutFirstAnswer } from './first-answer-layout';

/**
 * The conversation as a `log` (new entries are announced politely), with its
 * own scroll area that follows the stream and a "Jump to latest" button when
 * the person has scrolled away from it. Opening a conversation shows its
 * end, or the message a search hit points at, briefly highlighted.
 *
 * Only the turns near the viewport are rendered (useTurnWindow), so a
 * conversation of thousands of messages costs what a screenful does. Links
 * in answers open in the system browser after a confirmation that shows
 * their full target; Copy buttons go through the clipboard with a fallback.
 */
export function MessageList({
  conversation,
  loadingEarlier,
  canAct,
  focus,
  modelName,
  onRetry,
  onCancel,
  onOpenSettings,
  onJumpedToLatest,
}: {
  conversation: Conversation;
  /** The older turns of a conversation opened with its newest ones are being read. */
  loadingEarlier: boolean;
  canAct: boolean;
  focus: MessageFocus | null;
  modelName: (id: string) => string;
  onRetry: (turnId: string, mode: RetryMode) => void;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
  /** After Jump to latest, which then goes away: where focus goes instead of <body>. */
  onJumpedToLatest: () => void;
}): ReactNode {
  const { scrollRef, contentRef, showJump, jumpToLatest, release } = useStickToBottom();
  const logRef = useRef<HTMLDivElement | null>(null);
  const { turns } = conversation;
  const view = useTurnWindow({
    turns,
    conversationId: conversation.id,
    earlierPending: loadingEarlier,
    scrollRef,
    logRef,
  });
  const messageActions = useMessageActionsState();
  // The first answer of a session should not pay for compiling the parser and grammars, nor
  // for finding the faces and sizes a turn shows.
  useEffect(() => warmUpWhenIdle(layOutFirstAnswer), []);
  useMessageFocus({
    conversationId: conversation.id,
    turns,
    focus,
    contentRef,
    renderKey: view.renderKey,
    reveal: view.reveal,
    jumpToLatest,
    release,
  });

  const focusId = focus?.messageId ?? null;
  // The attempts chosen in this conversation, kept while its turns come and go from the window;
  // another conversation starts with none.
  const [chosen, setChosen] = useState(() => ({
    id: conversation.id,
    remembered: new Map<string, Choice>(),
  }));
  if (chosen.id !== conversation.id) setChosen({ id: conversation.id, remembered: new Map() });
  const { remembered } = chosen;
  return (
    <div className="message-area">
      <div className="message-scroll" ref={scrollRef}>
        <div className="message-column" ref={contentRef}>
          {turns.length === 0 ? <EmptyConversation /> : null}
          <MessageActionsContext value={messageActions.actions}>
            <div
              className="message-log"
              role="log"
              aria-label="Conversation"
              // Not live: turns come and go as the view moves, and would be read out as new.
              // What happens to an answer is said by AnswerAnnouncer instead.
              aria-live="off"
              // Busy while the older part of a long conversation is still being read.
              aria-busy={loadingEarlier}
              ref={logRef}
              onFocus={view.onFocus}
              onBlur={view.onBlur}
            >
              {view.items.map((item) =>
                item.kind === 'spacer' ? (
                  <div
                    key={item.key}
                    className="turn-spacer"
                    aria-hidden="true"
                    style={{ height: item.height }}
                  />
                ) : (
                  <div
                    key={item.turn.id}
                    className="turn"
                    data-turn-id={item.turn.id}
                    ref={view.measure}
                  >
                    <TurnView
                      turn={item.turn}
                      canAct={canAct}
                      focus={
                        focus &&
                        (item.turn.id === focusId ||
                          item.turn.answers.some((a) => a.id === focusId))
                          ? focus
                          : null
                      }
                      modelName={modelName}
                      onRetry={onRetry}
                      onCancel={onCancel}
                      onOpenSettings={onOpenSettings}
                      remembered={remembered}
                    />
                  </div>
                ),
              )}
            </div>
          </MessageActionsContext>
        </div>
      </div>
      {showJump ? (
        <button
          type="button"
          className="jump-button"
          onClick={() => {
            jumpToLatest();
            onJumpedToLatest();
          }}
        >
          <ArrowDownIcon />
          Jump to latest
        </button>
      ) : null}
      <CopyNotice shown={messageActions.copyFailed} onDismiss={messageActions.dismissCopyFailed} />
      <LinkConfirmDialog
        link={messageActions.link}
        onConfirm={messageActions.confirmLink}
        onCancel={messageActions.cancelLink}
      />
    </div>
  );
}

function EmptyConversation(): ReactNode {
  return (
    <div className="empty-state">
      <ParleyMark size={48} />
      <h2 className="empty-title">What’s on your mind?</h2>
      <p className="empty-lead">
        Ask Claude anything. Answers stream in as they’re written, and you can stop them at any
        time.
      </p>
    </div>
  );
}
