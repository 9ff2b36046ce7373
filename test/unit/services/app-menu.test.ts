import { describe, expect, it } from 'vitest';
import { appMenuTemplate, type MenuSpec } from '../../../src/main/services/app-menu';

/** Every role in the menu, submenus included. */
const roles = (items: readonly MenuSpec[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
const labels = (items: readonly MenuSpec[]): string[] =>
  items.flatMap((item) => [...(item.label ? [item.label] : []), ...labels(item.submenu ?? [])]);

describe('application menu', () => {
  it('a packaged app has no developer tools and no Help menu of Electron links', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const menu = appMenuTemplate({ platform, packaged: true });
      expect(roles(menu)).not.toContain('toggleDevTools');
      expect(roles(menu)).not.toContain('forceReload');
      expect(labels(menu)).not.toContain('Help');
    }
  });

  it('keeps the clipboard shortcuts (the Edit menu), reload and zoom everywhere', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const menu = roles(appMenuTemplate({ platform, packaged: true }));
      expect(menu).toEqual(expect.arrayContaining(['editMenu', 'reload', 'zoomIn', 'zoomOut']));
    }
  });

  it('has the app menu on macOS and a File menu with Quit elsewhere', () => {
    expect(appMenuTemplate({ platform: 'darwin', packaged: true })[0]).toEqual({ role: 'appMenu' });
    expect(appMenuTemplate({ platform: 'win32', packaged: true })[0]).toEqual({
      label: 'File',
      submenu: [{ role: 'quit' }],
    });
  });

  it('a development build keeps the developer tools', () => {
    expect(roles(appMenuTemplate({ platform: 'linux', packaged: false }))).toContain(
      'toggleDevTools',
    );
  });
});
