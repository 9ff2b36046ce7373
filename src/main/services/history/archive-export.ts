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

/** What one archive file may hold for an import to take it (see archiveLimits). */
export interface ArchiveFileLimits {
  maxBytes: number;
  maxConversations: number;
  maxMessages: number;
}

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

    /**
     * The whole history as archive texts (compact JSON), split between
     * conversations so each file stays within what an import takes: one
     * file until the history outgrows it. A history read as one string
     * would also stop at V8's longest string (~512 MiB). A conversation
     * larger than a whole file on its own still gets one file, which the
     * import then refuses by its size, saying why.
     */
    allFiles: db.transaction((limits: ArchiveFileLimits): string[] => {
      // The archive's own JSON up to its conversations, so each file is exactly JSON.stringify's.
      const head = JSON.stringify(wrap([])).slice(0, -2);
      const tail = ']}';
      const files: string[] = [];
      const empty = Buffer.byteLength(head) + tail.length;
      let entries: string[] = [];
      let bytes = empty;
      let messageCount = 0;
      const close = (): void => {
        files.push(`${head}${entries.join(',')}${tail}`);
        entries = [];
        bytes = empty;
        messageCount = 0;
      };
      for (const row of allConversations.all()) {
        const entry = toEntry(row);
        const text = JSON.stringify(entry);
        const textBytes = Buffer.byteLength(text);
        // The comma before it, once the file holds another.
        const full =
          bytes + textBytes + 1 > limits.maxBytes ||
          entries.length + 1 > limits.maxConversations ||
          messageCount + entry.messages.length > limits.maxMessages;
        if (full && entries.length > 0) close();
        bytes += textBytes + (entries.length > 0 ? 1 : 0);
        messageCount += entry.messages.length;
        entries.push(text);
      }
      if (entries.length > 0 || files.length === 0) close();
      return files;
    }),

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
