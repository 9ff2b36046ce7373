/**
 * Plain types and labels, no schema library: the renderer imports this.
 *
 * The buckets Anthropic meters. `tokens` is the combined view the API reports
 * as "the most restrictive token limit".
 */
export const rateLimitBuckets = ['requests', 'input-tokens', 'output-tokens', 'tokens'] as const;
export type RateLimitBucket = (typeof rateLimitBuckets)[number];

export interface BucketState {
  limit: number;
  remaining: number;
  /** RFC 3339, as the API sends it. */
  resetAt?: string;
}

export interface RateLimitSnapshot {
  buckets: Partial<Record<RateLimitBucket, BucketState>>;
  /** ISO time the headers were read. */
  observedAt: string;
  /** The bucket at zero, if any: what a 429 banner names. */
  exhausted?: RateLimitBucket;
  /** The bucket below the warning threshold (but not empty), if any. */
  low?: RateLimitBucket;
}

/** Below this share of the limit a quiet warning shows before any 429. */
export const LOW_BUCKET_RATIO = 0.1;

export function bucketLabel(bucket: RateLimitBucket): string {
  switch (bucket) {
    case 'requests':
      return 'requests per minute';
    case 'input-tokens':
      return 'input tokens per minute';
    case 'output-tokens':
      return 'output tokens per minute';
    case 'tokens':
      return 'tokens per minute';
  }
}
