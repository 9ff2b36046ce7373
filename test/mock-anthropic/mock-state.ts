/**
 * Everything a running mock remembers between requests: the recorded requests tests assert
 * on, the attempt counters behind "K times then success", the rate-limit window and the
 * requests in flight (so `close()` can end stalls and slow streams at once).
 */
import { AttemptCounter } from './attempt-counter';
import { DEFAULT_LIMITS, RateLimitLedger } from './rate-limit-ledger';

export interface MockAnthropicOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (the mock is never meant to be reachable from afar). */
  host?: string;
  /** Enforce a real sliding-window limit on POST /v1/messages (429 once exceeded). */
  requestsPerMinute?: number;
  /** Time source for rate-limit windows and reset timestamps; tests can move it forward. */
  clock?: () => number;
  /** Bodies above this size get 413 request_too_large; default 32 MB like the real API. */
  maxRequestBytes?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it was not JSON, undefined when empty. */
  body: unknown;
  requestId: string;
  receivedAt: number;
  /**
   * The SSE event types this request's stream sent, in order (empty unless it streamed), so a
   * test can prove a client met what it claims to handle, such as `ping` or an unknown type.
   */
  sentEvents: string[];
}

export class MockState {
  readonly clock: () => number;
  readonly ledger: RateLimitLedger;
  readonly attempts = new AttemptCounter();
  readonly requests: RecordedRequest[] = [];
  readonly inFlight = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];
  readonly enforceRequestLimit: boolean;
  readonly maxRequestBytes: number;

  constructor(options: MockAnthropicOptions) {
    this.clock = options.clock ?? Date.now;
    const rpm = options.requestsPerMinute;
    if (rpm !== undefined && (!Number.isInteger(rpm) || rpm < 1)) {
      throw new RangeError(`requestsPerMinute must be a positive integer, got ${rpm}`);
    }
    this.enforceRequestLimit = rpm !== undefined;
    this.ledger = new RateLimitLedger(
      { ...DEFAULT_LIMITS, requests: rpm ?? DEFAULT_LIMITS.requests },
      this.clock,
    );
    this.maxRequestBytes = options.maxRequestBytes ?? 32 * 1024 * 1024;
  }

  /** Tracks a request until its response closes, so `close()` can abort and await it. */
  track(controller: AbortController): () => void {
    this.inFlight.add(controller);
    return () => {
      this.inFlight.delete(controller);
      if (this.inFlight.size > 0) return;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    };
  }

  idle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    this.attempts.clear();
    this.requests.length = 0;
    this.ledger.reset();
  }
}
