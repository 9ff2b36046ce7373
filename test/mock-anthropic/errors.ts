/**
 * API errors as the real service shapes them. Handlers throw `MockApiError`; the router turns
 * it into the exact body the SDK parses (`type`, `message`, optional `details.error_code`).
 */
import type { Bucket } from './rate-limit-ledger';

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

const TYPE_BY_STATUS: Readonly<Record<number, ErrorType>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Invalid request.',
  401: 'invalid x-api-key',
  402: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
  403: 'Your API key does not have permission to use the specified resource.',
  404: 'Not found.',
  413: 'Request exceeds the maximum allowed number of bytes.',
  429: 'This request would exceed your rate limit. Please wait and try again.',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Request timed out',
  529: 'Overloaded',
};

/** Statuses a `::mock error status=S` directive (and `server-error`) may ask for. */
export const SUPPORTED_ERROR_STATUSES: readonly number[] = Object.keys(TYPE_BY_STATUS).map(Number);

export interface MockApiErrorExtras {
  errorCode?: string;
  /** Seconds; becomes `retry-after`. Spend caps deliberately have none. */
  retryAfterSeconds?: number;
  /** The rate-limit bucket to report as exhausted (remaining 0) and when it resets (ms). */
  exhausted?: { bucket: Bucket; resetAt: number };
}

export class MockApiError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly extras: MockApiErrorExtras;

  constructor(status: number, message?: string, extras: MockApiErrorExtras = {}) {
    super(message ?? DEFAULT_MESSAGES[status] ?? 'Error');
    this.status = status;
    this.type = TYPE_BY_STATUS[status] ?? 'api_error';
    this.extras = extras;
  }
}

export const badRequest = (message: string): MockApiError => new MockApiError(400, message);

export interface ErrorBody {
  type: 'error';
  error: { type: ErrorType; message: string; details?: { error_code: string } };
  request_id: string;
}

export function errorBody(error: MockApiError, requestId: string): ErrorBody {
  const code = error.extras.errorCode;
  return {
    type: 'error',
    error: {
      type: error.type,
      message: error.message,
      ...(code === undefined ? {} : { details: { error_code: code } }),
    },
    request_id: requestId,
  };
}
