import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let announced = false;

/** Says once per run, not once per test, why the Electron project is skipped. */
export function announceElectronMissing(): void {
  if (announced) return;
  announced = true;
  console.log(`[electron] ${ELECTRON_MISSING}`);
}

export const ELECTRON_MISSING =
  'Electron binary not installed on this machine (cannot be downloaded here); the same specs ran in the browser shell';

/**
 * The path of the Electron binary, or null when its download never happened.
 * `require('electron')` answers that path, but when the binary is missing it
 * tries to download it first (slow, noisy and impossible here), so the
 * package's own path.txt is checked before asking it.
 */
export function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const relative = readFileSync(pathFile, 'utf8').trim();
    const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist');
    if (!existsSync(join(distDir, relative))) return null;
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Launches the built app (`out/main/index.js`) with its own data directory.
 * PARLEY_NO_KEYCHAIN asks main to keep keys in memory like the browser
 * shell's --no-keychain, so a test run never touches the real keychain (main
 * has yet to honour it; see the e2e notes in the issue).
 */
export async function launchElectron(options: {
  executablePath: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath: options.executablePath,
    args: [join(root, 'out/main/index.js')],
    cwd: root,
    env: {
      ...options.env,
      PARLEY_DATA_DIR: options.dataDir,
      PARLEY_NO_KEYCHAIN: '1',
    } as Record<string, string>,
  });
}
