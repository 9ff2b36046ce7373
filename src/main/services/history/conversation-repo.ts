import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { HistoryError } from './history-error';
import { conversationColumns, toConversation, type ConversationRow } from './history-rows';
import type {
  Clock,
  ConversationSummary,
  DeletedConversation,
  ListConversationsOptions,
} from './history-types';
import { titleSearchOf } from './title-search';

/**
 * Conversation rows: the sidebar list, titles, pin/archive flags and the
 * soft delete that gives the user an undo before anything is purged.
 */

export const maxTitleLength = 200;
export const defaultTitle = 'New conversation';

/**
 * One line of visible text: control and format characters (a zero-width
 * space that would leave the row blank and nameless, a right-to-left
 * override that reorders what follows, a bell) count as spaces, except the
 * zero-width joiner that holds an emoji sequence together. Cut by code point,
 * never inside a surrogate pair.
 */
export function cleanTitle(title: string): string {
  const flat = title
    .replace(/(?!\u200d)[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length === 0) return defaultTitle;
  return Array.from(flat).slice(0, maxTitleLength).join('').trimEnd();
}

export function createConversationRepo(db: Database.Database, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO conversations (id, title, title_search, model, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], ConversationRow>(
    `SELECT ${conversationColumns} FROM conversations AS c WHERE c.id = ? AND c.deleted_at IS NULL`,
  );
  const list = db.prepare<[number, number, number], ConversationRow>(
    `SELECT ${conversationColumns} FROM conversations AS c
      WHERE c.deleted_at IS NULL AND (c.archived = 0 OR ?)
      ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?`,
  );
  // A new title is not new activity: the conversation keeps its place and its day in the list.
  const setTitle = db.prepare(
    `UPDATE conversations SET title = ?, title_search = ? WHERE id = ? AND deleted_at IS NULL`,
  );
  const setFlag = {
    pinned: db.prepare(`UPDATE conversations SET pinned = ? WHERE id = ? AND deleted_at IS NULL`),
    archived: db.prepare(
      `UPDATE conversations SET archived = ? WHERE id = ? AND deleted_at IS NULL`,
    ),
  };
  const softDelete = db.prepare(
    `UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`,
  );
  const undelete = db.prepare(
    `UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`,
  );
  const purge = db.prepare(
    `DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?`,
  );
  const countAll = db.prepare<[], { count: number }>(`SELECT count(*) AS count FROM conversations`);
  const touch = db.prepare(`UPDATE conversations SET updated_at = ? WHERE id = ?`);
  const unarchive = db.prepare(`UPDATE conversations SET archived = 0 WHERE id = ?`);

  function get(id: string): ConversationSummary | null {
    const row = byId.get(id);
    return row ? toConversation(row) : null;
  }

  return {
    create(input: { title?: string; model?: string | null } = {}): ConversationSummary {
      const id = randomUUID();
      const now = clock.now();
      const title = cleanTitle(input.title ?? defaultTitle);
      insert.run(id, title, titleSearchOf(title), input.model ?? null, now, now);
      const row = byId.get(id);
      if (!row) throw new HistoryError('storage', 'The new conversation was not saved.');
      return toConversation(row);
    },

    get,

    /** Throws unless the conversation exists and is not in the bin. */
    require(id: string): ConversationSummary {
      const found = get(id);
      if (!found) throw new HistoryError('not-found', 'That conversation no longer exists.');
      return found;
    },

    list(options: ListConversationsOptions = {}): ConversationSummary[] {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
      const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
      return list.all(options.includeArchived ? 1 : 0, limit, offset).map(toConversation);
    },

    rename(id: string, title: string): boolean {
      const clean = cleanTitle(title);
      return setTitle.run(clean, titleSearchOf(clean), id).changes === 1;
    },

    setFlag(flag: 'pinned' | 'archived', id: string, value: boolean): boolean {
      return setFlag[flag].run(value ? 1 : 0, id).changes === 1;
    },

    softDelete(id: string): DeletedConversation | null {
      const deletedAt = clock.now();
      return softDelete.run(deletedAt, id).changes === 1 ? { conversationId: id, deletedAt } : null;
    },

    restore(id: string): boolean {
      return undelete.run(id).changes === 1;
    },

    /** Permanently removes conversations deleted at least `olderThanMs` ago. */
    purgeDeleted(olderThanMs: number): number {
      return purge.run(clock.now() - Math.max(olderThanMs, 0)).changes;
    },

    /** Every row, deleted or not: "is there anything here worth keeping?" */
    countAll(): number {
      return countAll.get()?.count ?? 0;
    },

    /**
     * Someone wrote in it again: it is in use, so an archived conversation
     * comes back to the list (else the one being written in has no row).
     */
    reopen(id: string, at: number): void {
      touch.run(at, id);
      unarchive.run(id);
    },
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
  };
}

export type ConversationRepo = ReturnType<typeof createConversationRepo>;
