import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type RefObject,
} from 'react';
import type { Turn } from '../chat/conversation';
import { tailRange, windowItems, type TurnRange, type WindowItem } from '../chat/turn-window';
import { TurnWindowController } from './turn-window-controller';

/** Turns rendered around a search target before the window settles on it. */
const REVEAL_AROUND = 2;

interface WindowState {
  /** The conversation this state belongs to; another one starts at its end. */
  owner: string | null;
  range: TurnRange;
  /** The window reaches the end, so new turns join it as they arrive. */
  tail: boolean;
  /** The turn holding keyboard focus stays mounted wherever the view goes. */
  focusId: string | null;
  /** The first turn when `range` was set: turns loaded before it move the range with them. */
  firstId: string | null;
}

export interface TurnWindow {
  /** What to render, in order: turns and the spacers standing in for the rest. */
  items: readonly WindowItem[];
  /** Ref callback for each turn's wrapper element (which must carry `data-turn-id`). */
  measure: (element: HTMLElement | null) => (() => void) | undefined;
  /** Makes sure turn `index` is rendered, so the caller can scroll it into view. */
  reveal: (index: number) => void;
  /** Changes whenever the set of rendered turns changes. */
  renderKey: string;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  onBlur: (event: FocusEvent<HTMLElement>) => void;
}

/**
 * Windowing for the message list: only the turns within about a screen of
 * the viewport are rendered, with spacers of their measured (or estimated)
 * height standing in for the rest, so a conversation of thousands of
 * messages opens and scrolls as fast as a short one. A conversation opens
 * at its end; the turn holding keyboard focus is never unmounted.
 */
export function useTurnWindow({
  turns,
  conversationId,
  earlierPending,
  scrollRef,
  logRef,
}: {
  turns: readonly Turn[];
  conversationId: string | null;
  /** Older turns are being read, to be added before `turns` (see useChat's load). */
  earlierPending: boolean;
  scrollRef: RefObject<HTMLElement | null>;
  logRef: RefObject<HTMLElement | null>;
}): TurnWindow {
  const [controller] = useState(() => new TurnWindowController());
  const [state, setState] = useState<WindowState>(() => ({
    owner: conversationId,
    range: { start: 0, end: 0 },
    tail: true,
    focusId: null,
    firstId: turns[0]?.id ?? null,
  }));

  // Older turns arrived before the ones the range counts from (a long conversation opens with
  // its newest turns, the rest follows): the range moves with the turns it holds. A range
  // whose first turn is gone (the conversation was opened again, with its newest turns only)
  // starts again at the end.
  const firstId = turns[0]?.id ?? null;
  if (state.owner === conversationId && state.firstId !== firstId) {
    const added = turns.findIndex((turn) => turn.id === state.firstId);
    setState((s) =>
      added < 0
        ? { ...s, firstId, range: { start: 0, end: 0 }, tail: true }
        : { ...s, firstId, range: { start: s.range.start + added, end: s.range.end + added } },
    );
  }

  const count = turns.length;
  const offsets = controller.heights.offsets(turns);
  let range: TurnRange;
  if (state.owner !== conversationId || state.range.end === 0) {
    range = tailRange(offsets, controller.viewport() * 1.4);
  } else {
    const end = state.tail ? count : Math.min(state.range.end, count);
    range = { start: Math.min(state.range.start, Math.max(0, end - 1)), end };
  }
  const focusIndex =
    state.focusId === null ? -1 : turns.findIndex((turn) => turn.id === state.focusId);
  const items = windowItems(turns, offsets, range, focusIndex >= 0 ? [focusIndex] : []);
  const renderKey = `${conversationId ?? ''}:${range.start}:${range.end}:${focusIndex}`;

  useLayoutEffect(() => {
    controller.sync(turns, range, conversationId);
  });

  // ...and the view stays on what it showed. They are added above it, so it keeps its distance
  // from the end of the list: noted while they are awaited (on every scroll, and in every commit
  // but the one that starts the wait, where it would lay the list out once more before the
  // first frame; the view is moved to the end there, which is a scroll), restored in the commit
  // that adds them, before that frame is drawn. The browser's scroll anchoring would mostly do
  // this, but not at the very top of the list (scrollTop 0).
  const fromEnd = useRef<{ owner: string | null; px: number } | null>(null);
  const waited = useRef(false);
  const noteFromEnd = useCallback(
    (scroller: HTMLElement) => {
      fromEnd.current = { owner: conversationId, px: scroller.scrollHeight - scroller.scrollTop };
    },
    [conversationId],
  );
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    if (earlierPending) {
      if (waited.current) noteFromEnd(scroller);
      waited.current = true;
      return;
    }
    waited.current = false;
    const noted = fromEnd.current;
    fromEnd.current = null;
    if (noted?.owner === conversationId) scroller.scrollTop = scroller.scrollHeight - noted.px;
  });
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || !earlierPending) return undefined;
    const note = (): void => noteFromEnd(scroller);
    scroller.addEventListener('scroll', note, { passive: true });
    return () => scroller.removeEventListener('scroll', note);
  }, [scrollRef, earlierPending, noteFromEnd]);

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const log = logRef.current;
    if (!scroller || !log) return undefined;
    return controller.attach(scroller, log, (next, tail, owner) =>
      setState((s) => ({ ...s, owner, range: next, tail, firstId: controller.firstTurnId() })),
    );
  }, [controller, scrollRef, logRef]);

  const reveal = useCallback(
    (index: number) => {
      const start = Math.max(0, index - REVEAL_AROUND);
      const end = Math.min(count, index + REVEAL_AROUND + 1);
      setState((s) => ({
        ...s,
        owner: conversationId,
        range: { start, end },
        tail: end === count,
        firstId,
      }));
    },
    [conversationId, count, firstId],
  );

  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const holder = (event.target as HTMLElement).closest<HTMLElement>('[data-turn-id]');
    const id = holder?.dataset['turnId'] ?? null;
    setState((s) => (s.focusId === id ? s : { ...s, focusId: id }));
  }, []);

  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    const next = event.relatedTarget as Node | null;
    if (next && event.currentTarget.contains(next)) return;
    setState((s) => (s.focusId === null ? s : { ...s, focusId: null }));
  }, []);

  return { items, measure: controller.observe, reveal, renderKey, onFocus, onBlur };
}
