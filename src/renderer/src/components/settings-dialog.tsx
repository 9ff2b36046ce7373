import { memo, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { KeyStatus } from '../../../shared/ipc';
import { keyHintText, keySourceText, SESSION_ONLY_NOTICE } from '../lib/key-text';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { errorText, parley } from '../lib/parley';
import { CloseIcon, InfoIcon } from './icons';
import { KeyForm, type KeySaved } from './key-form';

/**
 * Settings, in a native modal <dialog>: it traps focus, closes on Escape and
 * returns focus to the Settings button, all without custom code. The content
 * mounts only while open so every visit starts from the overview.
 */
export const SettingsDialog = memo(function SettingsDialog({
  open,
  status,
  onClose,
  onKeySaved,
  onKeyRemoved,
}: {
  open: boolean;
  status: KeyStatus;
  onClose: () => void;
  onKeySaved: (saved: KeySaved) => void;
  onKeyRemoved: (status: KeyStatus) => void;
}): ReactNode {
  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      className="modal-dialog settings-dialog"
      aria-labelledby="settings-title"
      onClose={onClose}
    >
      {open ? (
        <SettingsContent
          status={status}
          onClose={onClose}
          onKeySaved={onKeySaved}
          onKeyRemoved={onKeyRemoved}
        />
      ) : null}
    </dialog>
  );
});

type Mode = 'overview' | 'replace' | 'confirm-remove';

/**
 * Each mode of the key section replaces the buttons of the one before, so
 * the focused button is destroyed with it and focus would drop to <body>
 * (in a modal dialog, the next Tab then starts again from its top). Focus
 * goes instead to what the new mode is for: the key field (KeyForm's
 * autofocus), the safe answer to the removal question (so a stray Enter
 * keeps the key), or, back at the overview, the button that opened the
 * mode just left ("Replace key" if "Remove key" is gone because the key
 * was removed).
 */
function useModeFocus(mode: Mode): {
  replaceRef: RefObject<HTMLButtonElement | null>;
  removeRef: RefObject<HTMLButtonElement | null>;
  keepRef: RefObject<HTMLButtonElement | null>;
} {
  const replaceRef = useRef<HTMLButtonElement | null>(null);
  const removeRef = useRef<HTMLButtonElement | null>(null);
  const keepRef = useRef<HTMLButtonElement | null>(null);
  const previous = useRef(mode);

  useLayoutEffect(() => {
    const left = previous.current;
    previous.current = mode;
    if (mode === left) return;
    if (mode === 'confirm-remove') keepRef.current?.focus();
    else if (mode === 'overview') {
      const opener = left === 'confirm-remove' ? removeRef.current : null;
      (opener ?? replaceRef.current)?.focus();
    }
  }, [mode]);

  return { replaceRef, removeRef, keepRef };
}

function SettingsContent({
  status,
  onClose,
  onKeySaved,
  onKeyRemoved,
}: {
  status: KeyStatus;
  onClose: () => void;
  onKeySaved: (saved: KeySaved) => void;
  onKeyRemoved: (status: KeyStatus) => void;
}): ReactNode {
  const [mode, setMode] = useState<Mode>('overview');
  const { replaceRef, removeRef, keepRef } = useModeFocus(mode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const hint = keyHintText(status);

  const remove = (): void => {
    setBusy(true);
    setError(null);
    void parley()
      .removeKey()
      .then((result) => {
        setBusy(false);
        if (result.ok) {
          setMode('overview');
          onKeyRemoved(result.value);
        } else {
          setError(result.error);
        }
      });
  };

  return (
    <div className="settings">
      <header className="settings-header">
        <h2 id="settings-title">Settings</h2>
        <button type="button" className="icon-button" onClick={onClose} title="Close">
          <CloseIcon />
          <span className="visually-hidden">Close settings</span>
        </button>
      </header>
      <section className="settings-section" aria-labelledby="settings-key-title">
        <h3 id="settings-key-title">Anthropic API key</h3>
        <dl className="settings-facts">
          <div>
            <dt>Source</dt>
            <dd>{keySourceText(status.source)}</dd>
          </div>
          {hint ? (
            <div>
              <dt>Key</dt>
              <dd>
                <span className="key-hint">{hint}</span>
              </dd>
            </div>
          ) : null}
        </dl>
        {status.source === 'session' || !status.keychainAvailable ? (
          <p className="notice notice-info">
            <InfoIcon />
            <span>{SESSION_ONLY_NOTICE}</span>
          </p>
        ) : null}
        {status.source === 'environment' ? (
          <p className="settings-note">
            This key is set outside Parley. A key you save here takes its place; to stop using the
            environment key, unset ANTHROPIC_API_KEY and restart Parley.
          </p>
        ) : null}
        {mode === 'overview' ? (
          <div className="form-actions form-actions-start">
            <button
              ref={replaceRef}
              type="button"
              className="button"
              onClick={() => setMode('replace')}
            >
              {status.hasKey ? 'Replace key' : 'Add key'}
            </button>
            {status.hasKey && status.source !== 'environment' ? (
              <button
                ref={removeRef}
                type="button"
                className="button button-danger-quiet"
                onClick={() => setMode('confirm-remove')}
              >
                Remove key
              </button>
            ) : null}
          </div>
        ) : null}
        {mode === 'replace' ? (
          <KeyForm
            autoFocus
            submitLabel="Save new key"
            onCancel={() => setMode('overview')}
            onSaved={(saved) => {
              setMode('overview');
              onKeySaved(saved);
            }}
          />
        ) : null}
        {mode === 'confirm-remove' ? (
          // The question describes both answers, so it is read out with whichever has focus
          // (the group's own name is short, or it would be read twice).
          <div className="confirm-box" role="group" aria-label="Remove key">
            <p id="confirm-remove-text">
              Remove this key from Parley? You’ll need to paste a key again to keep chatting.
            </p>
            <div className="form-actions form-actions-start">
              <button
                ref={keepRef}
                type="button"
                className="button button-quiet"
                onClick={() => setMode('overview')}
                disabled={busy}
                aria-describedby="confirm-remove-text"
              >
                Keep key
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={remove}
                disabled={busy}
                aria-describedby="confirm-remove-text"
              >
                {busy ? 'Removing…' : 'Remove'}
              </button>
            </div>
          </div>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {errorText(error)}
          </p>
        ) : null}
      </section>
    </div>
  );
}
