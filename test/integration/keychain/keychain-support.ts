import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { KeytarLike } from '../../../src/main/services/secret-backend';

const require = createRequire(import.meta.url);

/** The real keytar module, talking to whatever keyring the session bus offers. */
export const loadKeytar = async (): Promise<KeytarLike> => require('keytar') as KeytarLike;

/** A keychain entry of our own per test, so a developer's real Parley key is never touched. */
export function uniqueService(): string {
  return `Parley-test-${randomBytes(6).toString('hex')}`;
}

/** A key the mock accepts, unique so a leak of it can be searched for. */
export function freshKey(tag = 'good'): string {
  return `sk-ant-api03-${tag}-${randomBytes(18).toString('hex')}`;
}

/**
 * Keychain tests need a real Secret Service. `npm test` starts one
 * (gnome-keyring under dbus-run-session); run directly without it they fail
 * loudly rather than skip.
 */
export function requireSessionBus(): void {
  if (!process.env['DBUS_SESSION_BUS_ADDRESS']) {
    throw new Error(
      'No D-Bus session: run the keychain tests through `npm test`, which starts gnome-keyring.',
    );
  }
}

/** Every file under `dir`, recursively: where a leaked key would have to be. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}
