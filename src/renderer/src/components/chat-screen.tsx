import { useCallback, useState, type ReactNode } from 'react';
import type { AppStatus, KeyStatus } from '../../../shared/ipc';
import type { ChatState } from '../hooks/use-chat';
import { useModels } from '../hooks/use-models';
import type { KeyNotice } from '../lib/key-text';
import { AppHeader } from './app-header';
import { BannerStack } from './banner-stack';
import { Composer } from './composer';
import type { KeySaved } from './key-form';
import { MessageList } from './message-list';
import { SettingsDialog } from './settings-dialog';

/**
 * The main window once a key exists: header, banners, the conversation and
 * the composer, top to bottom, which is also the tab order.
 */
export function ChatScreen({
  chat,
  status,
  keyStatus,
  keyNotices,
  onDismissNotice,
  onKeySaved,
  onKeyRemoved,
}: {
  chat: ChatState;
  status: AppStatus;
  keyStatus: KeyStatus;
  keyNotices: readonly KeyNotice[];
  onDismissNotice: (id: KeyNotice['id']) => void;
  onKeySaved: (saved: KeySaved) => void;
  onKeyRemoved: (status: KeyStatus) => void;
}): ReactNode {
  const models = useModels(true, status.connectivity.online);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { active, send, retry, cancel, retryNow } = chat;
  const selected = models.selected;

  const modelList = models.models;
  const modelName = useCallback(
    (id: string) => modelList.find((m) => m.id === id)?.displayName ?? id,
    [modelList],
  );
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const onSend = useCallback(
    (text: string) => {
      if (selected !== null) send(text, selected);
    },
    [send, selected],
  );
  const onRetry = useCallback(
    (turnId: string) => {
      if (selected !== null) retry(turnId, selected);
    },
    [retry, selected],
  );
  const onStop = useCallback(() => {
    if (active) cancel(active.requestId);
  }, [active, cancel]);

  const disabledReason =
    selected !== null
      ? null
      : models.error
        ? `Couldn’t load the list of models: ${models.error.message}`
        : 'Loading models…';

  return (
    <div className="chat-screen">
      <AppHeader models={models} onOpenSettings={openSettings} />
      <BannerStack
        status={status}
        active={active}
        keyNotices={keyNotices}
        onRetryNow={retryNow}
        onCancel={cancel}
        onDismissNotice={onDismissNotice}
      />
      <main className="chat-main">
        <MessageList
          conversation={chat.conversation}
          busy={active !== undefined}
          modelName={modelName}
          onRetry={onRetry}
          onCancel={cancel}
          onOpenSettings={openSettings}
        />
        <Composer
          busy={active !== undefined}
          disabledReason={disabledReason}
          onSend={onSend}
          onStop={onStop}
        />
      </main>
      <SettingsDialog
        open={settingsOpen}
        status={keyStatus}
        onClose={closeSettings}
        onKeySaved={onKeySaved}
        onKeyRemoved={onKeyRemoved}
      />
    </div>
  );
}
