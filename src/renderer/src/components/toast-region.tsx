import type { ReactNode } from 'react';
import type { Toast, ToastsState } from '../hooks/use-toasts';
import { CloseIcon } from './icons';

/**
 * Toasts at the bottom of the window. Both live regions stay mounted, so
 * screen readers announce each new toast; errors are announced assertively.
 */
export function ToastRegion({ toasts }: { toasts: ToastsState }): ReactNode {
  const list = (tone: Toast['tone']): ReactNode =>
    toasts.toasts
      .filter((t) => t.tone === tone)
      .map((toast) => <ToastView key={toast.id} toast={toast} dismiss={toasts.dismiss} />);
  return (
    <div className="toast-region" role="region" aria-label="Notifications">
      <div role="status" className="toast-list">
        {list('info')}
      </div>
      <div role="alert" className="toast-list">
        {list('error')}
      </div>
    </div>
  );
}

function ToastView({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }): ReactNode {
  const { action } = toast;
  return (
    <div className={`toast toast-${toast.tone}`}>
      <p className="toast-text">{toast.text}</p>
      {action ? (
        <button
          type="button"
          className="button button-small toast-action"
          onClick={() => {
            dismiss(toast.id);
            action.run();
          }}
        >
          {action.label}
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button toast-close"
        onClick={() => dismiss(toast.id)}
        aria-label="Dismiss"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
