import { memo, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { SearchHit } from '../../../shared/history';
import type { ConversationsState } from '../hooks/use-conversations';
import type { HistoryActions } from '../hooks/use-history-actions';
import { useSearch } from '../hooks/use-search';
import { ConversationList } from './conversation-list';
import { CloseIcon, PlusIcon } from './icons';
import { SearchBox } from './search-box';
import { SearchResults } from './search-results';

/**
 * The history column: a new conversation, search, the conversations by
 * date, and the archive-wide actions (show archived, export, import). It
 * reads only main's local history, so all of it works offline and without
 * a key.
 */
export const Sidebar = memo(function Sidebar({
  conversations,
  activeId,
  streaming,
  actions,
  searchRef,
  onOpen,
  onNew,
  onClose,
}: {
  conversations: ConversationsState;
  activeId: string | null;
  streaming: ReadonlySet<string>;
  actions: HistoryActions;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpen: (id: string, messageId?: string) => void;
  onNew: () => void;
  /** Hides the sidebar (its own close button, for narrow windows). */
  onClose: () => void;
}): ReactNode {
  const search = useSearch();
  const [active, setActive] = useState({ query: '', index: 0 });
  const fileInput = useRef<HTMLInputElement | null>(null);
  const newButton = useRef<HTMLButtonElement | null>(null);
  const results = search.results ?? [];
  // The highlighted result starts at the top for every new set of results.
  const activeIndex =
    active.query === search.resultsFor ? Math.min(active.index, results.length - 1) : 0;
  const move = (index: number): void => setActive({ query: search.resultsFor, index });
  const openHit = (hit: SearchHit): void => onOpen(hit.conversationId, hit.messageId ?? undefined);
  const searching = search.query.trim().length > 0;
  /**
   * The query Enter was pressed on before its answer came. Someone who types
   * and presses Enter at once means the top hit for what they typed, so it
   * is opened when that answer arrives; typing on (or Escape) cancels it.
   */
  const pickOnAnswer = useRef<string | null>(null);
  useEffect(() => {
    const query = pickOnAnswer.current;
    if (query === null || search.results === null) return;
    pickOnAnswer.current = null;
    const hit = search.results[0];
    if (hit && search.resultsFor === query) onOpen(hit.conversationId, hit.messageId ?? undefined);
  }, [search.results, search.resultsFor, onOpen]);

  return (
    <aside id="sidebar" className="sidebar" aria-label="History">
      <div className="sidebar-top">
        <div className="sidebar-actions">
          <button ref={newButton} type="button" className="button new-conversation" onClick={onNew}>
            <PlusIcon />
            New conversation
          </button>
          <button
            type="button"
            className="icon-button sidebar-close"
            onClick={onClose}
            aria-label="Hide conversations"
          >
            <CloseIcon />
          </button>
        </div>
        <SearchBox
          ref={searchRef}
          query={search.query}
          onQuery={(query) => {
            pickOnAnswer.current = null;
            search.setQuery(query);
          }}
          resultCount={results.length}
          activeIndex={Math.max(0, activeIndex)}
          onMove={move}
          onPick={() => {
            if (search.results === null) {
              if (searching) pickOnAnswer.current = search.query.trim();
              return;
            }
            const hit = search.results[Math.max(0, activeIndex)];
            if (hit) openHit(hit);
          }}
        />
      </div>
      {/* While it lists search results (which focus never enters), the scroll area takes focus itself so it can be scrolled by keyboard. */}
      <div className="sidebar-body" tabIndex={searching ? 0 : undefined}>
        {searching ? (
          <SearchResults
            search={search}
            activeIndex={activeIndex}
            onHover={move}
            onOpen={openHit}
          />
        ) : (
          <ConversationList
            conversations={conversations}
            activeId={activeId}
            streaming={streaming}
            onOpen={onOpen}
            actions={actions}
            whenEmpty={newButton}
          />
        )}
      </div>
      <footer className="sidebar-footer">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={conversations.showArchived}
            onChange={(e) => conversations.setShowArchived(e.target.checked)}
          />
          Show archived
        </label>
        <div className="sidebar-footer-actions">
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={actions.exportAll}
          >
            Export all
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => fileInput.current?.click()}
          >
            Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              // Cleared so choosing the same file again still fires a change.
              e.target.value = '';
              if (files.length > 0) actions.importFiles(files);
            }}
          />
        </div>
      </footer>
    </aside>
  );
});
