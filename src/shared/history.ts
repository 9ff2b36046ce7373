import type { AppError } from './app-error';
import type { Usage } from './ipc';

/**
 * The history shapes both sides see. Plain serializable objects: the store
 * hands them out and IPC passes them to the renderer unchanged.
 */

export const messageStatuses = [
  'pending',
  'streaming',
  'complete',
  'stopped',
  'interrupted',
  'error',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export type MessageRole = 'user' | 'assistant';

/** Content is stored as Anthropic-style blocks so later block types fit in. */
export interface TextBlock {
  type: 'text';
  text: string;
}
export type ContentBlock = TextBlock;

export interface StoredMessage {
  id: string;
  conversationId: string;
  role: MessageRole;
  /** For an answer: the user message it answers. Null for user messages. */
  replyTo: string | null;
  /** 1 for the first answer to a user message, 2 after one regenerate, ... */
  attempt: number;
  content: ContentBlock[];
  /** The text blocks joined, for display and export. */
  text: string;
  status: MessageStatus;
  stopReason: string | null;
  error: AppError | null;
  usage: Usage | null;
  model: string | null;
  apiRequestId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationSummary {
  id: string;
  title: string;
  model: string | null;
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
  archived: boolean;
  /** The start of the newest message's text, for the sidebar. */
  preview: string;
}

/** A user message with every answer attempt; the UI shows the last one by default. */
export interface ConversationTurn {
  user: StoredMessage;
  /** Ordered by attempt, oldest first. */
  answers: StoredMessage[];
}

export interface ConversationDetail extends ConversationSummary {
  turns: ConversationTurn[];
  /**
   * How many older turns were left out because only the newest were asked
   * for (`lastTurns`); absent when `turns` is the whole conversation.
   */
  earlierTurns?: number;
}

/** Snippet text split into runs; `match` marks the words the query hit. Never HTML. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

/**
 * A message that matched, or (`messageId` null) a conversation whose title
 * did: then `snippet` is the title with the match marked, and `createdAt`
 * when the conversation last changed.
 */
export interface SearchHit {
  conversationId: string;
  messageId: string | null;
  title: string;
  role: MessageRole | null;
  createdAt: number;
  snippet: SnippetSegment[];
  /** bm25 score; lower is better, as SQLite reports it (0 for a title). */
  score: number;
}

export interface RecoveryReport {
  /** The folder the damaged database and its -wal/-shm were moved into. */
  movedTo: string;
  /** The newest backup the user may restore, or null when there is none. */
  newestBackup: string | null;
  /** What SQLite said, for the log and the details view. */
  reason: string;
}

export interface HistoryStatus {
  recovery: RecoveryReport | null;
  /** Answers found unfinished at start (now `interrupted`), so the UI can say so once. */
  interruptedAtOpen: number;
}

/**
 * The largest archive file an import takes, in UTF-8 bytes (and so at most
 * as many characters). "Export all" writes files no larger, so every export
 * imports again.
 */
export const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

/** Why an archive was refused for its size, in main and (before reading it) in the renderer. */
export function tooLargeToImport(maxBytes: number = MAX_ARCHIVE_BYTES): string {
  const mb = Math.max(1, Math.floor(maxBytes / (1024 * 1024)));
  return `That file is too large to import: archives of up to ${mb} MB are accepted (Parley’s own “Export all” writes files within that size).`;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
}
