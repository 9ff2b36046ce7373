import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConversationRepo } from './conversation-repo';
import { HistoryError } from './history-error';
import { messageColumns, textBlocks, textOf, toMessage, type MessageRow } from './history-rows';
import type { Clock, ConversationTurn, FinishAnswerInput, StoredMessage } from './history-types';
import { searchTextOf } from './search-text';

/**
 * Message writes, each its own short transaction so what returned is on disk
 * (WAL + synchronous=FULL). The write rules carry the persistence invariants:
 * an answer only reaches a final status through `finish`, and once final it
 * can no longer be overwritten by a late progress save.
 */

export const maxMessageChars = 2_000_000;

export function createMessageRepo(
  db: Database.Database,
  clock: Clock,
  conversations: ConversationRepo,
) {
  const byId = db.prepare<[string], MessageRow>(
    `SELECT ${messageColumns} FROM messages WHERE id = ?`,
  );
  const byConversation = db.prepare<[string], MessageRow>(
    `SELECT ${messageColumns} FROM messages WHERE conversation_id = ? ORDER BY n`,
  );
  // An answer is always written after its question, so the newest questions' answers all
  // come after the first of them (with, at most, retries of older questions, which toTurns drops).
  const firstOfNewestQuestions = db.prepare<[string, number], { first: number | null }>(
    `SELECT min(n) AS first FROM (SELECT n FROM messages
       WHERE conversation_id = ? AND role = 'user' ORDER BY n DESC LIMIT ?)`,
  );
  const fromMessage = db.prepare<[string, number], MessageRow>(
    `SELECT ${messageColumns} FROM messages WHERE conversation_id = ? AND n >= ? ORDER BY n`,
  );
  const questionsBefore = db.prepare<[string, number], { count: number }>(
    `SELECT count(*) AS count FROM messages WHERE conversation_id = ? AND role = 'user' AND n < ?`,
  );
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, role, reply_to, attempt, content, status, model,
       search_text, created_at, updated_at)
     VALUES (@id, @conversationId, @role, @replyTo, @attempt, @content, @status, @model,
       @searchText, @now, @now)`,
  );
  const nextAttempt = db.prepare<[string], { next: number }>(
    `SELECT coalesce(max(attempt), 0) + 1 AS next FROM messages WHERE reply_to = ?`,
  );
  const progress = db.prepare(
    `UPDATE messages SET content = ?, status = 'streaming', updated_at = ?
      WHERE id = ? AND status IN ('pending', 'streaming')`,
  );
  const settle = db.prepare(
    `UPDATE messages SET content = @content, search_text = @searchText, status = @status,
       stop_reason = @stopReason, usage = @usage, api_request_id = @apiRequestId, error = @error,
       updated_at = @now
     WHERE id = @id AND status IN ('pending', 'streaming')`,
  );
  const unfinished = db.prepare<[], MessageRow>(
    `SELECT ${messageColumns} FROM messages WHERE status IN ('pending', 'streaming')`,
  );
  const interrupt = db.prepare(
    `UPDATE messages SET status = 'interrupted', search_text = ?, updated_at = ? WHERE n = ?`,
  );

  function get(id: string): StoredMessage | null {
    const row = byId.get(id);
    return row ? toMessage(row) : null;
  }

  function mustGet(id: string): StoredMessage {
    const message = get(id);
    if (!message) throw new HistoryError('storage', 'A message was not saved.');
    return message;
  }

  function checkLength(text: string): void {
    if (text.length > maxMessageChars) {
      throw new HistoryError('too-large', 'That message is too long to save.');
    }
  }

  const addUser = db.transaction((conversationId: string, text: string): string => {
    conversations.require(conversationId);
    const id = randomUUID();
    const now = clock.now();
    insert.run({
      id,
      conversationId,
      role: 'user',
      replyTo: null,
      attempt: 1,
      content: JSON.stringify(textBlocks(text)),
      status: 'complete',
      model: null,
      searchText: searchTextOf(text),
      now,
    });
    conversations.reopen(conversationId, now);
    return id;
  });

  const startAnswer = db.transaction((replyTo: string, model: string): string => {
    const question = get(replyTo);
    if (!question || question.role !== 'user') {
      throw new HistoryError('not-found', 'The message being answered no longer exists.');
    }
    conversations.require(question.conversationId);
    const id = randomUUID();
    insert.run({
      id,
      conversationId: question.conversationId,
      role: 'assistant',
      replyTo,
      attempt: nextAttempt.get(replyTo)?.next ?? 1,
      content: JSON.stringify(textBlocks('')),
      status: 'pending',
      model,
      searchText: '',
      now: clock.now(),
    });
    return id;
  });

  const finish = db.transaction((id: string, input: FinishAnswerInput): boolean => {
    const current = get(id);
    if (!current || current.role !== 'assistant') return false;
    const text = input.text ?? current.text;
    checkLength(text);
    const now = clock.now();
    const changed = settle.run({
      id,
      content: JSON.stringify(textBlocks(text)),
      searchText: searchTextOf(text),
      status: input.status,
      stopReason: input.stopReason ?? null,
      usage: input.usage ? JSON.stringify(input.usage) : null,
      apiRequestId: input.apiRequestId ?? null,
      error: input.error ? JSON.stringify(input.error) : null,
      now,
    }).changes;
    if (changed === 1) conversations.touch(current.conversationId, now);
    return changed === 1;
  });

  const interruptAll = db.transaction((): number => {
    const rows = unfinished.all();
    const now = clock.now();
    for (const row of rows) interrupt.run(searchTextOf(textOf(toMessage(row).content)), now, row.n);
    return rows.length;
  });

  return {
    get,

    /** Committed in its own transaction before returning: the request may leave after this. */
    addUser(conversationId: string, text: string): StoredMessage {
      checkLength(text);
      return mustGet(addUser.immediate(conversationId, text));
    },

    /** A new attempt at answering `replyTo`; earlier attempts stay as they are. */
    startAnswer(replyTo: string, model: string): StoredMessage {
      return mustGet(startAnswer.immediate(replyTo, model));
    },

    /** Saves the text so far; false once the answer has settled (a late save is ignored). */
    saveProgress(id: string, fullTextSoFar: string): boolean {
      checkLength(fullTextSoFar);
      const content = JSON.stringify(textBlocks(fullTextSoFar));
      return progress.run(content, clock.now(), id).changes === 1;
    },

    finish(id: string, input: FinishAnswerInput): boolean {
      return finish.immediate(id, input);
    },

    /** Answers left pending/streaming by a crash or quit become 'interrupted'. */
    markUnfinishedInterrupted(): number {
      return interruptAll.immediate();
    },

    listForConversation(conversationId: string): StoredMessage[] {
      return byConversation.all(conversationId).map(toMessage);
    },

    /**
     * The newest `count` turns, and how many older ones there are: what a
     * long conversation needs to open without reading (and sending) all of it.
     */
    newestTurns(
      conversationId: string,
      count: number,
    ): { turns: ConversationTurn[]; earlierTurns: number } {
      const first = firstOfNewestQuestions.get(conversationId, count)?.first ?? null;
      if (first === null) return { turns: [], earlierTurns: 0 };
      return {
        turns: toTurns(fromMessage.all(conversationId, first).map(toMessage)),
        earlierTurns: questionsBefore.get(conversationId, first)?.count ?? 0,
      };
    },
  };
}

/** Groups messages into turns: each user message with its answer attempts in order. */
export function toTurns(messages: readonly StoredMessage[]): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  const byUserId = new Map<string, ConversationTurn>();
  for (const message of messages) {
    if (message.role === 'user') {
      const turn: ConversationTurn = { user: message, answers: [] };
      turns.push(turn);
      byUserId.set(message.id, turn);
    } else if (message.replyTo !== null) {
      byUserId.get(message.replyTo)?.answers.push(message);
    }
  }
  for (const turn of turns) turn.answers.sort((a, b) => a.attempt - b.attempt);
  return turns;
}

export type MessageRepo = ReturnType<typeof createMessageRepo>;
