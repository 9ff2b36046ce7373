import {
  LOW_BUCKET_RATIO,
  rateLimitBuckets,
  type BucketState,
  type RateLimitBucket,
  type RateLimitSnapshot,
} from '../../shared/rate-limit';

/** Anything with a case-insensitive `get`, as fetch's `Headers` is. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** The specific buckets a banner can name, most specific first. */
const NAMED_BUCKETS: readonly RateLimitBucket[] = ['requests', 'input-tokens', 'output-tokens'];

function readBucket(headers: HeaderSource, bucket: RateLimitBucket): BucketState | null {
  const limit = Number(headers.get(`anthropic-ratelimit-${bucket}-limit`));
  const remainingRaw = headers.get(`anthropic-ratelimit-${bucket}-remaining`);
  if (remainingRaw === null || !Number.isFinite(limit) || limit <= 0) return null;
  const remaining = Number(remainingRaw);
  if (!Number.isFinite(remaining)) return null;
  const state: BucketState = { limit, remaining };
  const reset = headers.get(`anthropic-ratelimit-${bucket}-reset`);
  if (reset && !Number.isNaN(Date.parse(reset))) state.resetAt = reset;
  return state;
}

/**
 * Reads the `anthropic-ratelimit-*` headers of any response, successful or
 * not. Returns null when the response carried none (e.g. a proxy's 502).
 */
export function parseRateLimitHeaders(
  headers: HeaderSource,
  observedAt: number,
): RateLimitSnapshot | null {
  const buckets: RateLimitSnapshot['buckets'] = {};
  let any = false;
  for (const bucket of rateLimitBuckets) {
    const state = readBucket(headers, bucket);
    if (state) {
      buckets[bucket] = state;
      any = true;
    }
  }
  if (!any) return null;
  const snapshot: RateLimitSnapshot = { buckets, observedAt: new Date(observedAt).toISOString() };
  const ordered = [...NAMED_BUCKETS, 'tokens' as const];
  const exhausted = ordered.find((b) => buckets[b]?.remaining === 0);
  if (exhausted) snapshot.exhausted = exhausted;
  const low = ordered.find((b) => {
    const s = buckets[b];
    return s !== undefined && s.remaining > 0 && s.remaining / s.limit < LOW_BUCKET_RATIO;
  });
  if (low) snapshot.low = low;
  return snapshot;
}

/**
 * The wait a 429/529 asks for: `retry-after-ms`, else `retry-after` in
 * seconds or as an HTTP date. Null when the server gave no hint.
 */
export function parseRetryAfterMs(headers: HeaderSource, now: number): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)))
    return Math.max(0, Number(ms));
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return null;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * How long until every exhausted bucket has refilled, from their `-reset`
 * times: a 429 without `retry-after` still says when it will let the request
 * through, and retrying earlier would only be refused again. The latest reset
 * counts, since the request needs every bucket it emptied. Null when no empty
 * bucket gives a reset still ahead of `now`: one already past means the two
 * clocks disagree, and says nothing about how long to wait.
 */
export function exhaustedResetWaitMs(snapshot: RateLimitSnapshot, now: number): number | null {
  let latest: number | null = null;
  for (const state of Object.values(snapshot.buckets)) {
    if (state.remaining !== 0 || state.resetAt === undefined) continue;
    const at = Date.parse(state.resetAt);
    if (at > now && (latest === null || at > latest)) latest = at;
  }
  return latest === null ? null : latest - now;
}
