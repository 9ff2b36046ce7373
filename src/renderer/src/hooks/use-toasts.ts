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
}

/** Long enough to read a sentence and reach for Undo. */
const TOAST_MS = 10_000;
const MAX_TOASTS = 3;

/**
 * Short-lived messages at the bottom of the window ("Deleted … Undo",
 * "Imported …"). Each goes by itself after a while; the newest few are kept.
 */
export function useToasts(): ToastsState {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) clearTimeout(timer);
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

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
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return { toasts, show, dismiss };
}
