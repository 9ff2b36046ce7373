import { useEffect, useRef, type ReactNode } from 'react';
import type { SidebarState } from '../hooks/use-sidebar';
import type { ToastsState } from '../hooks/use-toasts';
import { ToastRegion } from './toast-region';

/**
 * The window's frame: the history sidebar beside (or, on a narrow window,
 * over) the main column. The sidebar comes first in the DOM so it is first
 * in the tab order; Escape closes it where it covers the conversation.
 */
export function AppShell({
  sidebarState,
  sidebar,
  header,
  notices,
  toasts,
  children,
}: {
  sidebarState: SidebarState;
  sidebar: ReactNode;
  header: ReactNode;
  notices: ReactNode;
  toasts: ToastsState;
  children: ReactNode;
}): ReactNode {
  const { open, narrow, close } = sidebarState;
  const overlay = open && narrow;
  const slot = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!overlay) return undefined;
    // The sidebar now covers the page: focus goes into it, and back to its toggle on Escape.
    slot.current?.querySelector<HTMLElement>('button')?.focus();
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      close();
      document.querySelector<HTMLElement>('[aria-controls="sidebar"]')?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [overlay, close]);

  const className = ['app-shell', open ? 'sidebar-open' : 'sidebar-closed', narrow ? 'narrow' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className}>
      <div className="sidebar-slot" hidden={!open} ref={slot}>
        {sidebar}
      </div>
      {overlay ? <div className="sidebar-backdrop" aria-hidden="true" onClick={close} /> : null}
      <div className="app-main">
        {header}
        {notices}
        {children}
      </div>
      <ToastRegion toasts={toasts} />
    </div>
  );
}
