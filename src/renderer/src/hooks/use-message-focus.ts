import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { Turn } from '../chat/conversation';
import type { MessageFocus } from './use-chat';

/** How long a message found by search stays highlighted. */
const HIGHLIGHT_MS = 2500;

function flash(element: Element): void {
  element.classList.add('message-highlight');
  setTimeout(() => element.classList.remove('message-highlight'), HIGHLIGHT_MS);
}

/** The turn holding a message (the question itself or any attempt at an answer). */
export function turnIndexOf(turns: readonly Turn[], messageId: string): number {
  return turns.findIndex(
    (turn) => turn.id === messageId || turn.answers.some((answer) => answer.id === messageId),
  );
}

/**
 * Where the list should be after it changed: a conversation opens at its
 * end, a message just sent is brought into view, and a search hit is
 * scrolled to the middle and highlighted. A hit that is outside the window
 * of rendered turns is first `reveal`ed, and scrolled to once it exists.
 */
export function useMessageFocus({
  conversationId,
  turns,
  focus,
  contentRef,
  renderKey,
  reveal,
  jumpToLatest,
  release,
}: {
  conversationId: string | null;
  turns: readonly Turn[];
  focus: MessageFocus | null;
  contentRef: RefObject<HTMLElement | null>;
  /** Changes whenever the rendered turns change (the effect looks again). */
  renderKey: string;
  reveal: (index: number) => void;
  jumpToLatest: (smooth?: boolean) => void;
  release: () => void;
}): void {
  const seen = useRef<{ id: string | null; lastId: string | null }>({ id: null, lastId: null });
  const handledFocus = useRef<number | null>(null);
  const lastId = turns.at(-1)?.id ?? null;

  useLayoutEffect(() => {
    const previous = seen.current;
    seen.current = { id: conversationId, lastId };
    if (focus && handledFocus.current !== focus.nonce) {
      const index = turnIndexOf(turns, focus.messageId);
      if (index >= 0) {
        const selector = `[data-message-id="${CSS.escape(focus.messageId)}"]`;
        const target = contentRef.current?.querySelector(selector);
        if (!target) {
          // Not rendered yet: render it; this effect runs again once it is.
          reveal(index);
          return;
        }
        handledFocus.current = focus.nonce;
        release();
        // A message taller than the view is shown from its start: centred, its start (and
        // usually the match) would be off screen.
        const view = contentRef.current?.parentElement?.clientHeight ?? window.innerHeight;
        const tall = target.getBoundingClientRect().height > view;
        target.scrollIntoView({ block: tall ? 'start' : 'center', behavior: 'instant' });
        flash(target);
        return;
      }
    }
    // Another conversation opens at its end; a message just sent is brought into view (older
    // turns loaded after the newest ones are not new).
    if (previous.id !== conversationId) jumpToLatest(false);
    else if (lastId !== previous.lastId && lastId !== null) jumpToLatest();
  }, [focus, conversationId, turns, lastId, renderKey, contentRef, reveal, jumpToLatest, release]);
}
