import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
} from '@anthropic-ai/sdk';
import { appError, type AppError } from '../../shared/app-error';
import type { RetryReason } from '../../shared/ipc';
import type { RateLimitBucket } from '../../shared/rate-limit';
import {
  exhaustedResetWaitMs,
  parseRateLimitHeaders,
  parseRetryAfterMs,
} from './rate-limit-headers';

const SPEND_CAP_CODES = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached']);

/** Our own reasons for aborting a stream, distinguishable from the person's cancel. */
export class StreamStalledError extends Error {
  constructor(readonly silentMs: number) {
    super(`no data for ${silentMs} ms`);
  }
}

export interface Classified {
  error: AppError;
  /** Present when an automatic retry may help (before any text streamed). */
  retry: {
    reason: RetryReason;
    /**
     * The wait the server asked for: `retry-after(-ms)`, or for a 429 without
     * it the time until the exhausted bucket resets. Null: back off instead.
     */
    retryAfterMs: number | null;
    bucket: RateLimitBucket | null;
  } | null;
}

const BUCKET_WORDS: Record<RateLimitBucket, string> = {
  requests: 'requests',
  'input-tokens': 'input tokens',
  'output-tokens': 'output tokens',
  tokens: 'tokens',
};

/**
 * Turns whatever the SDK threw into what the person needs to know and whether
 * waiting could help. Messages say what to do, not what went wrong inside.
 */
export function classifyError(err: unknown, ctx: { model: string; now: number }): Classified {
  if (err instanceof StreamStalledError) {
    return {
      error: appError(
        'stalled',
        `Claude stopped sending for ${Math.round(err.silentMs / 1000)} s, so Parley gave up waiting.`,
        { retryable: true },
      ),
      retry: { reason: 'timeout', retryAfterMs: null, bucket: null },
    };
  }
  if (err instanceof APIConnectionTimeoutError) {
    return {
      error: appError('timeout', 'The Anthropic API took too long to answer.', { retryable: true }),
      retry: { reason: 'timeout', retryAfterMs: null, bucket: null },
    };
  }
  if (err instanceof APIConnectionError) {
    return {
      error: appError(
        'connection',
        "Couldn't reach the Anthropic API. Check your internet connection.",
        { retryable: true },
      ),
      retry: { reason: 'connection', retryAfterMs: null, bucket: null },
    };
  }
  if (!(err instanceof APIError) && (err instanceof AnthropicError || err instanceof TypeError)) {
    // A body that dies mid-read (`terminated`, a reset socket) surfaces as a bare
    // AnthropicError/TypeError, not as APIConnectionError.
    return {
      error: appError('connection', 'The connection to the Anthropic API was lost.', {
        retryable: true,
      }),
      retry: { reason: 'connection', retryAfterMs: null, bucket: null },
    };
  }
  if (!(err instanceof APIError)) {
    return {
      error: appError('internal', 'Something went wrong inside Parley. Try again.', {
        retryable: true,
      }),
      retry: null,
    };
  }
  const extra: { status?: number; requestId?: string } = {};
  if (err.status !== undefined) extra.status = err.status;
  if (err.requestID) extra.requestId = err.requestID;
  const retryAfterMs = err.headers ? parseRetryAfterMs(err.headers, ctx.now) : null;
  const detail = err.apiMessage ? ` (${err.apiMessage})` : '';

  if (err.status === undefined) {
    // An `error` event inside an SSE stream: the SDK never retries these.
    const overloaded = err.type === 'overloaded_error';
    return {
      error: appError(
        overloaded ? 'overloaded' : 'server',
        overloaded
          ? 'Claude is overloaded right now.'
          : `The Anthropic API reported an error${detail}.`,
        { ...extra, retryable: true },
      ),
      retry: { reason: overloaded ? 'overloaded' : 'server-error', retryAfterMs, bucket: null },
    };
  }
  switch (err.status) {
    case 400:
      return {
        error: appError('bad-request', `Claude couldn't accept this request${detail}.`, extra),
        retry: null,
      };
    case 401:
      return {
        error: appError('auth', 'Your API key was rejected. Enter a new key in Settings.', extra),
        retry: null,
      };
    case 402:
      return {
        error: appError(
          'billing',
          'Your Anthropic account has a billing problem. Check Plans & Billing in the Anthropic Console.',
          extra,
        ),
        retry: null,
      };
    case 403:
      return {
        error: appError('permission', `This key isn't allowed to do that${detail}.`, extra),
        retry: null,
      };
    case 404:
      return {
        error: appError(
          'not-found',
          `The model "${ctx.model}" isn't available to this key. Pick another model.`,
          extra,
        ),
        retry: null,
      };
    case 413:
      return {
        error: appError(
          'too-large',
          'This conversation is too large to send. Shorten the message or start a new conversation.',
          extra,
        ),
        retry: null,
      };
    case 429: {
      if (err.errorCode && SPEND_CAP_CODES.has(err.errorCode)) {
        return {
          error: appError(
            'spend-cap',
            "Your organization's spend limit has been reached. Raise it in the Anthropic Console; Parley won't retry until then.",
            extra,
          ),
          retry: null,
        };
      }
      const snapshot = err.headers ? parseRateLimitHeaders(err.headers, ctx.now) : null;
      const bucket = snapshot?.exhausted ?? null;
      // Without retry-after the wait runs to the bucket's reset (the banner counts down to
      // it), not to a backoff that would retry into the same empty bucket.
      const waitMs = retryAfterMs ?? (snapshot ? exhaustedResetWaitMs(snapshot, ctx.now) : null);
      const what = bucket ? `${BUCKET_WORDS[bucket]} per minute` : 'requests';
      return {
        error: appError('rate-limit', `Rate limited: your ${what} limit is used up.`, {
          ...extra,
          retryable: true,
        }),
        retry: { reason: 'rate-limit', retryAfterMs: waitMs, bucket },
      };
    }
    case 529:
      return {
        error: appError('overloaded', 'Claude is overloaded right now.', {
          ...extra,
          retryable: true,
        }),
        retry: { reason: 'overloaded', retryAfterMs, bucket: null },
      };
    case 408:
    case 504:
      return {
        error: appError('timeout', 'The Anthropic API timed out.', { ...extra, retryable: true }),
        retry: { reason: 'timeout', retryAfterMs, bucket: null },
      };
    default:
      if (err.status >= 500 || err.status === 409) {
        return {
          error: appError('server', `The Anthropic API had a server error (${err.status}).`, {
            ...extra,
            retryable: true,
          }),
          retry: { reason: 'server-error', retryAfterMs, bucket: null },
        };
      }
      return {
        error: appError('bad-request', `The request failed (${err.status})${detail}.`, extra),
        retry: null,
      };
  }
}
