import { z } from 'zod';

/**
 * The buckets Anthropic meters. `tokens` is the combined view the API reports
 * as "the most restrictive token limit".
 */
export const rateLimitBuckets = ['requests', 'input-tokens', 'output-tokens', 'tokens'] as const;
export type RateLimitBucket = (typeof rateLimitBuckets)[number];

export const bucketStateSchema = z.object({
  limit: z.number(),
  remaining: z.number(),
  /** RFC 3339, as the API sends it. */
  resetAt: z.string().optional(),
});
export type BucketState = z.infer<typeof bucketStateSchema>;

export const rateLimitSnapshotSchema = z.object({
  buckets: z.partialRecord(z.enum(rateLimitBuckets), bucketStateSchema),
  /** ISO time the headers were read. */
  observedAt: z.string(),
  /** The bucket at zero, if any: what a 429 banner names. */
  exhausted: z.enum(rateLimitBuckets).optional(),
  /** The bucket below the warning threshold (but not empty), if any. */
  low: z.enum(rateLimitBuckets).optional(),
});
export type RateLimitSnapshot = z.infer<typeof rateLimitSnapshotSchema>;

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
