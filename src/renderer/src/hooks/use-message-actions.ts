import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import { writeClipboard } from '../lib/clipboard';
import { parley } from '../lib/parley';

/**
 * What a rendered answer can ask of the chat view: open a link (after the
 * person confirms the target) and copy text. Passed by context so that the
 * memoised turns never re-render when these change.
 */
export interface MessageActions {
  /** Asks the person to confirm the (already validated) URL, then has main open it. */
  readonly openLink: (url: string) => void;
  /** Resolves false when the clipboard refused; a notice then says so. */
  readonly copy: (text: string) => Promise<boolean>;
}

const inert: MessageActions = { openLink: () => undefined, copy: async () => false };

export const MessageActionsContext = createContext<MessageActions>(inert);

export function useMessageActions(): MessageActions {
  return useContext(MessageActionsContext);
}

export interface LinkRequest {
  url: string;
  /** Why the last attempt to open it failed, if it did. */
  error: AppError | null;
  busy: boolean;
}

export interface MessageActionsState {
  actions: MessageActions;
  /** The link waiting for the person's confirmation, if any. */
  link: LinkRequest | null;
  confirmLink: () => void;
  cancelLink: () => void;
  /** Set when a copy failed; cleared by dismissing it. */
  copyFailed: boolean;
  dismissCopyFailed: () => void;
}

/**
 * The state behind MessageActions, owned by the message list: the link
 * being confirmed and whether the last copy failed. Links are opened only
 * by main (`openExternal`), which validates the URL again and hands it to
 * the system browser; nothing is ever loaded inside the app.
 */
export function useMessageActionsState(): MessageActionsState {
  const [link, setLink] = useState<LinkRequest | null>(null);
  const [copyFailed, setCopyFailed] = useState(false);

  const openLink = useCallback((url: string) => {
    setLink({ url, error: null, busy: false });
  }, []);
  const copy = useCallback(async (text: string) => {
    const ok = await writeClipboard(text);
    setCopyFailed(!ok);
    return ok;
  }, []);
  const actions = useMemo(() => ({ openLink, copy }), [openLink, copy]);

  const confirmLink = useCallback(() => {
    if (!link || link.busy) return;
    const { url } = link;
    setLink({ url, error: null, busy: true });
    void parley()
      .openExternal({ url })
      .then((result) => {
        if (result.ok) setLink(null);
        else
          setLink((current) =>
            current?.url === url ? { url, error: result.error, busy: false } : current,
          );
      });
  }, [link]);
  const cancelLink = useCallback(() => setLink(null), []);
  const dismissCopyFailed = useCallback(() => setCopyFailed(false), []);

  return { actions, link, confirmLink, cancelLink, copyFailed, dismissCopyFailed };
}
