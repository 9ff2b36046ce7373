import type { AppError } from '../../../shared/app-error';
import type { ParleyApi } from '../../../shared/ipc';

/**
 * The one door to the rest of the app (the preload, or the browser shell's
 * bridge). Read lazily so a missing bridge shows as an error screen instead
 * of a crash at import time.
 */
export function parley(): ParleyApi {
  return window.parley;
}

export function hasBridge(): boolean {
  return (
    typeof window !== 'undefined' && typeof window.parley === 'object' && window.parley !== null
  );
}

/** A message fit for a person, for the rare error that has none. */
export function errorText(error: AppError): string {
  return error.message.trim() || 'Something went wrong. Try again.';
}
