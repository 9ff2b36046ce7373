import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { appError, fail, ok, type AppError, type Result } from '../../../shared/app-error';
import {
  awaitingMain,
  chatReducer,
  initialChatModel,
  liveConversationIds,
  type ChatModel,
} from '../chat/chat-state';
import { activeAnswer, isBusy, type Answer, type Conversation } from '../chat/conversation';
import { parley } from '../lib/parley';
import { newRequestId } from '../lib/request-id';
import { whenIdle } from '../lib/when-idle';
import { followAnswerEvents } from './answer-events';

export type RetryMode = 'regenerate' | 'continue';

/** A message to bring into view once its conversation is shown (a search hit). */
export interface MessageFocus {
  messageId: string;
  /** Changes on every request, so opening the same hit twice scrolls twice. */
  nonce: number;
}

export interface ChatState {
  conversation: Conversation;
  /** The answer in flight in the open conversation, if any. */
  active: Answer | undefined;
  /** True while the open conversation's last answer is still being written. */
  busy: boolean;
  loading: boolean;
  /** The older turns of a conversation opened with its newest ones are being read. */
  loadingEarlier: boolean;
  /** Why the conversation could not be opened, or a retry could not start. */
  error: AppError | null;
  dismissError: () => void;
  focus: MessageFocus | null;
  /** Conversations with an answer streaming right now. */
  streaming: ReadonlySet<string>;
  /**
   * Commits the message to history, then streams the answer. Resolves once
   * the text is saved (the composer may clear), with the conversation it went
   * to (new, when none was open), or with the error.
   */
  send: (text: string, model: string) => Promise<Result<{ conversationId: string }>>;
  /** A new attempt at a question; the question itself is never repeated. */
  retry: (turnId: string, model: string, mode: RetryMode) => void;
  /** Stops (or, while it waits, cancels) a request; whatever arrived is kept. */
  cancel: (requestId: string) => void;
  retryNow: (requestId: string) => void;
  open: (id: string, messageId?: string) => void;
  newConversation: () => void;
}

/** The error shown when the older part of a conversation could not be read. */
function earlierFailed(error: AppError): AppError {
  return {
    ...error,
    message: `Only the newest messages of this conversation could be shown: ${error.message} Open it again to retry.`,
  };
}

/**
 * Turns a conversation opens with before the rest is read: more than a
 * screen of the shortest turns (plus the list's overscan) on a tall display.
 */
const NEWEST_TURNS_FIRST = 40;

/**
 * The open conversation and the calls that change it. Messages go through
 * main's history (`sendMessage`, `retryAnswer`), which commits them before
 * any byte leaves; the answer streams back as events keyed by the requestId
 * chosen here.
 */
export function useChat(): ChatState {
  const [state, dispatch] = useReducer(chatReducer, initialChatModel);
  const [loading, setLoading] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [focus, setFocus] = useState<MessageFocus | null>(null);
  // The callbacks read the latest state without being re-created on every delta.
  const latest = useRef<ChatModel>(state);
  const loadSeq = useRef(0);
  // Bumped by every message or attempt added here: a read begun before it is out of date.
  const edits = useRef(0);
  const focusSeq = useRef(0);
  useLayoutEffect(() => {
    latest.current = state;
  });

  // The conversation an explicit open is fetching; quiet reloads never overtake it.
  const pendingOpen = useRef<string | null>(null);
  // The open conversation, to reload quietly once its answer stops streaming.
  const deferredReload = useRef<string | null>(null);

  /**
   * Fetches a conversation. An explicit open that shows the conversation's
   * end (`newestFirst`) asks for its newest turns first and the rest right
   * after: a conversation of thousands of messages is megabytes to read,
   * send and parse, and only its last screen is seen at first.
   */
  const load = useCallback((id: string, quiet: boolean, newestFirst = false) => {
    if (quiet && pendingOpen.current !== null) return;
    const seq = ++loadSeq.current;
    if (!quiet) {
      pendingOpen.current = id;
      setLoading(true);
    }
    const rest = (): void => {
      const editsBefore = edits.current;
      void parley()
        .getConversation({ id })
        .then((result) => {
          if (seq !== loadSeq.current) return;
          // A message sent meanwhile may be missing from this read (its reply can overtake
          // the send's over the browser shell's HTTP bridge): read again.
          if (result.ok && edits.current !== editsBefore) return rest();
          setLoadingEarlier(false);
          if (result.ok) dispatch({ type: 'loaded', detail: result.value });
          else setError(earlierFailed(result.error));
        });
    };
    void parley()
      .getConversation(newestFirst ? { id, lastTurns: NEWEST_TURNS_FIRST } : { id })
      .then((result) => {
        if (seq !== loadSeq.current) return;
        pendingOpen.current = null;
        setLoading(false);
        setLoadingEarlier(false);
        if (!result.ok) {
          // A quiet reload that failed leaves a partly read conversation partly read: say so.
          if (!quiet) setError(result.error);
          else if (latest.current.open.earlierTurns > 0) setError(earlierFailed(result.error));
          return;
        }
        dispatch({ type: 'loaded', detail: result.value });
        if ((result.value.earlierTurns ?? 0) > 0) {
          setLoadingEarlier(true);
          rest();
        }
      });
  }, []);

  useEffect(() => {
    const unsubscribe = followAnswerEvents({
      state: () => latest.current,
      dispatch,
      // A message was saved or an answer settled: show main's version, once no answer of
      // the conversation is streaming here (see deferredReload).
      onHistoryChanged: (conversationId) => {
        if (conversationId !== latest.current.open.id) return;
        if (streamingIn(latest.current)) deferredReload.current = conversationId;
        else load(conversationId, true);
      },
    });
    // Answers main is still streaming (this window was reloaded) come back as events, in
    // order with their deltas, to be followed again: drawn as they arrive, and stoppable.
    void parley().resumeAnswers();
    return unsubscribe;
  }, [load]);

  /**
   * A reload asked for while the open conversation's answer streams waits
   * until it has stopped. Main says the history changed when a message is
   * sent and again just before the answer's last event, so reloading at
   * once read the whole conversation (megabytes, in a long one) as the first
   * words arrived, and competed with drawing them; what it would bring is
   * what this window already shows, while the stream lasts.
   */
  const streamingHere = streamingIn(state);
  useEffect(() => {
    const id = deferredReload.current;
    if (id === null || streamingHere) return undefined;
    deferredReload.current = null;
    // Another conversation was opened meanwhile: that open read it afresh.
    if (id !== state.open.id) return undefined;
    // In idle time: the answer's last text is still waiting for its frame. Left undone (another
    // answer began first), it waits for that one.
    let done = false;
    const cancel = whenIdle(() => {
      done = true;
      load(id, true);
    });
    return () => {
      cancel();
      if (!done) deferredReload.current ??= id;
    };
  }, [streamingHere, state.open.id, load]);

  const send = useCallback(async (text: string, model: string) => {
    const { open } = latest.current;
    if (isBusy(open) || awaitingMain(latest.current, open.id))
      return fail(appError('invalid-input', 'Wait for the answer to finish first.'));
    const requestId = newRequestId();
    dispatch({ type: 'begin', requestId, model, conversationId: open.id, turnId: null });
    const result = await parley().sendMessage({
      requestId,
      conversationId: open.id,
      text,
      model,
    });
    if (!result.ok) {
      dispatch({ type: 'abandon', requestId });
      return fail(result.error);
    }
    edits.current += 1;
    dispatch({ type: 'sent', requestId, originId: open.id, sent: result.value });
    return ok({ conversationId: result.value.conversation.id });
  }, []);

  const retry = useCallback((turnId: string, model: string, mode: RetryMode) => {
    const { open } = latest.current;
    // A double click, or Retry then Continue, before main has answered the first.
    if (isBusy(open) || awaitingMain(latest.current, open.id)) return;
    const requestId = newRequestId();
    setError(null);
    // A search hit that opened this conversation on an attempt would keep the turn on it, and
    // the new attempt would stream out of sight.
    setFocus(null);
    dispatch({ type: 'begin', requestId, model, conversationId: open.id, turnId });
    void parley()
      .retryAnswer({ requestId, userMessageId: turnId, model, mode })
      .then((result) => {
        if (result.ok) {
          edits.current += 1;
          dispatch({ type: 'retried', requestId, assistant: result.value.assistantMessage });
        } else {
          dispatch({ type: 'abandon', requestId });
          setError(result.error);
        }
      });
  }, []);

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

  const open = useCallback(
    (id: string, messageId?: string) => {
      setError(null);
      setFocus(messageId ? { messageId, nonce: ++focusSeq.current } : null);
      if (latest.current.open.id === id) {
        load(id, true);
        return;
      }
      // A search hit may be anywhere in the conversation: that open reads all of it.
      load(id, false, !messageId);
    },
    [load],
  );

  const newConversation = useCallback(() => {
    loadSeq.current++;
    pendingOpen.current = null;
    setLoading(false);
    setLoadingEarlier(false);
    setError(null);
    setFocus(null);
    dispatch({ type: 'new' });
  }, []);

  const dismissError = useCallback(() => setError(null), []);
  // A new Set only when the membership changes, not on every delta.
  const streamingKey = [...liveConversationIds(state)].sort().join(' ');
  const streaming = useMemo(
    () => new Set(streamingKey.split(' ').filter((id) => id.length > 0)),
    [streamingKey],
  );

  return {
    conversation: state.open,
    active: activeAnswer(state.open),
    busy: isBusy(state.open),
    loading,
    loadingEarlier,
    error,
    dismissError,
    focus,
    streaming,
    send,
    retry,
    cancel,
    retryNow,
    open,
    newConversation,
  };
}

/**
 * Whether an answer of the open conversation is in flight, whether placed in
 * it or sent and not yet placed (main has not answered the send, but may
 * already have said the history changed): live requests hold both.
 */
function streamingIn(state: ChatModel): boolean {
  return state.open.id !== null && liveConversationIds(state).has(state.open.id);
}
