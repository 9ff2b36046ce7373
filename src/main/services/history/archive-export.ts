import type Database from 'better-sqlite3';
import {
  archiveFormat,
  archiveVersion,
  type ArchiveConversation,
  type ArchiveMessage,
  type ParleyArchive,
} from './archive-schema';
import { messageColumns, toMessage, type ConversationRow, type MessageRow } from './history-rows';
import type { StoredMessage } from './history-types';
import { toTurns } from './message-repo';

/**
 * Export to the archive format (lossless: every attempt, status and usage,
 * re-importable) and to Markdown (for reading: the answer shown in the app).
 * Conversations in the bin are not exported.
 */

type ExportConversationRow = Omit<ConversationRow, 'preview'>;

const iso = (ms: number): string => new Date(ms).toISOString();

function toArchiveMessage(message: StoredMessage): ArchiveMessage {
  return {
    id: message.id,
    role: message.role,
    replyTo: message.replyTo,
    attempt: message.attempt,
    content: message.content.map((block) => ({ type: block.type, text: block.text })),
    status: message.status,
    stopReason: message.stopReason,
    error: message.error,
    usage: message.usage,
    model: message.model,
    apiRequestId: message.apiRequestId,
    createdAt: iso(message.createdAt),
    updatedAt: iso(message.updatedAt),
  };
}

export function createArchiveExporter(db: Database.Database, now: () => number) {
  const conversation = db.prepare<[string], ExportConversationRow>(
    `SELECT id, title, model, created_at, updated_at, pinned, archived
       FROM conversations WHERE id = ? AND deleted_at IS NULL`,
  );
  const allConversations = db.prepare<[], ExportConversationRow>(
    `SELECT id, title, model, created_at, updated_at, pinned, archived
       FROM conversations WHERE deleted_at IS NULL ORDER BY created_at, id`,
  );
  const messages = db.prepare<[string], MessageRow>(
    `SELECT ${messageColumns} FROM messages WHERE conversation_id = ? ORDER BY n`,
  );

  function toEntry(row: ExportConversationRow): ArchiveConversation {
    return {
      id: row.id,
      title: row.title,
      model: row.model,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      pinned: row.pinned === 1,
      archived: row.archived === 1,
      messages: messages.all(row.id).map((m) => toArchiveMessage(toMessage(m))),
    };
  }

  function wrap(conversations: ArchiveConversation[]): ParleyArchive {
    return {
      format: archiveFormat,
      version: archiveVersion,
      exportedAt: iso(now()),
      conversations,
    };
  }

  return {
    /** One conversation as an archive, so it imports like a full export. */
    conversationJson(id: string): ParleyArchive | null {
      const row = conversation.get(id);
      return row ? wrap([toEntry(row)]) : null;
    },

    /** Read in one transaction so the archive is a consistent snapshot. */
    all: db.transaction((): ParleyArchive => wrap(allConversations.all().map(toEntry))),

    conversationMarkdown(id: string): string | null {
      const row = conversation.get(id);
      if (!row) return null;
      const turns = toTurns(messages.all(id).map(toMessage));
      const lines = [
        `# ${row.title}`,
        '',
        `_Exported from Parley on ${iso(now()).slice(0, 10)}_`,
        '',
      ];
      for (const turn of turns) {
        lines.push('## You', '', turn.user.text, '');
        const shown = turn.answers[turn.answers.length - 1];
        if (!shown) continue;
        const notes = [shown.model, shown.status === 'complete' ? null : shown.status];
        if (turn.answers.length > 1)
          notes.push(`attempt ${shown.attempt} of ${turn.answers.length}`);
        const note = notes.filter((n): n is string => n !== null).join(', ');
        lines.push(note ? `## Claude (${note})` : '## Claude', '', shown.text, '');
      }
      return `${lines.join('\n').trimEnd()}\n`;
    },
  };
}
