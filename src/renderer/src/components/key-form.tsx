import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { InvokeResponses } from '../../../shared/ipc';
import { errorText, parley } from '../lib/parley';
import { EyeIcon } from './icons';

export type KeySaved = InvokeResponses['setKey'];

/** Turns setKey's failures into what the person should do next. */
export function keyErrorText(error: AppError): string {
  switch (error.kind) {
    case 'key-rejected':
      return 'Anthropic didn’t accept this key. Check that you copied all of it, or create a new key in the Anthropic Console.';
    case 'invalid-input':
      return `${errorText(error)} Paste the whole key; it starts with “sk-ant-”.`;
    default:
      return errorText(error);
  }
}

/**
 * The key field, shared by onboarding and Settings. Masked by default (with a
 * reveal toggle for checking a paste), no autocomplete or spellcheck, and the
 * key is dropped from React state as soon as main has it: it only ever
 * travels renderer -> main, once.
 */
export function KeyForm({
  onSaved,
  submitLabel = 'Save',
  autoFocus = false,
  onCancel,
}: {
  onSaved: (saved: KeySaved) => void;
  submitLabel?: string;
  autoFocus?: boolean;
  onCancel?: () => void;
}): ReactNode {
  const id = useId();
  const [value, setValue] = useState('');
  const [reveal, setReveal] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const empty = value.trim().length === 0;
  // The field and Save are disabled while the key is checked, which drops focus: on a refusal
  // it goes back to the key, to correct it (once the field is enabled again).
  useEffect(() => {
    if (error && !saving) input.current?.focus();
  }, [error, saving]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (empty || saving) return;
    setSaving(true);
    setError(null);
    void parley()
      .setKey({ key: value.trim() })
      .then((result) => {
        setSaving(false);
        if (result.ok) {
          setValue('');
          onSaved(result.value);
        } else {
          setError(result.error);
        }
      });
  };

  return (
    <form className="key-form" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor={`${id}-key`}>
        Anthropic API key
      </label>
      <div className="key-input-row">
        <input
          ref={input}
          id={`${id}-key`}
          className="text-input key-input"
          type={reveal ? 'text' : 'password'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="sk-ant-…"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
          disabled={saving}
        />
        <button
          type="button"
          className="icon-button reveal-button"
          aria-pressed={reveal}
          onClick={() => setReveal((r) => !r)}
          title={reveal ? 'Hide key' : 'Show key'}
        >
          <EyeIcon crossed={reveal} />
          <span className="visually-hidden">Show key</span>
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {keyErrorText(error)}
        </p>
      ) : (
        <p id={`${id}-help`} className="field-help">
          Paste it here. Parley checks it with Anthropic before saving.
        </p>
      )}
      <div className="form-actions">
        {onCancel ? (
          <button
            type="button"
            className="button button-quiet"
            onClick={onCancel}
            disabled={saving}
          >
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={empty || saving}>
          {saving ? 'Checking…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
