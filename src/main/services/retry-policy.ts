/**
 * How long to wait before attempt `attempt` (2 = first retry). Exponential
 * with up to 25 % jitter below the base, like the SDK, so many clients hit by
 * one outage do not return in lockstep; a server's `retry-after` wins because
 * it knows when the bucket refills.
 */
export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A server-given wait (retry-after, or a 429's bucket reset) longer than
   * this is not worth waiting out automatically: the person is told instead.
   */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 5 * 60_000,
};

export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const base = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempt - 2), policy.maxDelayMs);
  return Math.round(base * (1 - 0.25 * random()));
}
