import type { ChatEvent, InvokeResponses, LiveAnswer } from '../../../shared/ipc';
import type { ConversationDetail, StoredMessage } from '../../../shared/history';
import {
  emptyConversation,
  isInFlight,
  newAnswer,
  reduceAnswer,
  replaceAnswer,
  type Answer,
  type Conversation,
} from './conversation';
import { conversationFromDetail } from './from-history';
import { chunksToText, textToChunks } from './text-chunks';

/**
 * The chat's state: the conversation on screen, and every request this
 * window started that is still streaming, whichever conversation it belongs
 * to. Events arrive by requestId, possibly before main has said which stored
 * message they fill, so each request keeps its own copy of the answer; the
 * open conversation shows that copy once the ids are known.
 */

export interface LiveRequest {
  requestId: string;
  /** The conversation the answer belongs to; null while a new one is being created. */
  conversationId: string | null;
  /** The question being answered, once known. */
  turnId: string | null;
  answer: Answer;
  /** True once main answered the invoke with the stored ids. */
  resolved: boolean;
}

export interface ChatModel {
  open: Conversation;
  live: ReadonlyMap<string, LiveRequest>;
}

export const initialChatModel: ChatModel = { open: emptyConversation, live: new Map() };

export type ChatAction =
  | { type: 'event'; event: ChatEvent }
  | {
      type: 'begin';
      requestId: string;
      model: string;
      conversationId: string | null;
      turnId: string | null;
    }
  | {
      type: 'sent';
      requestId: string;
      originId: string | null;
      sent: InvokeResponses['sendMessage'];
    }
  | { type: 'retried'; requestId: string; assistant: StoredMessage }
  | { type: 'abandon'; requestId: string }
  | { type: 'resumed'; answer: LiveAnswer }
  | { type: 'loaded'; detail: ConversationDetail }
  | { type: 'new' };

export function chatReducer(state: ChatModel, action: ChatAction): ChatModel {
  switch (action.type) {
    case 'event':
      return onEvent(state, action.event);
    case 'begin': {
      const live = new Map(state.live);
      live.set(action.requestId, {
        requestId: action.requestId,
        conversationId: action.conversationId,
        turnId: action.turnId,
        answer: newAnswer(action.requestId, action.model),
        resolved: false,
      });
      return { ...state, live };
    }
    case 'sent':
      return onSent(state, action);
    case 'retried':
      return onRetried(state, action.requestId, action.assistant);
    case 'abandon': {
      if (!state.live.has(action.requestId)) return state;
      const live = new Map(state.live);
      live.delete(action.requestId);
      return { ...state, live };
    }
    case 'resumed':
      return onResumed(state, action.answer);
    case 'loaded':
      return {
        ...state,
        open: conversationFromDetail(action.detail, liveAnswers(state), state.open),
      };
    case 'new':
      return { ...state, open: emptyConversation };
  }
}

/** The answers being streamed, by stored message id. */
export function liveAnswers(state: ChatModel): Map<string, Answer> {
  const out = new Map<string, Answer>();
  for (const entry of state.live.values()) {
    if (entry.resolved) out.set(entry.answer.id, entry.answer);
  }
  return out;
}

/**
 * A send or retry in this conversation that main has not answered yet. The
 * conversation does not show it (main has not said where it goes), so a
 * second click meanwhile would start a second answer: double the cost, one
 * of them out of reach of Stop.
 */
export function awaitingMain(state: ChatModel, conversationId: string | null): boolean {
  for (const entry of state.live.values()) {
    if (!entry.resolved && entry.conversationId === conversationId) return true;
  }
  return false;
}

/** Conversations with an answer streaming right now, for the sidebar. */
export function liveConversationIds(state: ChatModel): Set<string> {
  const out = new Set<string>();
  for (const entry of state.live.values()) {
    if (entry.conversationId !== null && isInFlight(entry.answer)) out.add(entry.conversationId);
  }
  return out;
}

function onEvent(state: ChatModel, event: ChatEvent): ChatModel {
  const entry = state.live.get(event.requestId);
  if (!entry) return state;
  const answer = reduceAnswer(entry.answer, event);
  if (answer === entry.answer) return state;
  const live = new Map(state.live);
  // An unresolved request keeps its copy until main says where it goes.
  if (entry.resolved && !isInFlight(answer)) live.delete(event.requestId);
  else live.set(event.requestId, { ...entry, answer });
  const open = answerOnScreen(state, event.requestId)
    ? replaceAnswer(state.open, event.requestId, () => answer)
    : state.open;
  return { open, live };
}

/**
 * Whether a request's answer is drawn in the open conversation: main has
 * said where it goes, and it goes there. Until then it is kept in `live` only.
 */
export function answerOnScreen(state: ChatModel, requestId: string): boolean {
  const entry = state.live.get(requestId);
  return entry !== undefined && entry.resolved && entry.conversationId === state.open.id;
}

/** Settles a request's ids; the answer then leaves `live` if it already ended. */
function settle(state: ChatModel, entry: LiveRequest): ReadonlyMap<string, LiveRequest> {
  const live = new Map(state.live);
  if (isInFlight(entry.answer)) live.set(entry.requestId, entry);
  else live.delete(entry.requestId);
  return live;
}

/**
 * Puts `answer` into its turn: in place of a stored copy with the same id
 * (a reload got there first), else as the newest attempt.
 */
function placeAnswer(open: Conversation, turnId: string, answer: Answer): Conversation {
  return {
    ...open,
    turns: open.turns.map((turn) => {
      if (turn.id !== turnId) return turn;
      const index = turn.answers.findIndex((a) => a.id === answer.id);
      if (index < 0) return { ...turn, answers: [...turn.answers, answer] };
      const answers = turn.answers.slice();
      answers[index] = answer;
      return { ...turn, answers };
    }),
  };
}

function onSent(state: ChatModel, action: Extract<ChatAction, { type: 'sent' }>): ChatModel {
  const entry = state.live.get(action.requestId);
  if (!entry) return state;
  const { conversation, userMessage, assistantMessage } = action.sent;
  const answer: Answer = {
    ...entry.answer,
    id: assistantMessage.id,
    attempt: assistantMessage.attempt,
  };
  const resolved: LiveRequest = {
    ...entry,
    conversationId: conversation.id,
    turnId: userMessage.id,
    answer,
    resolved: true,
  };
  let open = state.open;
  // Only when the person is still looking at the conversation they sent from.
  if (open.id === action.originId || open.id === conversation.id) {
    open = { ...open, id: conversation.id, title: conversation.title };
    open = open.turns.some((t) => t.id === userMessage.id)
      ? placeAnswer(open, userMessage.id, answer)
      : {
          ...open,
          turns: [
            ...open.turns,
            { id: userMessage.id, userText: userMessage.text, answers: [answer] },
          ],
        };
  }
  return { open, live: settle(state, resolved) };
}

function onRetried(state: ChatModel, requestId: string, assistant: StoredMessage): ChatModel {
  const entry = state.live.get(requestId);
  if (!entry) return state;
  // For "continue", the stored text is the kept prefix; deltas that came early follow it.
  const text = assistant.text + chunksToText(entry.answer.chunks);
  const answer: Answer = {
    ...entry.answer,
    id: assistant.id,
    attempt: assistant.attempt,
    chunks: textToChunks(text),
  };
  const resolved: LiveRequest = {
    ...entry,
    conversationId: assistant.conversationId,
    turnId: assistant.replyTo,
    answer,
    resolved: true,
  };
  const open =
    state.open.id === assistant.conversationId && assistant.replyTo !== null
      ? placeAnswer(state.open, assistant.replyTo, answer)
      : state.open;
  return { open, live: settle(state, resolved) };
}

/**
 * An answer main is still streaming that this window does not follow (the
 * window was reloaded): followed from where its events have gone, in place
 * of its stored copy, which lags by up to a save interval and cannot be
 * stopped. One this window already follows is left as it is.
 */
function onResumed(state: ChatModel, resumed: LiveAnswer): ChatModel {
  if (state.live.has(resumed.requestId)) return state;
  const base: Answer = {
    ...newAnswer(resumed.requestId, resumed.model),
    id: resumed.messageId,
    attempt: resumed.attempt,
    chunks: textToChunks(resumed.text),
    status: resumed.state === 'connecting' ? 'sending' : resumed.state,
  };
  // The wait it announced, as that event made it.
  const answer = resumed.retry ? reduceAnswer(base, resumed.retry) : base;
  const live = new Map(state.live);
  live.set(resumed.requestId, {
    requestId: resumed.requestId,
    conversationId: resumed.conversationId,
    turnId: resumed.questionId,
    answer,
    resolved: true,
  });
  const open =
    state.open.id === resumed.conversationId
      ? placeAnswer(state.open, resumed.questionId, answer)
      : state.open;
  return { open, live };
}
