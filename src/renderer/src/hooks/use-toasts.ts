import { useCallback, useEffect, useRef, useState } from 'react';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action: ToastAction | null;
}

export interface ToastsState {
  toasts: readonly Toast[];
  show: (text: string, options?: { tone?: Toast['tone']; action?: ToastAction }) => void;
  dismiss: (id: number) => void;
  /**
   * Stops a toast's countdown while it is held (under the pointer, or with
   * focus in it) and starts it again, in full, once it is let go.
   */
  hold: (id: number, held: boolean) => void;
}

/** Long enough to read a sentence and reach for Undo. */
const TOAST_MS = 10_000;
const MAX_TOASTS = 3;

/**
 * Short-lived messages at the bottom of the window ("Deleted … Undo",
 * "Imported …"). Each goes by itself after a while, but never while it is
 * held: someone reading it or reaching for its Undo gets the time they need
 * (WCAG 2.2.1). The newest few are kept.
 */
export function useToasts(): ToastsState {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  /** One entry per toast still shown: its countdown, or null while it is held. */
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout> | null>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id) ?? undefined);
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const countDown = useCallback(
    (id: number) => {
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
    },
    [dismiss],
  );

  const hold = useCallback(
    (id: number, held: boolean) => {
      // A toast already gone (dismissed while held) is not brought back to life.
      if (!timers.current.has(id)) return;
      clearTimeout(timers.current.get(id) ?? undefined);
      if (held) timers.current.set(id, null);
      else countDown(id);
    },
    [countDown],
  );

  const show = useCallback<ToastsState['show']>(
    (text, options = {}) => {
      const id = nextId.current++;
      const toast: Toast = {
        id,
        text,
        tone: options.tone ?? 'info',
        action: options.action ?? null,
      };
      setToasts((list) => [...list, toast].slice(-MAX_TOASTS));
      countDown(id);
    },
    [countDown],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer ?? undefined));
  }, []);

  return { toasts, show, dismiss, hold };
}
