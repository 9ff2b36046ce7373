import fs from 'node:fs';
import path from 'node:path';
import { isCorruptionError, type IntegrityCheckLevel } from './sqlite-connection';

/**
 * A small file that says "check this database fully at next open". A full
 * check of a large history takes seconds, too slow for every start, so it
 * runs when there is a reason: SQLite reported corruption while the app was
 * running, or a backup copy failed its check. The flag outlives a crash.
 */

/** Up to this size the 'auto' open check reads the whole file (~12 ms per MiB, so <= ~100 ms). */
export const autoQuickCheckMaxBytes = 8 * 1024 * 1024;

const flagName = 'history.check-needed';

export function flagPath(dataDir: string): string {
  return path.join(dataDir, flagName);
}

export function raiseIntegrityFlag(dataDir: string, reason: string): void {
  try {
    fs.writeFileSync(flagPath(dataDir), `${reason}\n`);
  } catch {
    // Best effort: failing to write the flag must not hide the original error.
  }
}

export function integrityFlagRaised(dataDir: string): boolean {
  return fs.existsSync(flagPath(dataDir));
}

export function clearIntegrityFlag(dataDir: string): void {
  fs.rmSync(flagPath(dataDir), { force: true });
}

/** 'auto' picks a check that keeps opening fast at any size (see HistoryStoreOptions). */
export function resolveIntegrityLevel(
  level: IntegrityCheckLevel | 'auto',
  file: string,
  dataDir: string,
): IntegrityCheckLevel {
  if (level !== 'auto') return level;
  if (integrityFlagRaised(dataDir)) return 'quick';
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return 'quick';
  }
  return size <= autoQuickCheckMaxBytes ? 'quick' : 'light';
}

/**
 * Wraps every method so a corruption error met at run time (a page the open
 * check did not read) raises the flag before it propagates.
 */
export function watchForCorruption<T extends object>(target: T, flag: (reason: string) => void): T {
  for (const key of Object.keys(target) as Array<keyof T>) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    const value: unknown = descriptor?.value;
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => unknown;
    Object.defineProperty(target, key, {
      ...descriptor,
      value: (...args: unknown[]) => {
        try {
          return method.apply(target, args);
        } catch (error) {
          if (isCorruptionError(error)) flag(error instanceof Error ? error.message : 'corrupt');
          throw error;
        }
      },
    });
  }
  return target;
}
