import { appError, fail, ok, type Result } from '../../shared/app-error';
import type { ConversationSummary, ExportedFile } from '../../shared/history';
import type { AppServices } from '../services/app-services';
import { backupDate, toHistoryAppError } from '../services/history';
import type { IpcHandlers } from './handlers';

type HistoryMethods =
  | 'sendMessage'
  | 'retryAnswer'
  | 'listConversations'
  | 'getConversation'
  | 'renameConversation'
  | 'setPinned'
  | 'setArchived'
  | 'deleteConversation'
  | 'restoreConversation'
  | 'searchHistory'
  | 'exportConversation'
  | 'exportAll'
  | 'importArchive'
  | 'getHistoryStatus'
  | 'restoreNewestBackup'
  | 'dismissHistoryRecovery';

const gone = () => fail<never>(appError('not-found', 'That conversation no longer exists.'));

/**
 * A file name from a title: readable, and safe on every file system. Marks
 * (\p{M}) stay: without them Hindi or Thai names lose their vowels.
 */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .replace(/[^\p{L}\p{M}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${base || 'conversation'}.${extension}`;
}

/** History and history-backed chat, as IPC handlers. Storage failures come back as values. */
export function createHistoryHandlers(s: AppServices): Pick<IpcHandlers, HistoryMethods> {
  const summary = (id: string): Result<ConversationSummary> => {
    const found = s.history.getConversation(id);
    if (!found) return gone();
    const { turns: _turns, ...rest } = found;
    return ok(rest);
  };
  const guarded =
    <A extends unknown[], T>(fn: (...args: A) => Promise<Result<T>>) =>
    async (...args: A): Promise<Result<T>> => {
      try {
        return await fn(...args);
      } catch (error) {
        s.log.error('history operation failed', {
          error: error instanceof Error ? error.message : 'unknown',
        });
        return fail(toHistoryAppError(error));
      }
    };

  return {
    sendMessage: guarded(async (req) => s.session.send(req)),
    retryAnswer: guarded(async (req) => s.session.retry(req)),
    listConversations: guarded(async (req) =>
      ok(
        s.history.listConversations(
          Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)),
        ),
      ),
    ),
    getConversation: guarded(async ({ id, lastTurns }) => {
      const found = s.history.getConversation(id, lastTurns === undefined ? {} : { lastTurns });
      return found ? ok(found) : gone();
    }),
    renameConversation: guarded(async ({ id, title }) =>
      s.history.renameConversation(id, title) ? summary(id) : gone(),
    ),
    setPinned: guarded(async ({ id, pinned }) =>
      s.history.setPinned(id, pinned) ? summary(id) : gone(),
    ),
    setArchived: guarded(async ({ id, archived }) =>
      s.history.setArchived(id, archived) ? summary(id) : gone(),
    ),
    deleteConversation: guarded(async ({ id }) => {
      const deleted = s.history.deleteConversation(id);
      if (!deleted) return gone();
      s.session.stopIn(id);
      return ok(deleted);
    }),
    restoreConversation: guarded(async ({ id }) =>
      s.history.restoreConversation(id) ? summary(id) : gone(),
    ),
    searchHistory: guarded(async ({ query, limit }) =>
      ok(s.history.searchEverywhere(query, limit === undefined ? {} : { limit })),
    ),
    exportConversation: guarded(async ({ id, format }) => {
      const found = s.history.getConversation(id);
      if (!found) return gone();
      const file: ExportedFile =
        format === 'markdown'
          ? {
              fileName: fileNameFor(found.title, 'md'),
              mimeType: 'text/markdown',
              content: s.history.exportConversationMarkdown(id) ?? '',
            }
          : {
              fileName: fileNameFor(found.title, 'json'),
              mimeType: 'application/json',
              content: JSON.stringify(s.history.exportConversationJson(id), null, 2),
            };
      return ok(file);
    }),
    exportAll: guarded(async () => {
      const day = new Date().toISOString().slice(0, 10);
      const files = s.history.exportAllFiles();
      return ok(
        files.map((content, i) => ({
          fileName:
            files.length === 1
              ? `parley-history-${day}.json`
              : `parley-history-${day}-part-${i + 1}-of-${files.length}.json`,
          mimeType: 'application/json',
          content,
        })),
      );
    }),
    importArchive: guarded(async ({ content }) => {
      await s.backups.backupNow();
      const result = s.history.importArchive(content);
      if (!result.ok) return result;
      const { imported, skipped, merged } = result.value;
      return ok({
        importedConversations: imported.conversations,
        importedMessages: imported.messages,
        skippedConversations: skipped.conversations,
        skippedMessages: skipped.messages,
        mergedMessages: merged.messages,
      });
    }),
    getHistoryStatus: guarded(async () =>
      ok({ recovery: s.history.recovery, interruptedAtOpen: s.history.interruptedAtOpen }),
    ),
    restoreNewestBackup: guarded(async () => {
      // The answer would go on saving into a history that no longer has it.
      if (s.engine.activeCount() > 0) {
        return fail(
          appError(
            'invalid-input',
            'Claude is still answering. Stop the answer or let it finish, then restore the backup.',
          ),
        );
      }
      const newest = s.history.recovery?.newestBackup ?? s.backups.list()[0]?.path ?? null;
      if (!newest) return fail(appError('not-found', 'There is no backup to restore.'));
      const restored = s.history.restoreBackup(newest);
      if (!restored.ok) return restored;
      const { kept, replacedMovedTo } = restored.value;
      return ok({
        recovery: s.history.recovery,
        interruptedAtOpen: 0,
        backupDate: backupDate(newest) ?? '',
        keptConversations: kept.conversations,
        unkeptConversations: kept.failed,
        replacedMovedTo,
      });
    }),
    dismissHistoryRecovery: guarded(async () => {
      s.history.dismissRecovery();
      return ok({ recovery: null, interruptedAtOpen: s.history.interruptedAtOpen });
    }),
  };
}
