import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { SearchHit } from '../../../shared/history';
import { parley } from '../lib/parley';

/** Typing pauses shorter than this do not start a search. */
const DEBOUNCE_MS = 150;
const LIMIT = 50;

export interface SearchState {
  query: string;
  setQuery: (query: string) => void;
  /**
   * Hits for `query` as it is now; null while there is no query or its
   * answer has not come yet. Never an earlier query's hits: those would be
   * shown, and opened by Enter, as if they answered this one.
   */
  results: readonly SearchHit[] | null;
  /** The query the results belong to (`query` trimmed), or '' while there are none. */
  resultsFor: string;
  error: AppError | null;
}

/**
 * Full-text search over the history in main (SQLite FTS5), debounced. Any
 * text is a valid query: quotes, brackets, `*` and `-` are main's to make
 * safe, so a result is always a list (possibly empty) or a storage error.
 */
export function useSearch(): SearchState {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<{
    query: string;
    results: readonly SearchHit[] | null;
    error: AppError | null;
  }>({ query: '', results: null, error: null });

  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed.length === 0) return undefined;
    let alive = true;
    const timer = setTimeout(() => {
      void parley()
        .searchHistory({ query: trimmed, limit: LIMIT })
        .then((result) => {
          if (!alive) return;
          setAnswer(
            result.ok
              ? { query: trimmed, results: result.value, error: null }
              : { query: trimmed, results: [], error: result.error },
          );
        });
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [trimmed]);

  const current = trimmed.length > 0 && answer.query === trimmed;
  return {
    query,
    setQuery,
    results: current ? answer.results : null,
    resultsFor: current ? answer.query : '',
    error: current ? answer.error : null,
  };
}
