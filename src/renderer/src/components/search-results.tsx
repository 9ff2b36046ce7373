import type { ReactNode } from 'react';
import type { SearchHit } from '../../../shared/history';
import { shortDate } from '../lib/format-date';
import { errorText } from '../lib/parley';
import type { SearchState } from '../hooks/use-search';
import { SnippetText } from './snippet-text';

export const SEARCH_RESULTS_ID = 'search-results';

export function resultOptionId(index: number): string {
  return `search-result-${index}`;
}

/**
 * The hits for the query in the search box, as a listbox the box controls:
 * arrow keys in the box move the highlighted option (aria-activedescendant),
 * Enter or a click opens it.
 */
export function SearchResults({
  search,
  activeIndex,
  onHover,
  onOpen,
}: {
  search: SearchState;
  activeIndex: number;
  onHover: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
}): ReactNode {
  const { results, resultsFor, error } = search;
  if (results === null) {
    return (
      <p className="sidebar-note" role="status">
        Searching…
      </p>
    );
  }
  if (error) {
    return (
      <p className="sidebar-note" role="alert">
        Search failed: {errorText(error)}
      </p>
    );
  }
  if (results.length === 0) {
    return (
      <p className="sidebar-note" role="status">
        No matches for “{resultsFor}”
      </p>
    );
  }
  return (
    <>
      <p className="visually-hidden" role="status">
        {results.length === 1 ? '1 match' : `${results.length} matches`}
      </p>
      <ul
        id={SEARCH_RESULTS_ID}
        className="search-results"
        role="listbox"
        aria-label="Search results"
      >
        {results.map((hit, index) => (
          <li
            key={hit.messageId ?? `title:${hit.conversationId}`}
            id={resultOptionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className="search-result"
            // Keep focus in the search box; the click still opens the hit.
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => onHover(index)}
            onClick={() => onOpen(hit)}
          >
            <span className="search-result-head">
              <span className="search-result-title" dir="auto">
                {hit.messageId === null ? <SnippetText segments={hit.snippet} /> : hit.title}
              </span>
              <span className="search-result-date">{shortDate(hit.createdAt)}</span>
            </span>
            {hit.messageId === null ? (
              <span className="search-result-snippet">In the conversation’s title</span>
            ) : (
              <span className="search-result-snippet">
                <span className="visually-hidden">
                  {hit.role === 'user' ? 'You: ' : 'Claude: '}
                </span>
                <span dir="auto">
                  <SnippetText segments={hit.snippet} />
                </span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
