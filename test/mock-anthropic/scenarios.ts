/**
 * Turns a `::mock` directive and the attempt number into what this one request must do: fail
 * before answering, answer (which kind, how fast) and possibly break the stream midway.
 * "K times then success" scenarios compare the attempt number with `times`, so a client's
 * retry of the same message sees the failure K times and then an answer.
 */
import { choiceParam, numberParam } from './directive';
import type { Directive } from './directive';
import { badRequest, MockApiError, SUPPORTED_ERROR_STATUSES } from './errors';
import type { Bucket } from './rate-limit-ledger';

export type RefusalCategory =
  'cyber' | 'bio' | 'frontier_llm' | 'reasoning_extraction' | 'general_harms';

export interface AnswerSpec {
  kind: 'echo' | 'long' | 'refusal' | 'verbatim';
  /** `verbatim` only: characters per text delta (1 = every boundary is a delta boundary). */
  chunkChars: number;
  /** `long` only: exact number of tokens of markdown to generate. */
  tokens: number;
  /** `echo` only: exact number of text deltas, when asked for. */
  chunks: number | null;
  /** The echo answer is padded to at least this many text deltas (room for `after=N`). */
  minDeltas: number;
  thinking: boolean;
  forceMaxTokens: boolean;
  refusalCategory: RefusalCategory;
}

export interface Interruption {
  kind: 'error' | 'drop' | 'stall';
  /** Number of text deltas sent before the interruption. */
  after: number;
  stallSeconds: number;
}

export interface Scenario {
  failure: MockApiError | null;
  answer: AnswerSpec;
  interruption: Interruption | null;
  pacing: { delayMs: number; tokensPerSecond: number | null };
}

export const SCENARIO_NAMES = [
  'echo',
  'long',
  'rate-limit',
  'spend-cap',
  'overloaded',
  'server-error',
  'error',
  'mid-stream-error',
  'drop',
  'stall',
  'max-tokens',
  'refusal',
  'thinking',
  'verbatim',
] as const;

const BUCKETS: readonly Bucket[] = ['requests', 'input-tokens', 'output-tokens'];
const REFUSAL_CATEGORIES: readonly RefusalCategory[] = [
  'cyber',
  'bio',
  'frontier_llm',
  'reasoning_extraction',
  'general_harms',
];

const RATE_LIMIT_MESSAGES: Readonly<Record<Bucket, string>> = {
  requests:
    'This request would exceed the rate limit for your organization of requests per minute.',
  'input-tokens':
    'This request would exceed the rate limit for your organization of input tokens per minute.',
  'output-tokens':
    'This request would exceed the rate limit for your organization of output tokens per minute.',
};

function failureFor(directive: Directive, now: number): MockApiError | null {
  switch (directive.name) {
    case 'rate-limit': {
      // `retry-after=none` leaves the header out, as a proxy that strips it would: then only
      // the exhausted bucket's `-reset` says when to come back.
      const omitRetryAfter = directive.params['retry-after'] === 'none';
      const seconds = omitRetryAfter
        ? null
        : numberParam(directive, 'retry-after', 1, { integer: false, max: 3600 });
      // The bucket refills when retry-after says, unless `reset=S` says otherwise.
      const resetSeconds = numberParam(directive, 'reset', seconds ?? 1, {
        integer: false,
        max: 3600,
      });
      const bucket = choiceParam(directive, 'limit', BUCKETS, 'requests');
      return new MockApiError(429, RATE_LIMIT_MESSAGES[bucket], {
        ...(seconds === null ? {} : { retryAfterSeconds: seconds }),
        exhausted: { bucket, resetAt: now + resetSeconds * 1000 },
      });
    }
    case 'spend-cap': {
      const codes = ['enforced_spend_limit_reached', 'contract_spend_limit_reached'] as const;
      const errorCode = choiceParam(directive, 'code', codes, 'enforced_spend_limit_reached');
      return new MockApiError(
        429,
        'You have reached your specified API usage limits. You will regain access on the first day of next month.',
        { errorCode },
      );
    }
    case 'overloaded':
      return new MockApiError(529);
    case 'server-error': {
      const status = numberParam(directive, 'status', 500, { min: 500, max: 599 });
      if (![500, 502, 503, 504].includes(status))
        throw badRequest('::mock server-error: status must be 500|502|503|504');
      return new MockApiError(status);
    }
    case 'error': {
      const status = numberParam(directive, 'status', 500, { min: 400, max: 599 });
      if (!SUPPORTED_ERROR_STATUSES.includes(status)) {
        throw badRequest(
          `::mock error: status must be one of ${SUPPORTED_ERROR_STATUSES.join('|')}`,
        );
      }
      const code = directive.params['code'];
      return new MockApiError(status, undefined, code === undefined ? {} : { errorCode: code });
    }
    default:
      return null;
  }
}

/** Failing scenarios that are transient by nature default to one failure; the rest to always. */
const DEFAULT_TIMES: Readonly<Record<string, number>> = {
  'rate-limit': 1,
  overloaded: 1,
  'server-error': 1,
};

function interruptionFor(directive: Directive): Interruption | null {
  const kinds: Readonly<Record<string, Interruption['kind']>> = {
    'mid-stream-error': 'error',
    drop: 'drop',
    stall: 'stall',
  };
  const kind = kinds[directive.name];
  if (kind === undefined) return null;
  return {
    kind,
    after: numberParam(directive, 'after', 5, { max: 100_000 }),
    stallSeconds: numberParam(directive, 'seconds', 30, { integer: false, max: 3600 }),
  };
}

export function resolveScenario(
  directive: Directive | null,
  attempt: number,
  now: number,
): Scenario {
  const name = directive?.name ?? 'echo';
  if (directive && !(SCENARIO_NAMES as readonly string[]).includes(name)) {
    throw badRequest(`unknown ::mock scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  }
  const times = numberParam(directive, 'times', DEFAULT_TIMES[name] ?? Number.MAX_SAFE_INTEGER);
  const misbehaves = attempt <= times;
  const failure = directive && misbehaves ? failureFor(directive, now) : null;
  // Resolved on every attempt so the answer (padded for `after`) is the same on a retry.
  const planned = directive ? interruptionFor(directive) : null;
  const interruption = misbehaves ? planned : null;
  const rate = numberParam(directive, 'rate', 0, { integer: false, max: 1_000_000 });
  return {
    failure,
    interruption,
    pacing: {
      delayMs: numberParam(directive, 'delay-ms', 0, { max: 600_000 }),
      tokensPerSecond: rate > 0 ? rate : null,
    },
    answer: {
      kind: name === 'long' || name === 'refusal' || name === 'verbatim' ? name : 'echo',
      chunkChars: numberParam(directive, 'chunk', 8, { min: 1, max: 100_000 }),
      tokens: numberParam(directive, 'tokens', 1000, { min: 1, max: 2_000_000 }),
      chunks:
        directive?.params['chunks'] === undefined
          ? null
          : numberParam(directive, 'chunks', 1, { min: 1 }),
      minDeltas: (planned?.after ?? 0) + 4,
      thinking: name === 'thinking',
      forceMaxTokens: name === 'max-tokens',
      refusalCategory: choiceParam(directive, 'category', REFUSAL_CATEGORIES, 'general_harms'),
    },
  };
}
