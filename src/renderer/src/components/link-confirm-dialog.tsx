import { type ReactNode } from 'react';
import type { LinkRequest } from '../hooks/use-message-actions';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { errorText } from '../lib/parley';

/**
 * "Open in your browser?" for a link in an answer. Model output is
 * untrusted, and a link's text can claim anything, so the full target is
 * shown before it leaves the app. A native modal <dialog>: focus is trapped,
 * Escape cancels and focus returns to the link. Cancel has focus first, so a
 * stray Enter never opens anything.
 */
export function LinkConfirmDialog({
  link,
  onConfirm,
  onCancel,
}: {
  link: LinkRequest | null;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactNode {
  const ref = useModalDialog(link !== null);

  return (
    <dialog
      ref={ref}
      className="modal-dialog link-dialog"
      aria-labelledby="link-dialog-title"
      aria-describedby="link-dialog-url"
      onClose={onCancel}
    >
      {link ? (
        <div className="link-dialog-body">
          <h2 id="link-dialog-title" className="link-dialog-title">
            Open in your browser?
          </h2>
          <p className="link-dialog-lead">This link from Claude’s answer goes to:</p>
          <p id="link-dialog-url" className="link-dialog-url">
            {link.url}
          </p>
          {link.error ? (
            <p className="link-dialog-error" role="alert">
              {errorText(link.error)}
            </p>
          ) : null}
          <div className="link-dialog-actions">
            <button type="button" className="button" onClick={onCancel} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={onConfirm}
              disabled={link.busy}
            >
              Open in browser
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
