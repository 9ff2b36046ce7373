import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  net,
  protocol,
  session,
  shell,
  type RenderProcessGoneDetails,
} from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_CHANNEL, type ParleyEvent } from '../shared/ipc';
import { appMenuTemplate } from './services/app-menu';
import { createAppServices, type AppServices } from './services/app-services';
import { systemClock } from './services/clock';
import { createReloadPolicy } from './services/reload-policy';
import { startupFailure } from './services/startup-failure';
import {
  createKeytarBackend,
  unavailableSecretBackend,
  type KeytarLike,
} from './services/secret-backend';
import { createIpcHandlers } from './ipc/handlers';
import { createIpcRouter } from './ipc/router';
import { registerIpc } from './ipc/register-electron';

/**
 * Wiring only: lifecycle, the one window, the app:// protocol and IPC. All
 * behaviour lives in services (shared with the browser shell).
 */
const APP_ORIGIN = 'app://parley';
// The dev server's page (electron-vite dev) is trusted like our own; a packaged app trusts no
// page but its own, whatever its environment says.
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererDir = join(__dirname, '../renderer');
const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Another history (a test, a second profile): `--data-dir=DIR` or PARLEY_DATA_DIR.
const dataDirOverride =
  app.commandLine.getSwitchValue('data-dir') || process.env['PARLEY_DATA_DIR'] || '';
if (dataDirOverride) app.setPath('userData', resolve(dataDirOverride));

let mainWindow: BrowserWindow | null = null;
/** How soon a window whose renderer died is loaded again. */
const RELOAD_AFTER_CRASH_MS = 250;

function isOwnUrl(url: string): boolean {
  if (devUrl && url.startsWith(devUrl)) return true;
  return url.startsWith(`${APP_ORIGIN}/`);
}

function serveRenderer(): void {
  protocol.handle('app', (request) => {
    const { pathname, host } = new URL(request.url);
    if (host !== 'parley') return new Response('not found', { status: 404 });
    const target = join(
      rendererDir,
      decodeURIComponent(pathname === '/' ? '/index.html' : pathname),
    );
    if (!target.startsWith(rendererDir)) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(target).toString());
  });
}

function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(
  onRendererGone: (win: BrowserWindow, details: RenderProcessGoneDetails) => void,
): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 560,
    minHeight: 420,
    show: false,
    title: 'Parley',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.on('render-process-gone', (_event, details) => onRendererGone(win, details));
  void win.loadURL(startUrl);
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  serveRenderer();
  lockDownSession();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, packaged: app.isPackaged }),
    ),
  );
  const send = (event: ParleyEvent): void => {
    // A renderer that died is not sent to until it is loaded again (see onRendererGone).
    if (mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isCrashed())
      mainWindow.webContents.send(EVENT_CHANNEL, event);
  };
  const dataDir = app.getPath('userData');
  let services: AppServices;
  try {
    services = await createAppServices({
      dataDir,
      env: process.env,
      // PARLEY_NO_KEYCHAIN=1 behaves like a system without a keychain (e2e runs must not touch the real one).
      secretBackend:
        process.env['PARLEY_NO_KEYCHAIN'] === '1'
          ? unavailableSecretBackend
          : createKeytarBackend(async () => (await import('keytar')).default as KeytarLike),
      emit: send,
      openExternal: (url) => shell.openExternal(url),
    });
  } catch (error) {
    // No window would ever open: say why, and quit.
    const failure = startupFailure(error, dataDir);
    dialog.showErrorBox(failure.title, failure.detail);
    app.quit();
    return;
  }
  const dispatch = createIpcRouter(createIpcHandlers(services), services.log);
  registerIpc(
    dispatch,
    (contents, frameUrl) => contents === mainWindow?.webContents && isOwnUrl(frameUrl),
  );
  // A renderer that crashed or was killed leaves a blank window: load it again (nothing is
  // lost, and the answers still streaming are followed again). Not when it went on purpose
  // (the window closing, the app quitting), nor once it keeps dying as it loads.
  const reloads = createReloadPolicy(systemClock);
  // Set on the way out (see before-quit below).
  let quitting = false;
  const onRendererGone = (win: BrowserWindow, details: RenderProcessGoneDetails): void => {
    if (details.reason === 'clean-exit' || quitting) return;
    services.log.error('window renderer gone', {
      reason: details.reason,
      exitCode: details.exitCode,
    });
    if (reloads.recordDeath()) {
      // Loaded afresh, not reloaded: a renderer that died before its first load finished has
      // no page to reload. Not from inside the event: a load started there may get no new
      // renderer (electron/electron#48661).
      setTimeout(() => {
        if (quitting || win.isDestroyed()) return;
        win.loadURL(startUrl).catch((error: unknown) => {
          services.log.error('loading the window again failed', { error: String(error) });
        });
      }, RELOAD_AFTER_CRASH_MS);
      return;
    }
    dialog.showErrorBox(
      'Parley stopped working',
      "Parley's window failed several times in a row. Your conversations are saved; open Parley again to continue.",
    );
    app.quit();
  };
  mainWindow = createWindow(onRendererGone);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(onRendererGone);
  });
  // Parley opened again while running: the window it has comes forward, instead of nothing.
  app.on('second-instance', () => {
    if (quitting) return;
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createWindow(onRendererGone);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  // Streams are stopped, each answer saved as far as it arrived and left for the next start
  // to mark interrupted, and the history closed, before the process exits.
  let disposed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (disposed) return;
    event.preventDefault();
    void services.dispose().finally(() => {
      disposed = true;
      app.quit();
    });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

if (!app.requestSingleInstanceLock()) app.quit();
else void main();
