import { memo, useCallback, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { ConversationSummary } from '../../../shared/history';
import type { HistoryActions } from '../hooks/use-history-actions';
import type { ListFocus } from '../hooks/use-list-focus';
import { errorText } from '../lib/parley';
import { MoreIcon, PinIcon } from './icons';
import { PopupMenu, type MenuItem } from './popup-menu';

/**
 * One conversation in the sidebar: a button that opens it and a menu of
 * what can be done with it. Rename happens in place: Enter (or leaving the
 * field) saves, Escape cancels.
 */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  active,
  streaming,
  onOpen,
  actions,
  followFocus,
}: {
  conversation: ConversationSummary;
  active: boolean;
  streaming: boolean;
  onOpen: (id: string) => void;
  actions: HistoryActions;
  followFocus: ListFocus['follow'];
}): ReactNode {
  const [menuOpen, setMenuOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const menuButton = useRef<HTMLButtonElement | null>(null);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  const { title } = conversation;
  // Pin, Archive and Delete move this row to another section or take it away, and
  // the focused ⋯ button with it: the list puts focus back where it belongs.
  const moving = (action: () => void): void => {
    followFocus(conversation.id, menuButton.current);
    action();
  };

  const items: MenuItem[] = [
    { label: 'Rename', onSelect: () => setRenaming(true) },
    {
      label: conversation.pinned ? 'Unpin' : 'Pin',
      onSelect: () => moving(() => actions.setPinned(conversation, !conversation.pinned)),
    },
    {
      label: conversation.archived ? 'Unarchive' : 'Archive',
      onSelect: () => moving(() => actions.setArchived(conversation, !conversation.archived)),
    },
    {
      label: 'Export as Markdown',
      onSelect: () => actions.exportConversation(conversation, 'markdown'),
    },
    { label: 'Export as JSON', onSelect: () => actions.exportConversation(conversation, 'json') },
    { label: 'Delete', onSelect: () => moving(() => actions.remove(conversation)), danger: true },
  ];

  const className = [
    'conversation-item',
    active ? 'is-active' : '',
    conversation.archived ? 'is-archived' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li className={className}>
      {renaming ? (
        <RenameField
          title={title}
          onSave={(next) => actions.rename(conversation.id, next)}
          onDone={() => {
            setRenaming(false);
            menuButton.current?.focus();
          }}
        />
      ) : (
        <button
          type="button"
          className="conversation-open"
          aria-current={active ? 'page' : undefined}
          onClick={() => onOpen(conversation.id)}
          title={conversation.preview || title}
        >
          {conversation.pinned ? <PinIcon /> : null}
          <span className="conversation-title" dir="auto">
            {title}
          </span>
          {streaming ? (
            <span className="conversation-live" title="Claude is answering">
              <span className="visually-hidden">(answering)</span>
            </span>
          ) : null}
          {conversation.archived ? <span className="conversation-badge">Archived</span> : null}
        </button>
      )}
      <button
        ref={menuButton}
        type="button"
        className="icon-button conversation-menu-button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-label={`More actions for ${title}`}
        // How the list finds this button again once the row has moved (useListFocus).
        data-conversation-menu={conversation.id}
        onClick={() => setMenuOpen((open) => !open)}
      >
        <MoreIcon />
      </button>
      {menuOpen ? (
        <PopupMenu
          label={`Actions for ${title}`}
          items={items}
          trigger={menuButton}
          onClose={closeMenu}
        />
      ) : null}
    </li>
  );
});

function RenameField({
  title,
  onSave,
  onDone,
}: {
  title: string;
  onSave: (title: string) => Promise<AppError | null>;
  onDone: () => void;
}): ReactNode {
  const [value, setValue] = useState(title);
  const [error, setError] = useState<AppError | null>(null);
  const finished = useRef(false);

  const save = (): void => {
    if (finished.current) return;
    const next = value.trim();
    if (next.length === 0 || next === title) {
      finished.current = true;
      onDone();
      return;
    }
    finished.current = true;
    void onSave(next).then((failure) => {
      if (failure) {
        finished.current = false;
        setError(failure);
      } else {
        onDone();
      }
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finished.current = true;
      onDone();
    }
  };

  return (
    <div className="rename">
      <input
        className="rename-input"
        aria-label="Conversation title"
        value={value}
        maxLength={200}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={save}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'rename-error' : undefined}
      />
      {error ? (
        <p id="rename-error" className="rename-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </div>
  );
}
