import { useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { SendIcon, StopIcon } from './icons';

/**
 * Where the person writes. Enter sends, Shift+Enter starts a new line (and an
 * IME composition's Enter is left alone). While an answer is in flight the
 * Send button becomes Stop (Escape does the same); the text box stays
 * editable so the next message can be drafted meanwhile.
 */
export function Composer({
  busy,
  disabledReason,
  onSend,
  onStop,
}: {
  busy: boolean;
  /** Why sending is impossible right now (no model yet), shown under the box. */
  disabledReason: string | null;
  onSend: (text: string) => void;
  onStop: () => void;
}): ReactNode {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const canSend = text.trim().length > 0 && !busy && disabledReason === null;

  const send = (): void => {
    if (!canSend) return;
    onSend(text);
    setText('');
    inputRef.current?.focus();
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Escape' && busy) {
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
        {busy ? (
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
      <p id="composer-hint" className="composer-hint">
        {disabledReason ?? (
          <>
            <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
          </>
        )}
      </p>
    </form>
  );
}
