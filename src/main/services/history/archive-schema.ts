import { z } from 'zod';
import { appErrorKinds } from '../../../shared/app-error';
import { MAX_ARCHIVE_BYTES } from '../../../shared/history';
import { maxTitleLength } from './conversation-repo';
import { messageStatuses } from './history-types';
import { maxMessageChars } from './message-repo';

/**
 * The archive format, `parley-archive` v1, and the strict schema an import
 * must pass before anything is written. An archive is a file from anywhere,
 * so every field is typed, bounded and closed (unknown keys are errors), and
 * the cross-references an INSERT would trust (ids, replyTo) are checked here.
 */

export const archiveFormat = 'parley-archive';
export const archiveVersion = 1;

export const archiveLimits = {
  maxBytes: MAX_ARCHIVE_BYTES,
  maxConversations: 100_000,
  maxMessagesPerConversation: 100_000,
  maxMessagesTotal: 2_000_000,
  maxBlocks: 64,
};

const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');
const time = z.iso.datetime({ message: 'must be an ISO date-time' });
const model = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'is not a model id');

const textBlock = z.strictObject({
  type: z.literal('text'),
  text: z.string().max(maxMessageChars),
});

const usage = z.strictObject({
  inputTokens: z.number().int().min(0).max(1e9),
  outputTokens: z.number().int().min(0).max(1e9),
});

const storedError = z.strictObject({
  kind: z.enum(appErrorKinds),
  message: z.string().max(2000),
  status: z.number().int().min(100).max(599).optional(),
  requestId: z.string().max(200).optional(),
  retryable: z.boolean(),
  partial: z.boolean().optional(),
});

const archiveMessage = z
  .strictObject({
    id,
    role: z.enum(['user', 'assistant']),
    replyTo: id.nullable(),
    attempt: z.number().int().min(1).max(10_000),
    content: z.array(textBlock).min(1).max(archiveLimits.maxBlocks),
    status: z.enum(messageStatuses),
    stopReason: z
      .string()
      .regex(/^[a-z_]{1,64}$/, 'is not a stop reason')
      .nullable(),
    error: storedError.nullable(),
    usage: usage.nullable(),
    model: model.nullable(),
    apiRequestId: z
      .string()
      .max(200)
      .regex(/^[\w-]+$/, 'is not a request id')
      .nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .refine((m) => (m.role === 'user') === (m.replyTo === null), {
    message: 'user messages have no replyTo; answers must have one',
  });

const archiveConversation = z
  .strictObject({
    id,
    title: z.string().max(maxTitleLength),
    model: model.nullable(),
    createdAt: time,
    updatedAt: time,
    pinned: z.boolean(),
    archived: z.boolean(),
    messages: z.array(archiveMessage).max(archiveLimits.maxMessagesPerConversation),
  })
  .superRefine((conversation, ctx) => {
    const users = new Set<string>();
    const attempts = new Set<string>();
    conversation.messages.forEach((message, index) => {
      if (message.role === 'user') {
        users.add(message.id);
        return;
      }
      if (!users.has(message.replyTo ?? '')) {
        ctx.addIssue({
          code: 'custom',
          path: ['messages', index, 'replyTo'],
          message: 'must name an earlier user message of the same conversation',
        });
      }
      const key = `${message.replyTo}#${message.attempt}`;
      if (attempts.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['messages', index, 'attempt'],
          message: 'is used twice for the same question',
        });
      }
      attempts.add(key);
    });
  });

export const archiveSchema = z
  .strictObject({
    format: z.literal(archiveFormat),
    version: z.literal(archiveVersion),
    exportedAt: time,
    conversations: z.array(archiveConversation).max(archiveLimits.maxConversations),
  })
  .superRefine((archive, ctx) => {
    const conversationIds = new Set<string>();
    const messageIds = new Set<string>();
    let total = 0;
    archive.conversations.forEach((conversation, ci) => {
      if (conversationIds.has(conversation.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['conversations', ci, 'id'],
          message: 'is duplicated',
        });
      }
      conversationIds.add(conversation.id);
      conversation.messages.forEach((message, mi) => {
        if (messageIds.has(message.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['conversations', ci, 'messages', mi, 'id'],
            message: 'is duplicated',
          });
        }
        messageIds.add(message.id);
      });
      total += conversation.messages.length;
    });
    if (total > archiveLimits.maxMessagesTotal) {
      ctx.addIssue({ code: 'custom', path: ['conversations'], message: 'holds too many messages' });
    }
  });

export type ParleyArchive = z.infer<typeof archiveSchema>;
export type ArchiveConversation = ParleyArchive['conversations'][number];
export type ArchiveMessage = ArchiveConversation['messages'][number];
