import type { Connectivity, RetryReason } from '../../../shared/ipc';
import {
  bucketLabel,
  type RateLimitBucket,
  type RateLimitSnapshot,
} from '../../../shared/rate-limit';
import type { Answer } from './conversation';

/**
 * Which banners show, derived from state rather than stored: each one
 * disappears by itself as soon as the condition behind it ends (the retry
 * happened, the connection came back, the limit reset).
 */
export type Banner =
  | { kind: 'rate-limited'; requestId: string; bucket: RateLimitBucket | null; retryAt: string }
  | {
      kind: 'retrying';
      requestId: string;
      reason: Exclude<RetryReason, 'rate-limit'>;
      /** 1 for the first retry. */
      retry: number;
      maxRetries: number;
      retryAt: string;
    }
  | { kind: 'offline'; cause: Connectivity['cause'] }
  | { kind: 'low-limit'; bucket: RateLimitBucket };

export interface BannerInputs {
  active: Answer | undefined;
  connectivity: Connectivity;
  rateLimit: RateLimitSnapshot | null;
  now: number;
}

export function deriveBanners({ active, connectivity, rateLimit, now }: BannerInputs): Banner[] {
  const banners: Banner[] = [];
  if (!connectivity.online) banners.push({ kind: 'offline', cause: connectivity.cause });
  const retry = active?.status === 'retrying' ? active.retry : null;
  // Only an answer this window is streaming has a request to retry or cancel.
  if (active?.requestId && retry) {
    if (retry.reason === 'rate-limit') {
      banners.push({
        kind: 'rate-limited',
        requestId: active.requestId,
        bucket: retry.bucket,
        retryAt: retry.retryAt,
      });
    } else {
      banners.push({
        kind: 'retrying',
        requestId: active.requestId,
        reason: retry.reason,
        retry: retry.attempt - 1,
        maxRetries: retry.maxAttempts - 1,
        retryAt: retry.retryAt,
      });
    }
  }
  const low = lowBucket(rateLimit, now);
  if (low && !banners.some((b) => b.kind === 'rate-limited')) {
    banners.push({ kind: 'low-limit', bucket: low });
  }
  return banners;
}

/** A "close to your limit" warning lasts until the bucket resets or a newer reading clears it. */
function lowBucket(snapshot: RateLimitSnapshot | null, now: number): RateLimitBucket | null {
  if (!snapshot?.low || snapshot.exhausted) return null;
  const resetAt = snapshot.buckets[snapshot.low]?.resetAt;
  if (resetAt !== undefined) {
    const reset = Date.parse(resetAt);
    if (Number.isFinite(reset) && reset <= now) return null;
  }
  return snapshot.low;
}

/** Whole seconds left until `iso`, never negative; rounds up so "0 s" means "now". */
export function secondsUntil(iso: string, now: number): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 0;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "3 s", "1 min 05 s": short enough to read at a glance while it counts down. */
export function formatCountdown(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** "input tokens per minute limit", or just "rate limit" when the 429 named no bucket. */
export function limitName(bucket: RateLimitBucket | null): string {
  return bucket ? `${bucketLabel(bucket)} limit` : 'rate limit';
}

export function retryReasonText(reason: Exclude<RetryReason, 'rate-limit'>): string {
  switch (reason) {
    case 'overloaded':
      return 'Claude is overloaded';
    case 'server-error':
      return 'Anthropic had a server error';
    case 'timeout':
      return 'The request timed out';
    case 'connection':
      return "Couldn't reach Anthropic";
  }
}
