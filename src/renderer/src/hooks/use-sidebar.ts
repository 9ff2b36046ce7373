import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';

/** Below this width the sidebar covers the conversation instead of sitting beside it. */
export const NARROW_QUERY = '(max-width: 759px)';

/**
 * One MediaQueryList per query, kept: React reads the snapshot on every
 * render of the app, which while an answer streams is every delta, and
 * window.matchMedia builds a new list (and evaluates the query) per call.
 */
function useMediaQuery(query: string): boolean {
  const list = useMemo(() => window.matchMedia(query), [query]);
  const subscribe = useCallback(
    (notify: () => void) => {
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    [list],
  );
  return useSyncExternalStore(subscribe, () => list.matches);
}

export interface SidebarState {
  open: boolean;
  /** True on narrow windows, where the open sidebar overlays the conversation. */
  narrow: boolean;
  toggle: () => void;
  close: () => void;
  /** Closes the sidebar only where it covers the conversation (after picking one). */
  closeIfOverlay: () => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/**
 * Whether the history sidebar shows. Wide windows start with it open,
 * narrow ones with it closed, and each remembers its own choice, so
 * narrowing the window tucks it away without losing the wide setting.
 * Ctrl/Cmd+K opens it and focuses the search box from anywhere.
 */
export function useSidebar(): SidebarState {
  const narrow = useMediaQuery(NARROW_QUERY);
  const [openWide, setOpenWide] = useState(true);
  const [openNarrow, setOpenNarrow] = useState(false);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const open = narrow ? openNarrow : openWide;
  const setOpen = narrow ? setOpenNarrow : setOpenWide;

  const toggle = useCallback(() => setOpen((v) => !v), [setOpen]);
  const close = useCallback(() => setOpen(false), [setOpen]);
  const closeIfOverlay = useCallback(() => {
    if (narrow) setOpenNarrow(false);
  }, [narrow]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey)) return;
      if (event.altKey || event.shiftKey) return;
      event.preventDefault();
      setOpen(true);
      // The sidebar may be hidden until this render lands.
      requestAnimationFrame(() => {
        searchRef.current?.focus();
        searchRef.current?.select();
      });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setOpen]);

  return { open, narrow, toggle, close, closeIfOverlay, searchRef };
}
