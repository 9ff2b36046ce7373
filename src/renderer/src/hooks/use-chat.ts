import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { ChatEvent } from '../../../shared/ipc';
import {
  activeAnswer,
  addTurn,
  applyChatEvent,
  emptyConversation,
  failAnswer,
  newAnswer,
  retryTurn,
  type Answer,
  type Conversation,
  type Turn,
} from '../chat/conversation';
import { messagesFor } from '../chat/history';
import { parley } from '../lib/parley';
import { newRequestId, newTurnId } from '../lib/request-id';

type Action =
  | { type: 'event'; event: ChatEvent }
  | { type: 'add'; turn: Turn }
  | { type: 'retry'; turnId: string; answer: Answer }
  | { type: 'fail'; requestId: string; error: AppError };

function reducer(state: Conversation, action: Action): Conversation {
  switch (action.type) {
    case 'event':
      return applyChatEvent(state, action.event);
    case 'add':
      return addTurn(state, action.turn);
    case 'retry':
      return retryTurn(state, action.turnId, action.answer);
    case 'fail':
      return failAnswer(state, action.requestId, action.error);
  }
}

export interface ChatState {
  conversation: Conversation;
  /** The answer still in flight, if any. */
  active: Answer | undefined;
  send: (text: string, model: string) => void;
  /** Re-sends the conversation up to this turn; the user's message is not repeated. */
  retry: (turnId: string, model: string) => void;
  /** Stops (or, while it waits, cancels) a request; whatever arrived is kept. */
  cancel: (requestId: string) => void;
  retryNow: (requestId: string) => void;
}

/**
 * The conversation and the calls that change it. Main streams the answer as
 * events keyed by the requestId chosen here; the reducer applies them to the
 * one answer they belong to.
 */
export function useChat(): ChatState {
  const [conversation, dispatch] = useReducer(reducer, emptyConversation);
  // The callbacks read the latest conversation without being re-created on every delta.
  const latest = useRef(conversation);
  useLayoutEffect(() => {
    latest.current = conversation;
  }, [conversation]);

  useEffect(
    () =>
      parley().onEvent((event) => {
        if ('requestId' in event) dispatch({ type: 'event', event });
      }),
    [],
  );

  const start = useCallback((turnId: string, snapshot: Conversation, answer: Answer) => {
    const messages = messagesFor(snapshot, turnId);
    void parley()
      .sendChat({ requestId: answer.requestId, model: answer.model, messages })
      .then((result) => {
        if (!result.ok)
          dispatch({ type: 'fail', requestId: answer.requestId, error: result.error });
      });
  }, []);

  const send = useCallback(
    (text: string, model: string) => {
      if (activeAnswer(latest.current)) return;
      const turn: Turn = {
        id: newTurnId(),
        userText: text,
        answers: [newAnswer(newRequestId(), model)],
      };
      const next = addTurn(latest.current, turn);
      latest.current = next;
      dispatch({ type: 'add', turn });
      const answer = turn.answers[0];
      if (answer) start(turn.id, next, answer);
    },
    [start],
  );

  const retry = useCallback(
    (turnId: string, model: string) => {
      if (activeAnswer(latest.current)) return;
      const answer = newAnswer(newRequestId(), model);
      const next = retryTurn(latest.current, turnId, answer);
      latest.current = next;
      dispatch({ type: 'retry', turnId, answer });
      start(turnId, next, answer);
    },
    [start],
  );

  const cancel = useCallback((requestId: string) => {
    void parley()
      .cancelChat({ requestId })
      .then((result) => {
        // Main no longer knows the request: end it here so the UI cannot stay stuck.
        if (result.ok && !result.value.cancelled) {
          dispatch({ type: 'event', event: { type: 'stopped', requestId, partial: false } });
        }
      });
  }, []);

  const retryNow = useCallback((requestId: string) => {
    void parley().retryNow({ requestId });
  }, []);

  return { conversation, active: activeAnswer(conversation), send, retry, cancel, retryNow };
}
