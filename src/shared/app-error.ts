/**
 * Every failure that reaches the renderer is one of these kinds. The renderer
 * picks its banner or card from `kind`, so a kind is a promise about what the
 * person can do next, not a copy of an HTTP status.
 */
export const appErrorKinds = [
  'invalid-input',
  'no-key',
  'key-rejected',
  'key-check-failed',
  'keychain-unavailable',
  'auth',
  'permission',
  'not-found',
  'bad-request',
  'too-large',
  'billing',
  'rate-limit',
  'spend-cap',
  'overloaded',
  'server',
  'timeout',
  'connection',
  'stalled',
  'stream-interrupted',
  'cancelled',
  'storage',
  'internal',
] as const;

export type AppErrorKind = (typeof appErrorKinds)[number];

/** Serializable: crosses IPC as a plain object, never as an Error instance. */
export interface AppError {
  kind: AppErrorKind;
  /** A sentence the person can act on. */
  message: string;
  status?: number;
  requestId?: string;
  retryable: boolean;
  /** True when some of the answer had already streamed before the failure. */
  partial?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}

export function appError(
  kind: AppErrorKind,
  message: string,
  extra: { status?: number; requestId?: string; retryable?: boolean; partial?: boolean } = {},
): AppError {
  const error: AppError = { kind, message, retryable: extra.retryable ?? false };
  if (extra.status !== undefined) error.status = extra.status;
  if (extra.requestId !== undefined) error.requestId = extra.requestId;
  if (extra.partial !== undefined) error.partial = extra.partial;
  return error;
}
