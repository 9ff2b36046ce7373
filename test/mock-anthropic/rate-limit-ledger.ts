/**
 * A one-minute sliding window of what this server has served, from which every response's
 * `anthropic-ratelimit-*` headers are derived. Clients (the app's rate-limit banner) read those
 * headers to name the exhausted limit and count down to its reset, so they must move plausibly:
 * remaining falls as requests are made and recovers as the window slides.
 */
export type Bucket = 'requests' | 'input-tokens' | 'output-tokens';

export interface RateLimits {
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export const DEFAULT_LIMITS: RateLimits = {
  requests: 4_000,
  inputTokens: 2_000_000,
  outputTokens: 400_000,
};

/** One served request; tokens are filled in once the answer has been planned. */
export interface LedgerEntry {
  at: number;
  input: number;
  output: number;
}

interface BucketState {
  limit: number;
  remaining: number;
  resetAt: number;
}

const WINDOW_MS = 60_000;

/** RFC 3339 with whole seconds, rounded up so a reset is never reported in the past. */
export function rfc3339(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Token counts are only ever published to the thousand, as the real service does. */
const roundTokens = (n: number): number => Math.max(0, Math.floor(n / 1000) * 1000);

export class RateLimitLedger {
  private entries: LedgerEntry[] = [];

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: () => number,
  ) {}

  private live(now: number): LedgerEntry[] {
    this.entries = this.entries.filter((entry) => entry.at > now - WINDOW_MS);
    return this.entries;
  }

  /** Milliseconds until another request fits, or null when one fits now. */
  requestWaitMs(): number | null {
    const now = this.clock();
    const live = this.live(now);
    if (live.length < this.limits.requests) return null;
    const oldest = live[live.length - this.limits.requests];
    return Math.max(1, (oldest?.at ?? now) + WINDOW_MS - now);
  }

  record(): LedgerEntry {
    const entry: LedgerEntry = { at: this.clock(), input: 0, output: 0 };
    this.entries.push(entry);
    return entry;
  }

  reset(): void {
    this.entries = [];
  }

  private bucket(
    limit: number,
    used: number,
    holders: LedgerEntry[],
    now: number,
    tokens: boolean,
  ): BucketState {
    const first = holders[0];
    return {
      limit,
      remaining: tokens ? roundTokens(limit - used) : Math.max(0, limit - used),
      resetAt: first === undefined ? now : first.at + WINDOW_MS,
    };
  }

  /** Headers for a response; `exhausted` forces one bucket to 0 (a simulated 429). */
  headers(exhausted?: { bucket: Bucket; resetAt: number }): Record<string, string> {
    const now = this.clock();
    const live = this.live(now);
    const sum = (key: 'input' | 'output'): number => live.reduce((n, e) => n + e[key], 0);
    const buckets: Record<Bucket, BucketState> = {
      requests: this.bucket(this.limits.requests, live.length, live, now, false),
      'input-tokens': this.bucket(
        this.limits.inputTokens,
        sum('input'),
        live.filter((e) => e.input > 0),
        now,
        true,
      ),
      'output-tokens': this.bucket(
        this.limits.outputTokens,
        sum('output'),
        live.filter((e) => e.output > 0),
        now,
        true,
      ),
    };
    if (exhausted) {
      buckets[exhausted.bucket] = {
        ...buckets[exhausted.bucket],
        remaining: 0,
        resetAt: exhausted.resetAt,
      };
    }
    const input = buckets['input-tokens'];
    const output = buckets['output-tokens'];
    const tokens = input.remaining < output.remaining ? input : output;
    const all: Record<string, BucketState> = { ...buckets, tokens };
    const headers: Record<string, string> = {};
    for (const [name, state] of Object.entries(all)) {
      headers[`anthropic-ratelimit-${name}-limit`] = String(state.limit);
      headers[`anthropic-ratelimit-${name}-remaining`] = String(state.remaining);
      headers[`anthropic-ratelimit-${name}-reset`] = rfc3339(state.resetAt);
    }
    return headers;
  }
}
