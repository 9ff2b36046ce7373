import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startBrowserShell, type RunningShell } from '../../test/e2e/support/browser-shell';
import { shellEnv } from '../../test/e2e/support/shell-env';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium';
import { startMockAnthropic, type MockAnthropic } from '../../test/mock-anthropic/server';

/**
 * The real app for a benchmark: the built renderer in the browser shell (the
 * real main-process services in Node), the mock Anthropic API on loopback
 * and Debian's Chromium driven by playwright-core, exactly as the e2e tests
 * run it. Measurements then see everything a person's delta goes through:
 * the SDK stream, the chat engine's coalescing, the bridge and the renderer.
 */

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // performance.memory in whole bytes instead of coarse buckets.
  '--enable-precise-memory-info',
];

export const BENCH_KEY = 'sk-ant-bench-key';

/** Builds the app (renderer + browser-shell bridge) unless `npm run build` output is there. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  const needed = [
    join(repoRoot, 'out/renderer/index.html'),
    join(repoRoot, 'out/browser-shell/bridge.js'),
  ];
  if (needed.every((file) => existsSync(file))) return;
  log('building the app (npm run build) ...');
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

export interface AppSession {
  readonly mock: MockAnthropic;
  readonly shell: RunningShell;
  readonly browser: Browser;
  readonly page: Page;
  readonly cdp: CDPSession;
  close(): Promise<void>;
}

export interface AppSessionOptions {
  dataDir: string;
  viewport?: { width: number; height: number };
  /** Init scripts (functions run in the page before its own scripts). */
  initScripts?: readonly (() => void)[];
  chromiumPath?: string;
}

export async function openApp(options: AppSessionOptions): Promise<AppSession> {
  ensureBuilt();
  const mock = await startMockAnthropic({ port: 0 });
  const cleanups: (() => Promise<unknown>)[] = [() => mock.close()];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const shell = await startBrowserShell({
      dataDir: options.dataDir,
      env: shellEnv({ baseUrl: mock.url, apiKey: BENCH_KEY }),
    });
    cleanups.push(() => shell.stop());
    const browser = await chromium.launch({
      executablePath: options.chromiumPath ?? CHROMIUM_PATH,
      headless: true,
      args: BENCH_CHROMIUM_ARGS,
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1100, height: 800 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // tsx (esbuild, keepNames) wraps named functions in `__name(...)`; functions sent to
    // the page keep those calls, so the page gets the identity helper they expect.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    for (const script of options.initScripts ?? []) await page.addInitScript(script);
    await page.goto(shell.url);
    await page.emulateMedia({ colorScheme: 'light' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return { mock, shell, browser, page, cdp, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Chromium's own counters (TaskDuration, ScriptDuration, JSHeapUsedSize, Nodes, ...). */
export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Waits until the model list has loaded, so a message can be sent. */
export async function waitUntilReady(page: Page): Promise<void> {
  await page
    .getByRole('combobox', { name: 'Model', exact: true })
    .and(page.locator(':enabled'))
    .waitFor({ timeout: 30_000 });
}
