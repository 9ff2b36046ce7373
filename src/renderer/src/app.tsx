import { useCallback, useState, type ReactNode } from 'react';
import type { KeyStatus } from '../../shared/ipc';
import { ChatScreen } from './components/chat-screen';
import { ParleyMark } from './components/icons';
import type { KeySaved } from './components/key-form';
import { OnboardingScreen } from './components/onboarding-screen';
import { useAppStatus } from './hooks/use-app-status';
import { useChat } from './hooks/use-chat';
import { useKeyStatus } from './hooks/use-key-status';
import { noticesAfterSave, type KeyNotice } from './lib/key-text';
import { errorText } from './lib/parley';

/**
 * Chooses the screen: onboarding until there is a key, then the chat. The
 * conversation and status live here, above both, so removing and re-adding
 * a key in Settings does not throw the conversation away.
 */
export function App(): ReactNode {
  const keys = useKeyStatus();
  const status = useAppStatus();
  const chat = useChat();
  const [notices, setNotices] = useState<readonly KeyNotice[]>([]);
  const { update } = keys;

  const onKeySaved = useCallback(
    (saved: KeySaved) => {
      update(saved.status);
      setNotices(noticesAfterSave(saved.status, saved.verified));
    },
    [update],
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
  if (!keys.status.hasKey) {
    return <OnboardingScreen status={keys.status} onSaved={onKeySaved} />;
  }
  return (
    <ChatScreen
      chat={chat}
      status={status}
      keyStatus={keys.status}
      keyNotices={notices}
      onDismissNotice={dismiss}
      onKeySaved={onKeySaved}
      onKeyRemoved={onKeyRemoved}
    />
  );
}
