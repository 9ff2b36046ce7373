import { useEffect, useRef, type ReactNode } from 'react';
import type { Conversation } from '../chat/conversation';
import type { MessageFocus, RetryMode } from '../hooks/use-chat';
import { useStickToBottom } from '../hooks/use-stick-to-bottom';
import { ArrowDownIcon, ParleyMark } from './icons';
import { TurnView } from './turn-view';

/** How long a message found by search stays highlighted. */
const HIGHLIGHT_MS = 2500;

function flash(element: Element): void {
  element.classList.add('message-highlight');
  setTimeout(() => element.classList.remove('message-highlight'), HIGHLIGHT_MS);
}

/**
 * The conversation as a `log` (new entries are announced politely), with its
 * own scroll area that follows the stream and a "Jump to latest" button when
 * the person has scrolled away from it. Opening a conversation shows its
 * end, or the message a search hit points at, briefly highlighted.
 */
export function MessageList({
  conversation,
  canAct,
  focus,
  modelName,
  onRetry,
  onCancel,
  onOpenSettings,
}: {
  conversation: Conversation;
  canAct: boolean;
  focus: MessageFocus | null;
  modelName: (id: string) => string;
  onRetry: (turnId: string, mode: RetryMode) => void;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
}): ReactNode {
  const { scrollRef, contentRef, showJump, jumpToLatest, release } = useStickToBottom();
  const turnCount = conversation.turns.length;
  const seen = useRef<{ id: string | null; count: number }>({ id: null, count: 0 });
  const handledFocus = useRef<number | null>(null);

  useEffect(() => {
    const previous = seen.current;
    seen.current = { id: conversation.id, count: turnCount };
    if (focus && handledFocus.current !== focus.nonce) {
      const selector = `[data-message-id="${CSS.escape(focus.messageId)}"]`;
      const target = contentRef.current?.querySelector(selector);
      if (target) {
        handledFocus.current = focus.nonce;
        release();
        target.scrollIntoView({ block: 'center', behavior: 'instant' });
        flash(target);
        return;
      }
    }
    // Another conversation opens at its end; a message just sent is brought into view.
    if (previous.id !== conversation.id) jumpToLatest(false);
    else if (turnCount > previous.count) jumpToLatest();
  }, [focus, conversation.id, turnCount, contentRef, jumpToLatest, release]);

  const focusId = focus?.messageId ?? null;
  return (
    <div className="message-area">
      <div className="message-scroll" ref={scrollRef}>
        <div className="message-column" ref={contentRef}>
          {turnCount === 0 ? <EmptyConversation /> : null}
          <div className="message-log" role="log" aria-label="Conversation">
            {conversation.turns.map((turn) => (
              <TurnView
                key={turn.id}
                turn={turn}
                canAct={canAct}
                focus={
                  focus && (turn.id === focusId || turn.answers.some((a) => a.id === focusId))
                    ? focus
                    : null
                }
                modelName={modelName}
                onRetry={onRetry}
                onCancel={onCancel}
                onOpenSettings={onOpenSettings}
              />
            ))}
          </div>
        </div>
      </div>
      {showJump ? (
        <button type="button" className="jump-button" onClick={() => jumpToLatest()}>
          <ArrowDownIcon />
          Jump to latest
        </button>
      ) : null}
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
