import { useCallback, useRef, type ReactNode } from 'react';
import { appError, fail, type Result } from '../../../shared/app-error';
import type { AppStatus } from '../../../shared/ipc';
import type { ChatState, RetryMode } from '../hooks/use-chat';
import type { ModelsState } from '../hooks/use-models';
import { NEW_CONVERSATION_DRAFT } from '../lib/drafts';
import type { KeyNotice } from '../lib/key-text';
import { errorText } from '../lib/parley';
import { AnswerAnnouncer } from './answer-announcer';
import { Banner } from './banner';
import { BannerStack } from './banner-stack';
import { Composer } from './composer';
import { AlertIcon, CloseIcon, KeyIcon } from './icons';
import { MessageList } from './message-list';

/**
 * The conversation column: banners, the messages and the composer, top to
 * bottom, which is also the tab order. Without a key (browsing history
 * before one is added) the composer gives way to a prompt for the key.
 */
export function ChatScreen({
  chat,
  status,
  models,
  hasKey,
  keyNotices,
  onDismissNotice,
  onOpenSettings,
}: {
  chat: ChatState;
  status: AppStatus;
  models: ModelsState;
  /** Without a key the history can be read but not continued. */
  hasKey: boolean;
  keyNotices: readonly KeyNotice[];
  onDismissNotice: (id: KeyNotice['id']) => void;
  onOpenSettings: () => void;
}): ReactNode {
  const { active, busy, send, retry, cancel, retryNow } = chat;
  const selected = hasKey ? models.selected : null;

  const modelList = models.models;
  const modelName = useCallback(
    (id: string) => modelList.find((m) => m.id === id)?.displayName ?? id,
    [modelList],
  );
  const onSend = useCallback(
    async (text: string): Promise<Result<{ conversationId: string }>> =>
      selected === null
        ? fail(appError('invalid-input', 'Choose a model first.'))
        : send(text, selected),
    [send, selected],
  );
  const composerInput = useRef<HTMLTextAreaElement | null>(null);
  const addKey = useRef<HTMLButtonElement | null>(null);
  /**
   * Retry, Continue and Jump to latest go away once pressed (the answer they
   * belonged to is replaced; the view is at the end). Focus would fall to
   * <body>, and a keyboard user would start again from the top of the
   * window: it goes to the box where the next message is written (or, with
   * no key, to the button that adds one), where Escape also stops the answer.
   */
  const focusComposer = useCallback(() => {
    (composerInput.current ?? addKey.current)?.focus({ preventScroll: true });
  }, []);
  const onRetry = useCallback(
    (turnId: string, mode: RetryMode) => {
      if (selected === null) return;
      retry(turnId, selected, mode);
      focusComposer();
    },
    [retry, selected, focusComposer],
  );
  // The answer changes with every delta; Stop (and the memoised composer) only with the request.
  const activeRequest = active?.requestId;
  const onStop = useCallback(() => {
    if (activeRequest) cancel(activeRequest);
  }, [activeRequest, cancel]);

  const disabledReason =
    selected !== null
      ? busy && !active
        ? 'Claude is still answering in the background…'
        : null
      : models.error
        ? `Couldn’t load the list of models: ${models.error.message}`
        : 'Loading models…';

  return (
    <div className="chat-screen">
      <BannerStack
        status={status}
        active={active}
        keyNotices={keyNotices}
        onRetryNow={retryNow}
        onCancel={cancel}
        onDismissNotice={onDismissNotice}
      />
      {chat.error ? (
        <div className="banner-stack">
          <Banner
            tone="danger"
            role="alert"
            label="Problem"
            icon={<AlertIcon />}
            title={errorText(chat.error)}
            actions={
              <button
                type="button"
                className="icon-button"
                onClick={chat.dismissError}
                aria-label="Dismiss"
              >
                <CloseIcon />
              </button>
            }
          />
        </div>
      ) : null}
      <main className="chat-main" aria-busy={chat.loading}>
        <AnswerAnnouncer conversation={chat.conversation} />
        <MessageList
          conversation={chat.conversation}
          loadingEarlier={chat.loadingEarlier}
          canAct={selected !== null && !busy}
          focus={chat.focus}
          modelName={modelName}
          onRetry={onRetry}
          onCancel={cancel}
          onOpenSettings={onOpenSettings}
          onJumpedToLatest={focusComposer}
        />
        {hasKey ? (
          <Composer
            draftKey={chat.conversation.id ?? NEW_CONVERSATION_DRAFT}
            busy={busy}
            canStop={activeRequest != null}
            disabledReason={disabledReason}
            onSend={onSend}
            onStop={onStop}
            inputRef={composerInput}
          />
        ) : (
          <div className="key-prompt">
            <p>
              <KeyIcon /> Add your Anthropic API key to continue this conversation.
            </p>
            <button
              ref={addKey}
              type="button"
              className="button button-primary"
              onClick={onOpenSettings}
            >
              Add key
            </button>
          </div>
        )}
      </main>
    </div>
  );
}
