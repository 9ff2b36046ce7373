import { z } from 'zod';
import type { Result } from './app-error';
import { channels, type ChannelMethod } from './ipc-channels';
import {
  MAX_ARCHIVE_BYTES,
  tooLargeToImport,
  type ConversationDetail,
  type ConversationSummary,
  type ExportedFile,
  type HistoryStatus,
  type SearchHit,
  type StoredMessage,
} from './history';
import { MAX_MESSAGE_CHARS, MAX_QUERY_CHARS } from './limits';
import type { ParleyEvent } from './ipc-events';
import type { RateLimitSnapshot } from './rate-limit';

export { EVENT_CHANNEL } from './ipc-channels';
export type * from './ipc-events';

/**
 * Schema messages written for the person, which the router passes on as
 * they are. Every other failed check is a bug or a hostile page, and reads
 * as one ("Invalid request (field): ...").
 */
const plainMessages = new Set<string>();

function plain(message: string): string {
  plainMessages.add(message);
  return message;
}

export function isPlainMessage(message: string): boolean {
  return plainMessages.has(message);
}

const messageTooLong = `This message is too long to send: Parley sends up to ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters at a time.`;
const queryTooLong = `Search for at most ${MAX_QUERY_CHARS} characters.`;

/**
 * THE contract between main and renderer. Every invoke channel names its
 * request schema here; main validates each payload against it before any
 * service sees it, and the preload API, the main-side handler signatures and
 * the browser-shell bridge are all derived from this one table.
 */

const requestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8-64 URL-safe characters');

const modelId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/);

export const chatMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(2_000_000),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

const empty = z.object({}).strict();

const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id');

export const invokeContract = {
  getKeyStatus: { channel: channels.getKeyStatus, request: empty },
  /** The key travels renderer -> main once, when typed; it never travels back. */
  setKey: {
    channel: channels.setKey,
    request: z
      .object({ key: z.string().trim().min(8, 'That key is too short.').max(512) })
      .strict(),
  },
  removeKey: { channel: channels.removeKey, request: empty },
  listModels: { channel: channels.listModels, request: empty },
  getSettings: { channel: channels.getSettings, request: empty },
  setDefaultModel: {
    channel: channels.setDefaultModel,
    request: z.object({ model: modelId }).strict(),
  },
  cancelChat: { channel: channels.cancelChat, request: z.object({ requestId }).strict() },
  retryNow: { channel: channels.retryNow, request: z.object({ requestId }).strict() },
  /**
   * Main sends an `answer-resumed` event for every answer it is still
   * streaming: a window that was reloaded follows them again from there.
   */
  resumeAnswers: { channel: channels.resumeAnswers, request: empty },
  reportOsOnline: {
    channel: channels.reportOsOnline,
    request: z.object({ online: z.boolean() }).strict(),
  },
  getStatus: { channel: channels.getStatus, request: empty },
  openExternal: {
    channel: channels.openExternal,
    request: z.object({ url: z.string().min(1).max(4096) }).strict(),
  },
  /** The text is committed to history before this resolves; only then may the composer clear. */
  sendMessage: {
    channel: channels.sendMessage,
    request: z
      .object({
        requestId,
        conversationId: recordId.nullable(),
        text: z
          .string()
          .max(MAX_MESSAGE_CHARS, plain(messageTooLong))
          .refine((t) => t.trim().length > 0, plain('The message is empty.')),
        model: modelId,
      })
      .strict(),
  },
  retryAnswer: {
    channel: channels.retryAnswer,
    request: z
      .object({
        requestId,
        userMessageId: recordId,
        model: modelId,
        mode: z.enum(['regenerate', 'continue']),
      })
      .strict(),
  },
  listConversations: {
    channel: channels.listConversations,
    request: z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
        includeArchived: z.boolean().optional(),
      })
      .strict(),
  },
  getConversation: {
    channel: channels.getConversation,
    request: z
      .object({
        id: recordId,
        /** Only the newest turns: a long conversation opens with them, the rest follows. */
        lastTurns: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  },
  renameConversation: {
    channel: channels.renameConversation,
    request: z
      .object({
        id: recordId,
        title: z
          .string()
          .trim()
          .max(200, plain('A title can be at most 200 characters.'))
          // Invisible characters alone (a zero-width space) would leave a blank, nameless row.
          .refine((t) => /[^\s\p{Cc}\p{Cf}]/u.test(t), plain('A title cannot be empty.')),
      })
      .strict(),
  },
  setPinned: {
    channel: channels.setPinned,
    request: z.object({ id: recordId, pinned: z.boolean() }).strict(),
  },
  setArchived: {
    channel: channels.setArchived,
    request: z.object({ id: recordId, archived: z.boolean() }).strict(),
  },
  deleteConversation: {
    channel: channels.deleteConversation,
    request: z.object({ id: recordId }).strict(),
  },
  restoreConversation: {
    channel: channels.restoreConversation,
    request: z.object({ id: recordId }).strict(),
  },
  searchHistory: {
    channel: channels.searchHistory,
    request: z
      .object({
        query: z.string().max(MAX_QUERY_CHARS, plain(queryTooLong)),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  },
  exportConversation: {
    channel: channels.exportConversation,
    request: z.object({ id: recordId, format: z.enum(['markdown', 'json']) }).strict(),
  },
  exportAll: { channel: channels.exportAll, request: empty },
  importArchive: {
    channel: channels.importArchive,
    request: z
      .object({
        content: z
          .string()
          .min(1, plain('That file is empty.'))
          .max(MAX_ARCHIVE_BYTES, plain(tooLargeToImport())),
      })
      .strict(),
  },
  getHistoryStatus: { channel: channels.getHistoryStatus, request: empty },
  restoreNewestBackup: { channel: channels.restoreNewestBackup, request: empty },
  dismissHistoryRecovery: { channel: channels.dismissHistoryRecovery, request: empty },
} as const satisfies Record<ChannelMethod, { channel: string; request: z.ZodType }>;

export type InvokeContract = typeof invokeContract;
export type InvokeMethod = keyof InvokeContract;
export type InvokeChannel = InvokeContract[InvokeMethod]['channel'];
export type InvokeRequest<M extends InvokeMethod> = z.input<InvokeContract[M]['request']>;
export type ParsedRequest<M extends InvokeMethod> = z.output<InvokeContract[M]['request']>;

export type KeySource = 'keychain' | 'session' | 'environment';

export interface KeyStatus {
  hasKey: boolean;
  source: KeySource | null;
  /** The last four characters, for recognising the key; never more. */
  hint: string | null;
  /** False when no OS keychain answered; a new key is then kept for this session only. */
  keychainAvailable: boolean;
}

export interface ModelSummary {
  id: string;
  displayName: string;
  lifecycle: 'active' | 'deprecated' | 'retired';
  createdAt: string;
  /** The longest answer the model can write, in tokens (null when the API did not say). */
  maxOutputTokens: number | null;
}

export interface Settings {
  defaultModel: string | null;
}

export interface Connectivity {
  online: boolean;
  /** Why we think we are offline: the OS said so, or requests could not connect. */
  cause: 'os' | 'connection' | null;
}

export interface AppStatus {
  connectivity: Connectivity;
  rateLimit: RateLimitSnapshot | null;
}

/** What each invoke method answers with, inside `Result`. */
export interface InvokeResponses {
  getKeyStatus: KeyStatus;
  setKey: { status: KeyStatus; verified: boolean };
  removeKey: KeyStatus;
  listModels: ModelSummary[];
  getSettings: Settings;
  setDefaultModel: Settings;
  cancelChat: { cancelled: boolean };
  retryNow: { woken: boolean };
  resumeAnswers: { resumed: number };
  reportOsOnline: Connectivity;
  getStatus: AppStatus;
  openExternal: { opened: boolean };
  sendMessage: {
    conversation: ConversationSummary;
    userMessage: StoredMessage;
    assistantMessage: StoredMessage;
  };
  retryAnswer: { assistantMessage: StoredMessage };
  listConversations: ConversationSummary[];
  getConversation: ConversationDetail;
  renameConversation: ConversationSummary;
  setPinned: ConversationSummary;
  setArchived: ConversationSummary;
  deleteConversation: { conversationId: string; deletedAt: number };
  restoreConversation: ConversationSummary;
  searchHistory: SearchHit[];
  exportConversation: ExportedFile;
  /** One file, or several when the history is larger than one import takes. */
  exportAll: ExportedFile[];
  importArchive: {
    importedConversations: number;
    importedMessages: number;
    skippedConversations: number;
    skippedMessages: number;
    /** New messages added to conversations that were already here. */
    mergedMessages: number;
  };
  getHistoryStatus: HistoryStatus;
  restoreNewestBackup: HistoryStatus & {
    /** The restored backup's day, YYYY-MM-DD (UTC). */
    backupDate: string;
    /** Conversations of the replaced history merged into the restored one. */
    keptConversations: number;
    /** Those that could not be: they stay, with the replaced history, in `replacedMovedTo`. */
    unkeptConversations: number;
    replacedMovedTo: string | null;
  };
  dismissHistoryRecovery: HistoryStatus;
}

type ArgsOf<M extends InvokeMethod> =
  Record<string, never> extends InvokeRequest<M>
    ? [request?: InvokeRequest<M>]
    : [request: InvokeRequest<M>];

/** The whole of `window.parley`: named methods from the contract, plus one listener. */
export type ParleyApi = {
  [M in InvokeMethod]: (...args: ArgsOf<M>) => Promise<Result<InvokeResponses[M]>>;
} & {
  /** Returns the function that unsubscribes. */
  onEvent: (listener: (event: ParleyEvent) => void) => () => void;
};

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return Object.values(invokeContract).some((entry) => entry.channel === channel);
}

export function methodForChannel(channel: InvokeChannel): InvokeMethod {
  const found = Object.entries(invokeContract).find(([, entry]) => entry.channel === channel);
  if (!found) throw new Error(`unknown channel ${channel}`);
  return found[0] as InvokeMethod;
}
