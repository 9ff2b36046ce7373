import { useEffect, type ReactNode } from 'react';
import type { Conversation } from '../chat/conversation';
import { useStickToBottom } from '../hooks/use-stick-to-bottom';
import { ArrowDownIcon, ParleyMark } from './icons';
import { TurnView } from './turn-view';

/**
 * The conversation as a `log` (new entries are announced politely), with its
 * own scroll area that follows the stream and a "Jump to latest" button when
 * the person has scrolled away from it.
 */
export function MessageList({
  conversation,
  busy,
  modelName,
  onRetry,
  onCancel,
  onOpenSettings,
}: {
  conversation: Conversation;
  busy: boolean;
  modelName: (id: string) => string;
  onRetry: (turnId: string) => void;
  onCancel: (requestId: string) => void;
  onOpenSettings: () => void;
}): ReactNode {
  const { scrollRef, contentRef, showJump, jumpToLatest } = useStickToBottom();
  const turnCount = conversation.turns.length;

  // A message the person just sent is always brought into view.
  useEffect(() => {
    if (turnCount > 0) jumpToLatest();
  }, [turnCount, jumpToLatest]);

  const lastIndex = turnCount - 1;
  return (
    <div className="message-area">
      <div className="message-scroll" ref={scrollRef}>
        <div className="message-column" ref={contentRef}>
          {turnCount === 0 ? <EmptyConversation /> : null}
          <div className="message-log" role="log" aria-label="Conversation">
            {conversation.turns.map((turn, index) => (
              <TurnView
                key={turn.id}
                turn={turn}
                canRetry={index === lastIndex && !busy}
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
        <button type="button" className="jump-button" onClick={jumpToLatest}>
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
