import { useMemo } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { ConversationSummary } from '../../../shared/history';
import { saveFile } from '../lib/download';
import { importEach } from '../lib/import-files';
import { focusWhenListed } from './use-list-focus';
import { plural } from '../lib/format-date';
import { errorText, parley } from '../lib/parley';
import type { ToastsState } from './use-toasts';

export interface HistoryActions {
  /** Resolves with the error to show next to the field, or null when saved. */
  rename: (id: string, title: string) => Promise<AppError | null>;
  setPinned: (conversation: ConversationSummary, pinned: boolean) => void;
  setArchived: (conversation: ConversationSummary, archived: boolean) => void;
  remove: (conversation: ConversationSummary) => void;
  exportConversation: (conversation: ConversationSummary, format: 'markdown' | 'json') => void;
  exportAll: () => void;
  /** One archive or several (the parts of a large export), one after another. */
  importFiles: (files: File[]) => void;
}

/** "“Trip to Lisbon”", shortened so a toast stays one line. */
function quoted(title: string): string {
  // By code point: a cut inside an emoji would show as "�".
  const chars = Array.from(title);
  return `“${chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : title}”`;
}

export function importSummary(imported: number, skipped: number, merged: number): string {
  const added = merged > 0 ? `, and ${plural(merged, 'new message')} into ones already here` : '';
  return `Imported ${plural(imported, 'conversation')}${added} (${skipped} skipped as duplicates)`;
}

/**
 * The sidebar's verbs over main's history. Each reads the list again when
 * it is done, says what happened in a toast, and offers Undo where a change
 * hides a conversation (delete, archive).
 */
export function useHistoryActions(deps: {
  refresh: () => void;
  notify: ToastsState['show'];
  openId: string | null;
  open: (id: string) => void;
  closeOpen: () => void;
}): HistoryActions {
  const { refresh, notify, openId, open, closeOpen } = deps;
  return useMemo(() => {
    const failed = (error: AppError): void => notify(errorText(error), { tone: 'error' });
    const api = parley();

    const setArchived = (conversation: ConversationSummary, archived: boolean): void => {
      void api.setArchived({ id: conversation.id, archived }).then((result) => {
        refresh();
        if (!result.ok) return failed(result.error);
        if (archived) {
          notify(`Archived ${quoted(conversation.title)}`, {
            action: {
              label: 'Undo',
              run: () => {
                focusWhenListed(conversation.id);
                setArchived(conversation, false);
              },
            },
          });
        }
      });
    };

    return {
      async rename(id, title) {
        const result = await api.renameConversation({ id, title });
        refresh();
        if (!result.ok) return result.error;
        if (id === openId) open(id);
        return null;
      },
      setPinned(conversation, pinned) {
        void api.setPinned({ id: conversation.id, pinned }).then((result) => {
          refresh();
          if (!result.ok) failed(result.error);
        });
      },
      setArchived,
      remove(conversation) {
        const wasOpen = conversation.id === openId;
        void api.deleteConversation({ id: conversation.id }).then((result) => {
          refresh();
          if (!result.ok) return failed(result.error);
          if (wasOpen) closeOpen();
          notify(`Deleted ${quoted(conversation.title)}`, {
            action: {
              label: 'Undo',
              run: () => {
                focusWhenListed(conversation.id);
                void api.restoreConversation({ id: conversation.id }).then((restored) => {
                  refresh();
                  if (!restored.ok) return failed(restored.error);
                  if (wasOpen) open(conversation.id);
                });
              },
            },
          });
        });
      },
      exportConversation(conversation, format) {
        void api.exportConversation({ id: conversation.id, format }).then((result) => {
          if (result.ok) saveFile(result.value);
          else failed(result.error);
        });
      },
      exportAll() {
        void api.exportAll().then((result) => {
          if (!result.ok) return failed(result.error);
          for (const file of result.value) saveFile(file);
          if (result.value.length > 1) {
            notify(
              `Your history was saved as ${result.value.length} files, each small enough to import. Import them all to bring it back.`,
            );
          }
        });
      },
      importFiles(files) {
        void importEach(files, (content) => api.importArchive({ content })).then((outcome) => {
          refresh();
          for (const { file, error } of outcome.failures) {
            notify(files.length > 1 ? `${file}: ${errorText(error)}` : errorText(error), {
              tone: 'error',
            });
          }
          const { imported, skipped, merged, files: done } = outcome.counts;
          if (done > 0) notify(importSummary(imported, skipped, merged));
        });
      },
    };
  }, [refresh, notify, openId, open, closeOpen]);
}
