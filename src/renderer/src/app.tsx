import { useCallback, useState, type ReactNode } from 'react';
import type { KeyStatus } from '../../shared/ipc';
import { AppHeader } from './components/app-header';
import { AppShell } from './components/app-shell';
import { ChatScreen } from './components/chat-screen';
import { HistoryNotices } from './components/history-notices';
import { ParleyMark } from './components/icons';
import type { KeySaved } from './components/key-form';
import { OnboardingScreen } from './components/onboarding-screen';
import { SettingsDialog } from './components/settings-dialog';
import { Sidebar } from './components/sidebar';
import { useAppStatus } from './hooks/use-app-status';
import { useChat } from './hooks/use-chat';
import { useConversations } from './hooks/use-conversations';
import { useHistoryActions } from './hooks/use-history-actions';
import { restoreSummary, useHistoryStatus, type Restored } from './hooks/use-history-status';
import { useKeyStatus } from './hooks/use-key-status';
import { useModels } from './hooks/use-models';
import { useSidebar } from './hooks/use-sidebar';
import { useToasts } from './hooks/use-toasts';
import { noticesAfterSave, type KeyNotice } from './lib/key-text';
import { errorText } from './lib/parley';

/**
 * Chooses the screen and holds what outlives it: the key status, the
 * history (sidebar, open conversation, toasts) and the app status. Without
 * a key the welcome screen shows; if there is history it shows beside the
 * sidebar, so past conversations can still be read.
 */
export function App(): ReactNode {
  const keys = useKeyStatus();
  const status = useAppStatus();
  const hasKey = keys.status?.hasKey ?? false;
  const models = useModels(hasKey, status.connectivity.online);
  const conversations = useConversations();
  const chat = useChat();
  const toasts = useToasts();
  const history = useHistoryStatus();
  const sidebar = useSidebar();
  const [notices, setNotices] = useState<readonly KeyNotice[]>([]);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { update } = keys;
  const { reload: reloadModels } = models;
  const { open: openChat, newConversation } = chat;
  const { closeIfOverlay } = sidebar;

  const actions = useHistoryActions({
    refresh: conversations.refresh,
    notify: toasts.show,
    openId: chat.conversation.id,
    open: openChat,
    closeOpen: newConversation,
  });

  const onKeySaved = useCallback(
    (saved: KeySaved) => {
      update(saved.status);
      setNotices(noticesAfterSave(saved.status, saved.verified));
      // A new key can open a list the old one could not (it was rejected), or another account's.
      reloadModels();
    },
    [update, reloadModels],
  );
  // Settings may have been open when the key was removed; the chat opens without it.
  const onOnboarded = useCallback(
    (saved: KeySaved) => {
      setSettingsOpen(false);
      onKeySaved(saved);
    },
    [onKeySaved],
  );
  const onKeyRemoved = useCallback(
    (next: KeyStatus) => {
      update(next);
      setNotices([]);
    },
    [update],
  );
  const dismiss = useCallback(
    (id: KeyNotice['id']) => setNotices((list) => list.filter((n) => n.id !== id)),
    [],
  );
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const onOpen = useCallback(
    (id: string, messageId?: string) => {
      openChat(id, messageId);
      closeIfOverlay();
    },
    [openChat, closeIfOverlay],
  );
  const onNew = useCallback(() => {
    newConversation();
    closeIfOverlay();
  }, [newConversation, closeIfOverlay]);
  const { refresh } = conversations;
  const { show } = toasts;
  const onRestored = useCallback(
    (restored: Restored) => {
      refresh();
      show(restoreSummary(restored), restored.unkeptConversations > 0 ? { tone: 'error' } : {});
    },
    [refresh, show],
  );

  if (keys.status === null) {
    return (
      <main className="splash">
        <ParleyMark size={48} />
        {keys.error ? (
          <div className="splash-error" role="alert">
            <p>{errorText(keys.error)}</p>
            <button type="button" className="button" onClick={keys.reload}>
              Try again
            </button>
          </div>
        ) : (
          <p className="visually-hidden" role="status">
            Starting Parley…
          </p>
        )}
      </main>
    );
  }
  const noHistory =
    conversations.items.length === 0 &&
    !conversations.showArchived &&
    !conversations.archivedOnly &&
    history.recovery === null;
  if (!hasKey && noHistory && chat.conversation.id === null) {
    return <OnboardingScreen status={keys.status} onSaved={onOnboarded} />;
  }
  return (
    <>
      <AppShell
        sidebarState={sidebar}
        toasts={toasts}
        header={
          <AppHeader
            models={hasKey ? models : null}
            sidebarOpen={sidebar.open}
            onToggleSidebar={sidebar.toggle}
            onOpenSettings={openSettings}
          />
        }
        notices={<HistoryNotices status={history} onRestored={onRestored} />}
        sidebar={
          <Sidebar
            conversations={conversations}
            activeId={chat.conversation.id}
            streaming={chat.streaming}
            actions={actions}
            searchRef={sidebar.searchRef}
            onOpen={onOpen}
            onNew={onNew}
            onClose={sidebar.close}
          />
        }
      >
        {hasKey || chat.conversation.id !== null ? (
          <ChatScreen
            chat={chat}
            status={status}
            models={models}
            hasKey={hasKey}
            keyNotices={notices}
            onDismissNotice={dismiss}
            onOpenSettings={openSettings}
          />
        ) : (
          <OnboardingScreen status={keys.status} onSaved={onKeySaved} />
        )}
      </AppShell>
      <SettingsDialog
        open={settingsOpen}
        status={keys.status}
        onClose={closeSettings}
        onKeySaved={onKeySaved}
        onKeyRemoved={onKeyRemoved}
      />
    </>
  );
}
