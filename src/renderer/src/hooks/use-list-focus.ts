import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

/** ConversationItem marks its ⋯ button with the conversation's id, so focus can find it. */
const MENU_BUTTON_ATTRIBUTE = 'data-conversation-menu';

export interface ListFocus {
  /** The list's container: where a conversation's ⋯ button is looked for. */
  listRef: RefObject<HTMLElement | null>;
  /**
   * Called as a menu action on conversation `id` starts, with `control` (its
   * ⋯ button) focused. If the list's next change takes the control away,
   * focus follows the conversation instead of falling to <body>.
   */
  follow: (id: string, control: HTMLElement | null) => void;
}

/**
 * Keeps keyboard focus in the sidebar's list across the changes its own
 * menu makes. Pin and Unpin move a conversation to another section, a list
 * of its own, so React builds its row afresh; Delete, and Archive while
 * archived conversations are hidden, take the row away. Either way the
 * focused ⋯ button is destroyed, the browser drops focus to <body> and the
 * next Tab starts from the top of the window.
 *
 * After such a change, focus goes to the conversation's ⋯ button in its new
 * place; if the conversation is gone, to the ⋯ button of the one that
 * followed it (the one before it, if it was last); if none is left, to
 * `whenEmpty`. Focus is only moved if it is still nowhere (on <body>), so
 * somewhere the person went meanwhile is never taken from them.
 *
 * `order` is the conversations' ids as shown, top to bottom.
 */
export function useListFocus(
  order: readonly string[],
  whenEmpty: RefObject<HTMLElement | null>,
): ListFocus {
  const listRef = useRef<HTMLElement | null>(null);
  const pending = useRef<{ id: string; control: HTMLElement } | null>(null);
  const shown = useRef(order);

  const follow = useCallback((id: string, control: HTMLElement | null) => {
    pending.current = control ? { id, control } : null;
  }, []);

  // Before paint, so the next frame already shows focus where it landed.
  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = order;
    const lost = pending.current;
    if (!lost) return;
    if (lost.control.isConnected) {
      // A read of the list from before the action (or one that failed): wait
      // for the next, unless focus has moved on since.
      if (document.activeElement !== lost.control) pending.current = null;
      return;
    }
    pending.current = null;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;

    const now = new Set(order);
    const at = before.indexOf(lost.id);
    const candidates =
      at < 0 ? [lost.id] : [lost.id, ...before.slice(at + 1), ...before.slice(0, at).reverse()];
    const next = candidates.find((id) => now.has(id));
    const target =
      next === undefined
        ? whenEmpty.current
        : listRef.current?.querySelector<HTMLElement>(
            `[${MENU_BUTTON_ATTRIBUTE}="${CSS.escape(next)}"]`,
          );
    target?.focus();
  }, [order, whenEmpty]);

  return { listRef, follow };
}

/**
 * After Undo in a toast: the toast, and the focused Undo in it, go, and focus
 * would fall to <body>. It goes to the conversation brought back instead,
 * once its row is drawn (the list is read again first), unless the person
 * has put it somewhere meanwhile. Gives up after `withinMs`.
 */
export function focusWhenListed(id: string, withinMs = 2000): void {
  const from = document.activeElement;
  const selector = `[${MENU_BUTTON_ATTRIBUTE}="${CSS.escape(id)}"]`;
  const settled = (): boolean => {
    const active = document.activeElement;
    const nowhere = active === null || active === document.body || active === from;
    if (!nowhere) return true;
    const row = document.querySelector<HTMLElement>(selector);
    row?.focus();
    return row !== null;
  };
  if (settled()) return;
  const observer = new MutationObserver(() => {
    if (settled()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), withinMs);
}
