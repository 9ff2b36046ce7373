import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { ConversationSummary } from '../../../shared/history';
import { parley } from '../lib/parley';

/** Conversations fetched per page; the contract allows up to 500 per call. */
const PAGE = 100;
const MAX_CALL = 500;

export interface ConversationsState {
  /** Newest first, pinned on top, as main orders them. */
  items: readonly ConversationSummary[];
  /** False until the first answer from main. */
  loaded: boolean;
  error: AppError | null;
  /** None shown, but archived ones exist: still a history, to be reachable (without a key too). */
  archivedOnly: boolean;
  showArchived: boolean;
  setShowArchived: (show: boolean) => void;
  /** True when the last page was full, so there may be more. */
  hasMore: boolean;
  loadMore: () => void;
  /** Reads the list again (after a change this window made). */
  refresh: () => void;
}

/** Reads `count` conversations from the top, in calls of at most MAX_CALL. */
async function fetchTop(
  count: number,
  includeArchived: boolean,
): Promise<{ ok: true; items: ConversationSummary[] } | { ok: false; error: AppError }> {
  const items: ConversationSummary[] = [];
  while (items.length < count) {
    const limit = Math.min(MAX_CALL, count - items.length);
    const result = await parley().listConversations({
      limit,
      offset: items.length,
      includeArchived,
    });
    if (!result.ok) return { ok: false, error: result.error };
    items.push(...result.value);
    if (result.value.length < limit) break;
  }
  return { ok: true, items };
}

/** Whether the history holds any archived conversation (asked only when none other is shown). */
async function anyArchived(): Promise<boolean> {
  const result = await parley().listConversations({ limit: 1, offset: 0, includeArchived: true });
  return result.ok && result.value.length > 0;
}

/**
 * The sidebar's list, straight from the history in main, so it works with
 * no network and no key. It is read again when main says a conversation
 * changed (a message was sent, an answer finished): a message sent from
 * this window is not read again on its own as well, which read the list
 * twice for every message, the second time as the answer began to stream.
 */
export function useConversations(): ConversationsState {
  const [items, setItems] = useState<readonly ConversationSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [archivedOnly, setArchivedOnly] = useState(false);
  const [count, setCount] = useState(PAGE);
  const [hasMore, setHasMore] = useState(false);
  const seq = useRef(0);

  /**
   * Reads the list and shows it, unless a newer read began meanwhile. A
   * refresh calls this in its own task rather than through a state change
   * and an effect: React runs the effects a render left pending before its
   * next urgent render, which while an answer streams is the one that draws
   * the answer's next text in an animation frame, and the read (a request
   * to main) then delayed that text's paint.
   */
  const read = useCallback((top: number, archived: boolean) => {
    const mine = ++seq.current;
    // One more than shown: "Show more" only when there is more (with exactly 100, there is not).
    void fetchTop(top + 1, archived).then(async (result) => {
      const onlyArchived =
        result.ok && result.items.length === 0 && !archived ? await anyArchived() : false;
      if (mine !== seq.current) return;
      setArchivedOnly(onlyArchived);
      setLoaded(true);
      if (result.ok) {
        setItems(result.items.slice(0, top));
        setHasMore(result.items.length > top);
        setError(null);
      } else {
        setError(result.error);
      }
    });
  }, []);

  // As many conversations as are shown, archived ones if shown; read again when that changes.
  const refresh = useCallback(() => read(count, showArchived), [read, count, showArchived]);
  useEffect(refresh, [refresh]);

  useEffect(() => {
    // Several changes in a burst (an answer ends, then its title) read the list once.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = parley().onEvent((event) => {
      if (event.type !== 'history-changed') return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(refresh, 50);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [refresh]);

  const loadMore = useCallback(() => setCount((n) => n + PAGE), []);

  // One object per change, so the (memoised) sidebar skips the renders a streaming answer causes.
  return useMemo(
    () => ({
      items,
      loaded,
      error,
      archivedOnly,
      showArchived,
      setShowArchived,
      hasMore,
      loadMore,
      refresh,
    }),
    [items, loaded, error, archivedOnly, showArchived, hasMore, loadMore, refresh],
  );
}
