import { defineConfig } from '@playwright/test';
import type { ShellKind } from './test/e2e/fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * The same specs in two shells (see DESIGN.md, "Testing"). Browsers cannot be
 * downloaded here, so Chromium is Debian's; the Electron project skips itself
 * with one line when the Electron binary is absent. Build first:
 * `npx electron-vite build` (both shells load out/).
 */
const chromiumArgs = [...CHROMIUM_ARGS];

export default defineConfig<{ shell: ShellKind }>({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser-shell',
      use: {
        shell: 'browser-shell',
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs },
      },
    },
    {
      name: 'electron',
      use: { shell: 'electron' },
    },
  ],
});
