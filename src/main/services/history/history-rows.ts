import type { AppError } from '../../../shared/app-error';
import type { Usage } from '../../../shared/ipc';
import type {
  ContentBlock,
  ConversationSummary,
  MessageRole,
  MessageStatus,
  StoredMessage,
} from './history-types';

/**
 * Row <-> object mapping in one place, so the SQL column names appear in the
 * repositories and nowhere in the callers.
 */

export interface ConversationRow {
  id: string;
  title: string;
  model: string | null;
  created_at: number;
  updated_at: number;
  pinned: number;
  archived: number;
  preview: string | null;
}

export interface MessageRow {
  n: number;
  id: string;
  conversation_id: string;
  role: string;
  reply_to: string | null;
  attempt: number;
  content: string;
  status: string;
  stop_reason: string | null;
  error: string | null;
  usage: string | null;
  model: string | null;
  api_request_id: string | null;
  created_at: number;
  updated_at: number;
}

export const messageColumns = `n, id, conversation_id, role, reply_to, attempt, content, status,
  stop_reason, error, usage, model, api_request_id, created_at, updated_at`;

/** The newest message's text start, for the sidebar. json is cheap on one row. */
export const conversationColumns = `c.id, c.title, c.model, c.created_at, c.updated_at, c.pinned,
  c.archived, (SELECT substr(m.content ->> '$[0].text', 1, 160) FROM messages AS m
    WHERE m.conversation_id = c.id ORDER BY m.n DESC LIMIT 1) AS preview`;

export function textOf(content: readonly ContentBlock[]): string {
  return content
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

export function textBlocks(text: string): ContentBlock[] {
  return [{ type: 'text', text }];
}

export function toConversation(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pinned: row.pinned === 1,
    archived: row.archived === 1,
    preview: (row.preview ?? '').replace(/\s+/g, ' ').trim(),
  };
}

function parseJson<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}

export function toMessage(row: MessageRow): StoredMessage {
  const content = JSON.parse(row.content) as ContentBlock[];
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role as MessageRole,
    replyTo: row.reply_to,
    attempt: row.attempt,
    content,
    text: textOf(content),
    status: row.status as MessageStatus,
    stopReason: row.stop_reason,
    error: parseJson<AppError>(row.error),
    usage: parseJson<Usage>(row.usage),
    model: row.model,
    apiRequestId: row.api_request_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
