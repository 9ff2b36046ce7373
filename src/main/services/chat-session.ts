import { appError, fail, ok, type Result } from '../../shared/app-error';
import type { ChatEvent, ChatMessage, LiveAnswer } from '../../shared/ipc';
import type { ChatEngine, StreamObserver } from './chat-engine';
import type { Clock } from './clock';
import { createAnswerRecorder, type AnswerRecorder } from './history/answer-recorder';
import { generateTitle } from './history/generate-title';
import type { HistoryStore } from './history/history-store';
import type { ConversationSummary, ConversationTurn, StoredMessage } from './history/history-types';
import type { Logger } from './logger';

export interface SentMessage {
  conversation: ConversationSummary;
  userMessage: StoredMessage;
  assistantMessage: StoredMessage;
}

export interface ChatSession {
  /**
   * Commits the user's message (and an empty answer row) before anything
   * goes to the network, then starts the stream. When this resolves ok the
   * composer may be cleared: the text is on disk.
   */
  send(input: {
    requestId: string;
    conversationId: string | null;
    text: string;
    model: string;
  }): Result<SentMessage>;
  /** A new answer attempt for an existing question; never a second copy of the question. */
  retry(input: {
    requestId: string;
    userMessageId: string;
    model: string;
    mode: 'regenerate' | 'continue';
  }): Result<{ assistantMessage: StoredMessage }>;
  /** Feeds the engine's raw progress to the history; pass to `createChatEngine`. */
  observer: StreamObserver;
  /** Called after a conversation's title or order changed because of a stream. */
  onConversationChanged(listener: (conversationId: string) => void): void;
  /** The answers streaming now, each as far as its events have gone (see LiveAnswer). */
  liveAnswers(): LiveAnswer[];
  /**
   * Parley is closing: each answer still streaming keeps what arrived and is
   * left unfinished, so the next start reports it interrupted (and offers
   * Retry and Continue) instead of it reading as stopped by the person. Call
   * before cancelling the streams; their terminal events are then ignored.
   */
  leaveUnfinished(): number;
  /**
   * Stops every answer streaming into a conversation (it was deleted): out
   * of sight, it would go on costing tokens, or retrying, with no Stop to
   * reach. What arrived is kept, for Undo. Returns how many were stopped.
   */
  stopIn(conversationId: string): number;
}

interface Live {
  recorder: AnswerRecorder;
  conversationId: string;
  /** What a window following the answer has been told (its text in `shown`). */
  told: Omit<LiveAnswer, 'text'>;
  shown: string[];
}

/**
 * What a window that follows an answer makes of each of its events (the
 * renderer's reduceAnswer), kept so that a reloaded window can pick it up.
 */
function tell(entry: Live, event: ChatEvent): void {
  const { told } = entry;
  if (event.type === 'delta') {
    entry.shown.push(event.text);
    told.state = 'streaming';
    told.retry = null;
  } else if (event.type === 'started') {
    told.model = event.model;
    told.state = 'streaming';
    told.retry = null;
  } else if (event.type === 'retrying') {
    told.state = 'retrying';
    told.retry = event;
  } else if (event.type === 'waiting-online') {
    told.state = 'waiting-online';
    told.retry = null;
  }
}

/**
 * The request history of the API: each turn's question plus its newest
 * answer that has text, then the question being asked (the last turn).
 * An earlier question that Claude never answered (every attempt failed
 * empty or was cancelled) is left out: the person sees it marked unanswered
 * with its own Retry, and sending it along unasked would resend a message
 * they cancelled, or one the API refused (too large, say) with every later
 * message of the conversation.
 */
export function toApiMessages(turns: readonly ConversationTurn[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  turns.forEach((turn, index) => {
    const answer = [...turn.answers].reverse().find((a) => a.text.trim().length > 0);
    if (index === turns.length - 1) {
      out.push({ role: 'user', content: turn.user.text });
      return;
    }
    if (!answer) return;
    out.push(
      { role: 'user', content: turn.user.text },
      { role: 'assistant', content: answer.text },
    );
  });
  return out;
}

export function createChatSession(deps: {
  store: HistoryStore;
  engine: () => ChatEngine;
  clock: Clock;
  log: Logger;
}): ChatSession {
  const live = new Map<string, Live>();
  const listeners = new Set<(conversationId: string) => void>();
  const changed = (id: string): void => listeners.forEach((l) => l(id));

  const begin = (
    requestId: string,
    assistant: StoredMessage,
    questionId: string,
    prefix: string,
    messages: ChatMessage[],
    model: string,
  ): void => {
    const recorder = createAnswerRecorder({
      store: deps.store,
      messageId: assistant.id,
      clock: deps.clock,
      onError: (error) => deps.log.error('saving answer progress failed', { error: String(error) }),
    });
    if (prefix) recorder.append(prefix);
    live.set(requestId, {
      recorder,
      conversationId: assistant.conversationId,
      told: {
        requestId,
        conversationId: assistant.conversationId,
        messageId: assistant.id,
        questionId,
        attempt: assistant.attempt,
        model,
        state: 'connecting',
        retry: null,
      },
      shown: prefix ? [prefix] : [],
    });
    deps.engine().start({ requestId, model, messages });
  };

  /** Saves the answer's end; returns false for an event that does not end it. */
  const finish = (event: ChatEvent, entry: Live): boolean => {
    if (event.type === 'done') {
      entry.recorder.finish({
        status: 'complete',
        stopReason: event.stopReason,
        usage: event.usage,
        apiRequestId: event.apiRequestId,
      });
    } else if (event.type === 'stopped') {
      entry.recorder.finish({ status: 'stopped' });
    } else if (event.type === 'error') {
      entry.recorder.finish({ status: 'error', error: event.error });
    } else return false;
    return true;
  };

  /**
   * A conversation titled from a question too short to name it ("hi", a code
   * block alone: "New conversation") is titled again from its answer, once
   * that has come: made locally, so free, and only while the title is still
   * the one Parley gave it (a name the person chose is never replaced).
   */
  const retitle = (entry: Live): void => {
    const question = deps.store.getMessage(entry.told.questionId);
    const answer = deps.store.getMessage(entry.told.messageId);
    const conversation = deps.store.getConversationSummary(entry.conversationId);
    if (!question || !answer || !conversation) return;
    if (conversation.title !== generateTitle(question.text)) return;
    const better = generateTitle(question.text, answer.text);
    if (better !== conversation.title) deps.store.renameConversation(conversation.id, better);
  };

  const observer: StreamObserver = {
    onText(requestId, delta) {
      live.get(requestId)?.recorder.append(delta);
    },
    onBlockStop(requestId) {
      live.get(requestId)?.recorder.blockStop();
    },
    onEvent(event) {
      const entry = live.get(event.requestId);
      if (!entry) return;
      tell(entry, event);
      let ended = true;
      try {
        ended = finish(event, entry);
        if (event.type === 'done') retitle(entry);
      } catch (error) {
        deps.log.error('saving the end of an answer failed', { error: String(error) });
      }
      // Ended, even when its end could not be saved (the text saved so far stays, and the
      // next start marks it interrupted): it is no longer streaming, so nobody may follow it.
      if (!ended) return;
      live.delete(event.requestId);
      changed(entry.conversationId);
    },
  };

  return {
    observer,
    onConversationChanged: (listener) => void listeners.add(listener),
    leaveUnfinished() {
      const count = live.size;
      for (const entry of live.values()) entry.recorder.leaveUnfinished();
      live.clear();
      return count;
    },
    stopIn(conversationId) {
      let stopped = 0;
      for (const [requestId, entry] of live) {
        if (entry.conversationId === conversationId && deps.engine().cancel(requestId))
          stopped += 1;
      }
      return stopped;
    },
    liveAnswers: () =>
      [...live.values()].map((entry) => {
        const text = entry.shown.join('');
        entry.shown = text === '' ? [] : [text];
        return { ...entry.told, text };
      }),
    send({ requestId, conversationId, text, model }) {
      if (live.has(requestId))
        return fail(appError('invalid-input', 'That request is already running.'));
      let conversation: ConversationSummary | null;
      let userMessage: StoredMessage;
      let assistantMessage: StoredMessage;
      try {
        conversation = conversationId
          ? deps.store.getConversationSummary(conversationId)
          : deps.store.createConversation({ model, title: generateTitle(text) });
        if (!conversation)
          return fail(appError('not-found', 'That conversation no longer exists.'));
        userMessage = deps.store.addUserMessage(conversation.id, text);
        assistantMessage = deps.store.startAssistantMessage(userMessage.id, model);
      } catch (error) {
        deps.log.error('could not save the message', { error: String(error) });
        return fail(
          appError(
            'storage',
            "Parley couldn't save your message, so it wasn't sent. Your text is still in the box.",
            { retryable: true },
          ),
        );
      }
      const detail = deps.store.getConversation(conversation.id);
      begin(
        requestId,
        assistantMessage,
        userMessage.id,
        '',
        toApiMessages(detail?.turns ?? []),
        model,
      );
      changed(conversation.id);
      // Its summary, not the whole conversation: the window already has the turns it shows.
      const summary = deps.store.getConversationSummary(conversation.id) ?? conversation;
      return ok({ conversation: summary, userMessage, assistantMessage });
    },
    retry({ requestId, userMessageId, model, mode }) {
      if (live.has(requestId))
        return fail(appError('invalid-input', 'That request is already running.'));
      const question = deps.store.getMessage(userMessageId);
      if (!question || question.role !== 'user')
        return fail(appError('not-found', 'That message no longer exists.'));
      const detail = deps.store.getConversation(question.conversationId);
      const index = detail?.turns.findIndex((t) => t.user.id === userMessageId) ?? -1;
      const turn = detail?.turns[index];
      if (!detail || !turn) return fail(appError('not-found', 'That message no longer exists.'));
      const previous = turn.answers[turn.answers.length - 1];
      // The API refuses a prefill that ends in whitespace; the trimmed part streams again.
      const prefix = mode === 'continue' ? (previous?.text ?? '').trimEnd() : '';
      const messages = toApiMessages([
        ...detail.turns.slice(0, index),
        { user: turn.user, answers: [] },
      ]);
      if (prefix) messages.push({ role: 'assistant', content: prefix });
      let assistantMessage: StoredMessage;
      try {
        assistantMessage = deps.store.startAssistantMessage(userMessageId, model);
      } catch (error) {
        deps.log.error('could not start a retry', { error: String(error) });
        return fail(
          appError('storage', "Parley couldn't save the new attempt. Try again.", {
            retryable: true,
          }),
        );
      }
      begin(requestId, assistantMessage, userMessageId, prefix, messages, model);
      changed(detail.id);
      return ok({
        assistantMessage: {
          ...assistantMessage,
          text: prefix,
          content: prefix ? [{ type: 'text', text: prefix }] : [],
        },
      });
    },
  };
}
