import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { startBrowserShell, type RunningShell } from './support/browser-shell';
import {
  announceElectronMissing,
  electronBinary,
  ELECTRON_MISSING,
  launchElectron,
} from './support/electron-shell';
import { expectAccessible, screenshotBothThemes } from './support/evidence';
import { MockControl, unreachableUrl } from './support/mock-control';
import { shellEnv } from './support/shell-env';

/**
 * One fixture, two shells: every spec gets a `page` showing Parley's window
 * and a `parley` helper, whether the window lives in the browser shell
 * (Chromium + the real services in Node) or in Electron. Each test gets its
 * own mock API, its own data directory and a fresh app.
 */

export type ShellKind = 'browser-shell' | 'electron';

export const TEST_KEY = 'sk-ant-test-e2e-0000';

export interface Parley {
  page: Page;
  mock: MockControl;
  shell: ShellKind;
  composer: Locator;
  send: Locator;
  stop: Locator;
  log: Locator;
  /** Types a message and presses Enter, the way people send. */
  sendMessage(text: string): Promise<void>;
  /** Claude's articles in the log, newest last. */
  answers(): Locator;
  lastAnswer(): Locator;
  /** The history sidebar and its search box. */
  sidebar: Locator;
  search: Locator;
  /** The sidebar's entry (open button) for a conversation, by its title. */
  conversation(title: string | RegExp): Locator;
  /** The data directory the app's history lives in. */
  dataDir: string;
  /** A new, empty data directory, removed after the test. */
  freshDataDir(): string;
  /**
   * Browser shell only: ends the shell process (cleanly, or with SIGKILL as
   * in a crash), starts a new one on the same data directory (or `dataDir`)
   * and opens it in the same page.
   */
  restart(options?: RestartOptions): Promise<void>;
  /** Screenshots of the current state in light and dark, under test-results/screenshots. */
  capture(name: string): Promise<void>;
  /** axe-core in both themes; no serious or critical violations allowed. */
  expectAccessible(screen: string): Promise<void>;
}

export interface RestartOptions {
  /** SIGKILL instead of a clean stop: a crash. */
  kill?: boolean;
  /** Start on another data directory. */
  dataDir?: string;
  /** Runs while no shell is running (to tamper with the data directory). */
  beforeStart?: () => void;
}

interface Options {
  shell: ShellKind;
  /** The key in ANTHROPIC_API_KEY; null starts at onboarding. */
  apiKey: string | null;
  /** False points the app at a port where nothing listens. */
  apiReachable: boolean;
  /** A real requests-per-minute limit in the mock API; null (the default) for its roomy default. */
  mockRequestsPerMinute: number | null;
}

interface WorkerFixtures {
  shell: ShellKind;
  shellBrowser: Browser | null;
}

export const test = base.extend<
  Omit<Options, 'shell'> & { mock: MockControl; parley: Parley },
  WorkerFixtures
>({
  shell: ['browser-shell', { option: true, scope: 'worker' }],
  apiKey: [TEST_KEY, { option: true }],
  apiReachable: [true, { option: true }],
  mockRequestsPerMinute: [null, { option: true }],

  // Launched only for the browser shell, so the Electron project needs no Chromium.
  shellBrowser: [
    async ({ shell, playwright, launchOptions, headless }, use) => {
      if (shell !== 'browser-shell') {
        await use(null);
        return;
      }
      const browser = await playwright.chromium.launch({ ...launchOptions, headless });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  mock: async ({ mockRequestsPerMinute }, use) => {
    const mock = new MockControl(
      mockRequestsPerMinute === null ? {} : { requestsPerMinute: mockRequestsPerMinute },
    );
    await mock.start();
    await use(mock);
    await mock.stop();
  },

  parley: async ({ shell, shellBrowser, mock, apiKey, apiReachable }, use, testInfo) => {
    const executable = shell === 'electron' ? electronBinary() : null;
    if (shell === 'electron' && executable === null) {
      announceElectronMissing();
      testInfo.skip(true, ELECTRON_MISSING);
    }

    const dataDirs: string[] = [];
    const freshDataDir = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
      dataDirs.push(dir);
      return dir;
    };
    const baseUrl = apiReachable ? mock.url : await unreachableUrl();
    const env = shellEnv({ baseUrl, apiKey });
    const cleanups: (() => Promise<void>)[] = [];
    const shellState: { running: RunningShell | null; dataDir: string } = {
      running: null,
      dataDir: freshDataDir(),
    };
    try {
      let page: Page;
      if (shell === 'electron' && executable !== null) {
        const app = await launchElectron({
          executablePath: executable,
          dataDir: shellState.dataDir,
          env,
        });
        cleanups.push(() => app.close());
        page = await app.firstWindow();
      } else {
        if (!shellBrowser) throw new Error('no browser for the browser shell');
        shellState.running = await startBrowserShell({ dataDir: shellState.dataDir, env });
        cleanups.push(async () => shellState.running?.stop());
        const context = await shellBrowser.newContext({
          viewport: { width: 1100, height: 760 },
          acceptDownloads: true,
        });
        cleanups.push(() => context.close());
        page = await context.newPage();
        await page.goto(shellState.running.url);
      }
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      const restart = async (options: RestartOptions = {}): Promise<void> => {
        const running = shellState.running;
        if (!running) throw new Error('restart() needs the browser shell');
        await (options.kill ? running.kill() : running.stop());
        shellState.running = null;
        shellState.dataDir = options.dataDir ?? shellState.dataDir;
        options.beforeStart?.();
        // The same origin as before, as the app's own protocol is: the window's storage stays.
        const port = Number(new URL(running.url).port);
        shellState.running = await startBrowserShell({ dataDir: shellState.dataDir, env, port });
        await page.goto(shellState.running.url);
      };
      await use(
        makeHelpers(page, mock, shell, {
          dataDir: () => shellState.dataDir,
          freshDataDir,
          restart,
        }),
      );
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  },

  page: async ({ parley }, use) => {
    await use(parley.page);
  },
});

function makeHelpers(
  page: Page,
  mock: MockControl,
  shell: ShellKind,
  state: {
    dataDir: () => string;
    freshDataDir: () => string;
    restart: Parley['restart'];
  },
): Parley {
  const composer = page.getByRole('textbox', { name: 'Message' });
  const log = page.getByRole('log');
  const answers = (): Locator => log.getByRole('article', { name: /^Claude/ });
  const prefix = shell === 'browser-shell' ? '' : `${shell}-`;
  const sidebar = page.getByRole('complementary', { name: 'History' });
  return {
    page,
    mock,
    shell,
    sidebar,
    search: page.getByRole('searchbox', { name: 'Search conversations' }),
    conversation: (title) =>
      sidebar
        .getByRole('navigation', { name: 'Conversations' })
        .getByRole('button', { name: title })
        .and(page.locator('.conversation-open')),
    get dataDir() {
      return state.dataDir();
    },
    freshDataDir: state.freshDataDir,
    restart: state.restart,
    composer,
    send: page.getByRole('button', { name: 'Send', exact: true }),
    stop: page.getByRole('button', { name: 'Stop', exact: true }),
    log,
    async sendMessage(text) {
      // The model list loads at start; until it has, there is nothing to send to.
      await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
      await composer.fill(text);
      await composer.press('Enter');
    },
    answers,
    lastAnswer: () => answers().last(),
    capture: (name) => screenshotBothThemes(page, name, prefix),
    expectAccessible: (screen) => expectAccessible(page, screen),
  };
}

export { expect };
