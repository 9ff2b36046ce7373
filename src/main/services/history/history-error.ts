import { appError, type AppError, type AppErrorKind } from '../../../shared/app-error';

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

export function toHistoryAppError(error: unknown): AppError {
  if (error instanceof HistoryError) return error.appError;
  const code = (error as { code?: unknown } | null)?.code;
  const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
  return appError(
    'storage',
    busy
      ? 'The history database is busy. Try again in a moment.'
      : 'Parley could not read or write its history database.',
    { retryable: busy },
  );
}
