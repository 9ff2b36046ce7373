import type { Dispatch } from 'react';
import { flushSync } from 'react-dom';
import { answerOnScreen, type ChatAction, type ChatModel } from '../chat/chat-state';
import { liveDeltas } from '../chat/live-deltas';
import { parley } from '../lib/parley';
import { whenIdle } from '../lib/when-idle';

/** The state takes the deltas drawn ahead of it within this long, idle time or not. */
const CATCH_UP_MS = 250;
/** Idle time the state's catch-up asks for: its render takes about a millisecond. */
const CATCH_UP_NEEDS_MS = 2;

/** Events that end a request's answer. */
const ENDS: ReadonlySet<string> = new Set(['done', 'stopped', 'error']);

/**
 * Puts main's answer events into the chat state, and the deltas of the
 * answer on screen in front of it: when each is committed decides when its
 * text reaches the screen. `onHistoryChanged` gets main's word that a
 * conversation changed. Returns the unsubscribe.
 */
export function followAnswerEvents({
  state,
  dispatch,
  onHistoryChanged,
}: {
  /** The state as last committed. */
  state: () => ChatModel;
  dispatch: Dispatch<ChatAction>;
  onHistoryChanged: (conversationId: string) => void;
}): () => void {
  // Deltas drawn ahead of the state (LiveDeltas) reach it in idle time, all that arrived
  // meanwhile in one render, committed at once so its effects run there too. In idle time
  // (unless there is none for a while), not in a task of its own, which could run just before
  // the frame that was to draw the next delta and hold it back (seen in traces of the fast
  // run). Nothing on screen waits for it: the body has the text.
  let catchUp: (() => void) | null = null;
  const caughtUp = (): void => {
    catchUp = null;
    flushSync(() => {
      for (const [requestId, text] of liveDeltas.takeAll())
        dispatch({ type: 'event', event: { type: 'delta', requestId, text } });
    });
  };
  const unsubscribe = parley().onEvent((event) => {
    // A delta of the answer on screen goes to the body that draws it (LiveDeltas), which
    // draws it at once, or a burst in the next frame (FrameGate); the state takes it in idle
    // time. Where no body takes it, it is committed in the task that delivers it
    // (flushSync): left to React's scheduler, its render often ran only after the next
    // frame, so the text waited a frame longer. Other answers' deltas are not on screen.
    if (event.type === 'delta' && answerOnScreen(state(), event.requestId)) {
      if (liveDeltas.deliver(event.requestId, event.text)) {
        catchUp ??= whenIdle(caughtUp, CATCH_UP_MS, CATCH_UP_NEEDS_MS);
        return;
      }
    }
    if (!('requestId' in event)) {
      if (event.type === 'history-changed') onHistoryChanged(event.conversationId);
      else if (event.type === 'answer-resumed') dispatch({ type: 'resumed', answer: event.answer });
      return;
    }
    // Whatever the state has not taken of this answer comes first, in the same render.
    const ahead = liveDeltas.take(event.requestId);
    const apply = (): void => {
      if (ahead !== '')
        dispatch({
          type: 'event',
          event: { type: 'delta', requestId: event.requestId, text: ahead },
        });
      dispatch({ type: 'event', event });
    };
    // So is the end of that answer committed at once: the render that settles it leaves
    // effects (the reload after it, for one) that React would otherwise run at the start of
    // its next urgent render, which is the one that draws the answer's last text in its frame;
    // committed at once, they run now, before that frame.
    if (
      (event.type === 'delta' || ENDS.has(event.type)) &&
      answerOnScreen(state(), event.requestId)
    )
      flushSync(apply);
    else apply();
  });
  return () => {
    unsubscribe();
    catchUp?.();
  };
}
