/**
 * The application menu, as data (index.ts builds it with Electron's Menu).
 * Electron's default menu ships Developer Tools and a Help menu of links to
 * electronjs.org; a packaged Parley has neither. The Edit menu stays: on
 * macOS the clipboard shortcuts (Cmd+C, Cmd+V) work only through it.
 * Reload stays too: a reloaded window keeps its drafts and follows the
 * answers still streaming.
 */

/** The menu roles Parley uses: a subset of Electron's, so the items fit its template type. */
export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'quit';

export interface MenuSpec {
  role?: MenuRole;
  label?: string;
  type?: 'separator';
  submenu?: MenuSpec[];
}

export function appMenuTemplate(options: { platform: string; packaged: boolean }): MenuSpec[] {
  const mac = options.platform === 'darwin';
  const view: MenuSpec[] = [
    { role: 'reload' },
    ...(options.packaged
      ? []
      : [{ role: 'forceReload' as const }, { role: 'toggleDevTools' as const }]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac
      ? [{ role: 'appMenu' as const }]
      : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
