import type Database from 'better-sqlite3';
import { appError, fail, ok, type Result } from '../../../shared/app-error';
import { tooLargeToImport } from '../../../shared/history';
import {
  archiveLimits,
  archiveSchema,
  type ArchiveConversation,
  type ArchiveMessage,
} from './archive-schema';
import { cleanTitle } from './conversation-repo';
import { titleSearchOf } from './title-search';
import { textOf } from './history-rows';
import { searchTextOf } from './search-text';

/**
 * Importing an archive merges it into the history without ever overwriting:
 * a conversation or message whose id already exists is skipped and counted
 * (a conversation in the bin is brought back, with what it had).
 * Validation happens before the first write and the writes happen in one
 * transaction, so a rejected or failing import changes nothing.
 */

export interface ImportCounts {
  /** Conversations new here (or back from the bin), and every message added. */
  imported: { conversations: number; messages: number };
  skipped: { conversations: number; messages: number };
  /** Of the messages added, those that went into a conversation already shown here. */
  merged: { messages: number };
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

function invalid(message: string): Result<never> {
  return fail(appError('invalid-input', message));
}

/** JSON.parse that refuses prototype-pollution keys anywhere in the tree. */
function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (forbiddenKeys.has(key)) throw new SyntaxError(`forbidden key "${key}"`);
      return v;
    });
    return { value };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unreadable';
    return {
      error: detail.startsWith('forbidden key')
        ? `it contains a ${detail}`
        : 'it is not valid JSON',
    };
  }
}

export function createArchiveImporter(db: Database.Database) {
  const existing = db.prepare<[string], { deleted: number }>(
    `SELECT deleted_at IS NOT NULL AS deleted FROM conversations WHERE id = ?`,
  );
  // A conversation deleted here (in the bin until purged) that the archive still has.
  const restore = db.prepare(`UPDATE conversations SET deleted_at = NULL WHERE id = ?`);
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, title, title_search, model, created_at, updated_at, pinned,
       archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const messageOwner = db.prepare<[string], { conversation_id: string; role: string }>(
    `SELECT conversation_id, role FROM messages WHERE id = ?`,
  );
  const attemptTaken = db.prepare<[string, number], { one: number }>(
    `SELECT 1 AS one FROM messages WHERE reply_to = ? AND attempt = ?`,
  );
  const nextAttempt = db.prepare<[string], { next: number }>(
    `SELECT coalesce(max(attempt), 0) + 1 AS next FROM messages WHERE reply_to = ?`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, role, reply_to, attempt, content, status,
       stop_reason, error, usage, model, api_request_id, search_text, created_at, updated_at)
     VALUES (@id, @conversationId, @role, @replyTo, @attempt, @content, @status, @stopReason,
       @error, @usage, @model, @apiRequestId, @searchText, @createdAt, @updatedAt)`,
  );

  /** False when the message cannot be attached safely (its question lives elsewhere). */
  function insert(conversationId: string, message: ArchiveMessage): boolean {
    let attempt = message.attempt;
    if (message.replyTo !== null) {
      const question = messageOwner.get(message.replyTo);
      if (!question || question.role !== 'user' || question.conversation_id !== conversationId) {
        return false;
      }
      if (attemptTaken.get(message.replyTo, attempt))
        attempt = nextAttempt.get(message.replyTo)?.next ?? attempt;
    }
    // Nothing is streaming into an imported answer.
    const status =
      message.status === 'pending' || message.status === 'streaming'
        ? 'interrupted'
        : message.status;
    insertMessage.run({
      id: message.id,
      conversationId,
      role: message.role,
      replyTo: message.replyTo,
      attempt,
      content: JSON.stringify(message.content),
      status,
      stopReason: message.stopReason,
      error: message.error ? JSON.stringify(message.error) : null,
      usage: message.usage ? JSON.stringify(message.usage) : null,
      model: message.model,
      apiRequestId: message.apiRequestId,
      searchText: searchTextOf(textOf(message.content)),
      createdAt: Date.parse(message.createdAt),
      updatedAt: Date.parse(message.updatedAt),
    });
    return true;
  }

  const merge = db.transaction((conversations: ArchiveConversation[]): ImportCounts => {
    const counts: ImportCounts = {
      imported: { conversations: 0, messages: 0 },
      skipped: { conversations: 0, messages: 0 },
      merged: { messages: 0 },
    };
    for (const conversation of conversations) {
      const found = existing.get(conversation.id);
      const shown = found !== undefined && !found.deleted;
      if (shown) {
        counts.skipped.conversations += 1;
      } else if (found) {
        // Importing an export of it is asking for it back.
        restore.run(conversation.id);
        counts.imported.conversations += 1;
      } else {
        const title = cleanTitle(conversation.title);
        insertConversation.run(
          conversation.id,
          title,
          titleSearchOf(title),
          conversation.model,
          Date.parse(conversation.createdAt),
          Date.parse(conversation.updatedAt),
          conversation.pinned ? 1 : 0,
          conversation.archived ? 1 : 0,
        );
        counts.imported.conversations += 1;
      }
      for (const message of conversation.messages) {
        const added = !messageOwner.get(message.id) && insert(conversation.id, message);
        if (added) counts.imported.messages += 1;
        else counts.skipped.messages += 1;
        if (added && shown) counts.merged.messages += 1;
      }
    }
    return counts;
  });

  return function importArchive(
    jsonText: unknown,
    maxBytes: number = archiveLimits.maxBytes,
  ): Result<ImportCounts> {
    if (typeof jsonText !== 'string') return invalid('That archive could not be read.');
    // In UTF-8 bytes, as the file was measured (never fewer than its characters, checked first).
    if (jsonText.length > maxBytes || Buffer.byteLength(jsonText) > maxBytes) {
      return fail(appError('too-large', tooLargeToImport(maxBytes)));
    }
    const parsed = parseJson(jsonText);
    if ('error' in parsed) return invalid(`That file is not a Parley archive: ${parsed.error}.`);
    const checked = archiveSchema.safeParse(parsed.value);
    if (!checked.success) {
      const issues = checked.error.issues.slice(0, 3).map((issue) => {
        const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'archive';
        return `${where}: ${issue.message}`;
      });
      return invalid(`That file is not a valid Parley archive (${issues.join('; ')}).`);
    }
    try {
      return ok(merge.immediate(checked.data.conversations));
    } catch {
      return fail(
        appError('storage', 'The import failed; nothing was changed.', { retryable: true }),
      );
    }
  };
}
