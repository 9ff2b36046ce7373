import { useMemo, type ReactNode, type RefObject } from 'react';
import { groupConversations } from '../chat/date-groups';
import type { ConversationsState } from '../hooks/use-conversations';
import type { HistoryActions } from '../hooks/use-history-actions';
import { useListFocus } from '../hooks/use-list-focus';
import { useToday } from '../hooks/use-today';
import { errorText } from '../lib/parley';
import { ConversationItem } from './conversation-item';

/** The history, in sections by date with pinned conversations on top. */
export function ConversationList({
  conversations,
  activeId,
  streaming,
  onOpen,
  actions,
  whenEmpty,
}: {
  conversations: ConversationsState;
  activeId: string | null;
  streaming: ReadonlySet<string>;
  onOpen: (id: string) => void;
  actions: HistoryActions;
  /** Where focus goes when a menu action takes the last conversation away. */
  whenEmpty: RefObject<HTMLElement | null>;
}): ReactNode {
  const { items, loaded, error, hasMore, loadMore, showArchived } = conversations;
  const today = useToday();
  const groups = useMemo(() => groupConversations(items, today), [items, today]);
  const order = useMemo(() => groups.flatMap((g) => g.items.map((c) => c.id)), [groups]);
  const { listRef, follow } = useListFocus(order, whenEmpty);

  if (error && items.length === 0) {
    return (
      <p className="sidebar-note" role="alert">
        Couldn’t read your history: {errorText(error)}
      </p>
    );
  }
  if (loaded && items.length === 0) {
    return (
      <p className="sidebar-note">
        {showArchived ? 'No conversations yet.' : 'Your conversations will appear here.'}
      </p>
    );
  }
  return (
    <nav ref={listRef} className="conversation-list" aria-label="Conversations">
      {groups.map((group) => (
        <section
          key={group.key}
          className="conversation-group"
          aria-labelledby={`group-${group.key}`}
        >
          <h2 id={`group-${group.key}`} className="conversation-group-label">
            {group.label}
          </h2>
          <ul className="conversation-items">
            {group.items.map((conversation) => (
              <ConversationItem
                key={conversation.id}
                conversation={conversation}
                active={conversation.id === activeId}
                streaming={streaming.has(conversation.id)}
                onOpen={onOpen}
                actions={actions}
                followFocus={follow}
              />
            ))}
          </ul>
        </section>
      ))}
      {hasMore ? (
        <button
          type="button"
          className="button button-small button-quiet load-more"
          onClick={loadMore}
        >
          Show more
        </button>
      ) : null}
    </nav>
  );
}
