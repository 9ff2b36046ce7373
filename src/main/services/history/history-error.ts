import { appError, type AppError, type AppErrorKind } from '../../../shared/app-error';
import { isCorruptionError } from './sqlite-connection';

/**
 * Store methods are synchronous and throw on misuse (unknown ids, writing to a
 * deleted conversation); the IPC adapter turns any throw into an AppError
 * value with `toHistoryAppError`, so nothing is thrown across IPC.
 */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  readonly appError: AppError;

  constructor(kind: AppErrorKind, message: string) {
    super(message);
    this.appError = appError(kind, message);
  }
}

/**
 * Damage met at run time gets its own message: the store has flagged the
 * file for a full check at the next start, where damage is repaired (the
 * file moved aside, the newest backup offered), so trying again now would
 * only meet the same pages.
 */
export function toHistoryAppError(error: unknown): AppError {
  if (error instanceof HistoryError) return error.appError;
  if (isCorruptionError(error)) {
    return appError(
      'storage',
      'Parley found damage in its history file. Restart Parley to check and repair it; your backups are kept.',
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
  return appError(
    'storage',
    busy
      ? 'The history database is busy. Try again in a moment.'
      : "Parley couldn't read or write its history. Your data is unchanged; try again.",
    { retryable: true },
  );
}
