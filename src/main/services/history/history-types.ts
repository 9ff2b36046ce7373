import type { AppError } from '../../../shared/app-error';
import type { Usage } from '../../../shared/ipc';
import type { MessageStatus } from '../../../shared/history';

export {
  messageStatuses,
  type ContentBlock,
  type ConversationDetail,
  type ConversationSummary,
  type ConversationTurn,
  type MessageRole,
  type MessageStatus,
  type RecoveryReport,
  type SearchHit,
  type SnippetSegment,
  type StoredMessage,
  type TextBlock,
} from '../../../shared/history';

/**
 * The shapes the history store hands out. They are plain serializable objects
 * so the IPC layer can pass them to the renderer without conversion.
 */

/** The states an answer can settle in; only `finishAssistantMessage` reaches them. */
export type FinalStatus = 'complete' | 'stopped' | 'interrupted' | 'error';

/** Statuses of an answer that is still being written by a live stream. */
export const unfinishedStatuses: readonly MessageStatus[] = ['pending', 'streaming'];

export interface ListConversationsOptions {
  limit?: number;
  offset?: number;
  includeArchived?: boolean;
}

export interface FinishAnswerInput {
  status: FinalStatus;
  /** The whole answer text; when given it replaces what progress saves wrote. */
  text?: string;
  stopReason?: string | null;
  usage?: Usage | null;
  apiRequestId?: string | null;
  error?: AppError | null;
}

export interface DeletedConversation {
  conversationId: string;
  deletedAt: number;
}

export interface SearchOptions {
  limit?: number;
  includeArchived?: boolean;
}

export interface Clock {
  now(): number;
}

export interface HistoryLog {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}
