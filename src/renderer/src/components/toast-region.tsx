import { useEffect, useState, type ReactNode } from 'react';
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
      .map((toast) => (
        <ToastView key={toast.id} toast={toast} dismiss={toasts.dismiss} hold={toasts.hold} />
      ));
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

/** One toast; it stays as long as the pointer is on it or focus is in it. */
function ToastView({
  toast,
  dismiss,
  hold,
}: {
  toast: Toast;
  dismiss: ToastsState['dismiss'];
  hold: ToastsState['hold'];
}): ReactNode {
  const { id, action } = toast;
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = hovered || focused;

  useEffect(() => {
    if (!held) return undefined;
    hold(id, true);
    return () => hold(id, false);
  }, [held, hold, id]);

  return (
    <div
      className={`toast toast-${toast.tone}`}
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        // Moving between its own buttons still holds it.
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
    >
      <p className="toast-text">{toast.text}</p>
      {action ? (
        <button
          type="button"
          className="button button-small toast-action"
          onClick={() => {
            dismiss(id);
            action.run();
          }}
        >
          {action.label}
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button toast-close"
        onClick={() => dismiss(id)}
        aria-label="Dismiss"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
