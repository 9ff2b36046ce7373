import {
  memo,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { AppError, Result } from '../../../shared/app-error';
import { MAX_MESSAGE_CHARS } from '../../../shared/limits';
import { drafts, NEW_CONVERSATION_DRAFT } from '../lib/drafts';
import { errorText } from '../lib/parley';
import { SendIcon, StopIcon } from './icons';

/**
 * Where the person writes. Enter sends, Shift+Enter starts a new line (and an
 * IME composition's Enter is left alone). The box clears only once main has
 * committed the message to history; if that fails the text stays, with the
 * reason. While an answer is in flight the Send button becomes Stop (Escape
 * does the same); the text box stays editable so the next message can be
 * drafted meanwhile. Memoised, like the header: a streaming answer's deltas
 * re-render the app, not the box being typed in.
 *
 * The text is the draft of `draftKey` (the open conversation), kept as it is
 * typed (lib/drafts): another conversation opened shows its own draft, and
 * after a reload, a crash or a restart the box shows what was left in it.
 * The box stays mounted across conversations, so opening one from the
 * sidebar does not move the focus. What is typed while a new conversation's
 * first message is being saved becomes that conversation's draft.
 */
export const Composer = memo(function Composer({
  draftKey,
  busy,
  canStop,
  disabledReason,
  onSend,
  onStop,
  inputRef,
}: {
  /** Whose draft the box holds: the open conversation's id, or NEW_CONVERSATION_DRAFT. */
  draftKey: string;
  busy: boolean;
  /** False when the answer is being written by a stream this window cannot stop. */
  canStop: boolean;
  /** Why sending is impossible right now (no model yet), shown under the box. */
  disabledReason: string | null;
  /** Resolves once the message is saved, with the conversation it went to, or with why it was not. */
  onSend: (text: string) => Promise<Result<{ conversationId: string }>>;
  onStop: () => void;
  /** The text box, for the chat screen to bring focus back to it. */
  inputRef: RefObject<HTMLTextAreaElement | null>;
}): ReactNode {
  const [text, setShown] = useState(() => drafts.read(draftKey));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  /** Whose draft the box holds, for a send that resolves after another was opened. */
  const owner = useRef(draftKey);
  /** Why a draft's send failed after its conversation was left: said when it is back. */
  const unsent = useRef(new Map<string, AppError>());
  // Said while typing (a long paste), not after Send: the limit is the contract's.
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const canSend = text.trim().length > 0 && !tooLong && !busy && !saving && disabledReason === null;

  const setText = (next: string): void => {
    drafts.write(draftKey, next);
    setShown(next);
  };

  // Another conversation opened (before the frame is drawn, so its draft shows at once).
  useLayoutEffect(() => {
    if (owner.current === draftKey) return;
    owner.current = draftKey;
    setShown(drafts.read(draftKey));
    setError(unsent.current.get(draftKey) ?? null);
    unsent.current.delete(draftKey);
  }, [draftKey]);

  const send = (): void => {
    if (!canSend) return;
    const sent = text;
    const from = draftKey;
    setSaving(true);
    setError(null);
    void onSend(sent).then((result) => {
      setSaving(false);
      const stillOpen = owner.current === from;
      if (!result.ok) {
        // The text stays in its draft; the reason is shown where that draft is, now or once
        // its conversation is opened again.
        if (stillOpen) setError(result.error);
        else unsent.current.set(from, result.error);
        return;
      }
      // Only what was sent is cleared: anything typed meanwhile stays.
      const left = drafts.read(from);
      if (left === sent) drafts.write(from, '');
      else if (from === NEW_CONVERSATION_DRAFT) {
        // Typed while the new conversation was being created: it is that conversation's now.
        drafts.write(result.value.conversationId, left);
        drafts.write(from, '');
      }
      if (stillOpen) setShown((current) => (current === sent ? '' : current));
      // The new conversation opened before this resolved: it shows what it now owns.
      else if (owner.current === result.value.conversationId) setShown(drafts.read(owner.current));
      else return;
      inputRef.current?.focus();
    });
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // Escape during IME composition cancels the composition, not Claude's answer.
    if (event.key === 'Escape' && busy && canStop && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-box">
        <textarea
          ref={inputRef}
          className="composer-input"
          aria-label="Message"
          placeholder="Message Claude…"
          rows={1}
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="composer-hint"
        />
        {busy && canStop ? (
          <button type="button" className="composer-button stop-button" onClick={onStop}>
            <StopIcon />
            <span>Stop</span>
          </button>
        ) : (
          <button type="submit" className="composer-button send-button" disabled={!canSend}>
            <SendIcon />
            <span>Send</span>
          </button>
        )}
      </div>
      {tooLong ? (
        <p className="composer-error" role="status">
          This message is {text.length.toLocaleString()} characters long; Parley sends up to{' '}
          {MAX_MESSAGE_CHARS.toLocaleString()} at a time.
        </p>
      ) : null}
      {error ? (
        <p className="composer-error" role="alert">
          Not sent: {errorText(error)}
        </p>
      ) : null}
      <p id="composer-hint" className="composer-hint">
        {disabledReason ?? (
          <>
            <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
          </>
        )}
      </p>
    </form>
  );
});
