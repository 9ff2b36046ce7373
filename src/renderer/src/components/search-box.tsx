import type { KeyboardEvent, ReactNode, Ref } from 'react';
import { SearchIcon } from './icons';
import { resultOptionId, SEARCH_RESULTS_ID } from './search-results';

/**
 * The search field at the top of the sidebar (Ctrl/Cmd+K focuses it). The
 * keys that move through results are handled here, because focus stays in
 * the field while the person picks a result.
 */
export function SearchBox({
  ref,
  query,
  onQuery,
  resultCount,
  activeIndex,
  onMove,
  onPick,
}: {
  ref: Ref<HTMLInputElement>;
  query: string;
  onQuery: (query: string) => void;
  resultCount: number;
  activeIndex: number;
  onMove: (index: number) => void;
  /** Enter: also while the answer is on its way, which the results may be waiting for. */
  onPick: () => void;
}): ReactNode {
  /**
   * Focus stays here, so nothing makes the browser follow the highlight down
   * a list longer than the sidebar: the option is scrolled to by hand. Only
   * for keys: one the pointer highlights is already where the person looks.
   */
  const moveTo = (index: number): void => {
    onMove(index);
    document.getElementById(resultOptionId(index))?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (resultCount > 0) moveTo(Math.min(activeIndex + 1, resultCount - 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (resultCount > 0) moveTo(Math.max(activeIndex - 1, 0));
        return;
      case 'Enter':
        event.preventDefault();
        onPick();
        return;
      case 'Escape':
        if (query.length > 0) {
          event.preventDefault();
          event.stopPropagation();
          onQuery('');
        }
        return;
    }
  };
  const showing = query.trim().length > 0 && resultCount > 0;
  return (
    <div className="search-box">
      <SearchIcon />
      <input
        ref={ref}
        type="search"
        className="search-input"
        aria-label="Search conversations"
        placeholder="Search"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
        aria-controls={showing ? SEARCH_RESULTS_ID : undefined}
        aria-activedescendant={showing ? resultOptionId(activeIndex) : undefined}
      />
      <kbd className="search-shortcut" aria-hidden="true">
        {navigator.platform.toLowerCase().includes('mac') ? '⌘K' : 'Ctrl K'}
      </kbd>
    </div>
  );
}
