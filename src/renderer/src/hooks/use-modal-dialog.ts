import { useEffect, useRef, type RefObject } from 'react';

/**
 * Keeps a native <dialog> shown as a modal exactly while `open` is true.
 * showModal() gives focus trapping, Escape to close and focus returning to
 * whatever opened it, all from the browser rather than custom code.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
