import type Anthropic from '@anthropic-ai/sdk';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { appError } from '../../shared/app-error';
import type { ChatEvent, ChatMessage, StopReason } from '../../shared/ipc';
import type { RateLimitSnapshot } from '../../shared/rate-limit';
import { sleep, type Clock } from './clock';
import type { ConnectivityMonitor } from './connectivity';
import { createDeltaCoalescer } from './delta-coalescer';
import { classifyError } from './error-classifier';
import { FALLBACK_MAX_OUTPUT_TOKENS } from './model-catalog';
import { parseRateLimitHeaders } from './rate-limit-headers';
import { createStallWatch } from './stall-watch';
import { createStreamTally } from './stream-tally';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy';

export interface ChatRequest {
  requestId: string;
  model: string;
  messages: ChatMessage[];
  maxTokens?: number | undefined;
}

/**
 * Raw, uncoalesced progress for whoever must persist it (the history layer).
 * Called synchronously in stream order, so what it saves is always a prefix.
 */
export interface StreamObserver {
  onText?(requestId: string, delta: string): void;
  onBlockStop?(requestId: string): void;
  onEvent?(event: ChatEvent): void;
}

export interface ChatEngineDeps {
  /** Null when there is no key; the request then fails with `no-key`. */
  getClient: () => Promise<Anthropic | null>;
  clock: Clock;
  emit: (event: ChatEvent) => void;
  connectivity: ConnectivityMonitor;
  onRateLimit: (snapshot: RateLimitSnapshot) => void;
  observer?: StreamObserver;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  /** At most one delta event per stream per this many ms. */
  coalesceMs?: number;
  /** A stream silent this long after its headers is aborted (the SDK never times it out). */
  stallTimeoutMs?: number;
  /** `max_tokens` for a request that names none (the model's own limit, from the catalog). */
  maxTokensFor?: (model: string) => number;
  /** Retry waits; tests substitute one that records the wait and returns at once. */
  waitFor?: (ms: number, signal: AbortSignal, wake: AbortSignal) => Promise<void>;
}

export interface ChatEngine {
  /** Starts in the background; progress arrives as events. False if the id is already running. */
  start(request: ChatRequest): boolean;
  cancel(requestId: string): boolean;
  /** Ends a retry wait early (the person pressed "Retry now"). */
  retryNow(requestId: string): boolean;
  /** Resolves when the request has emitted its terminal event (tests, shutdown). */
  settled(requestId: string): Promise<void>;
  activeCount(): number;
  /** Cancels everything and resolves once each request has emitted its terminal event. */
  cancelAll(): Promise<void>;
  /**
   * Sends each stream's text held back for coalescing now. Before a snapshot
   * of what the deltas carried (a reloaded window's `resumeAnswers`): the
   * history may already hold that text, and a snapshot behind the copy on
   * screen would make the answer shrink for a moment.
   */
  flushDeltas(): void;
}

interface Running {
  abort: AbortController;
  wake: AbortController | null;
  done: Promise<void>;
  /** Sends the text its coalescer holds; set once the run has one. */
  flush: () => void;
}

/**
 * Runs streamed Claude requests with retries the person can see. The SDK's
 * own retries are off (`maxRetries: 0` on the client) because they are
 * invisible: here every wait is announced with its reason, length and, for a
 * 429, the exhausted bucket, and can be cut short or cancelled.
 */
export function createChatEngine(deps: ChatEngineDeps): ChatEngine {
  const policy = deps.retryPolicy ?? defaultRetryPolicy;
  const random = deps.random ?? Math.random;
  const coalesceMs = deps.coalesceMs ?? 16;
  const stallMs = deps.stallTimeoutMs ?? 30_000;
  const running = new Map<string, Running>();
  const { clock } = deps;
  const waitFor = deps.waitFor ?? ((ms, signal, wake) => sleep(clock, ms, signal, wake));

  const emit = (event: ChatEvent): void => {
    deps.observer?.onEvent?.(event);
    deps.emit(event);
  };

  const noteHeaders = (headers: Headers | undefined | null): void => {
    if (!headers) return;
    const snapshot = parseRateLimitHeaders(headers, clock.now());
    if (snapshot) deps.onRateLimit(snapshot);
  };

  async function run(req: ChatRequest, ctl: Running): Promise<void> {
    const { requestId } = req;
    const signal = ctl.abort.signal;
    // Whether any text arrived; the text itself is the coalescer's and the observer's to keep.
    let anyText = false;
    let started = false;
    const coalescer = createDeltaCoalescer(clock, coalesceMs, (t) =>
      emit({ type: 'delta', requestId, text: t }),
    );
    ctl.flush = coalescer.flush;
    try {
      const client = await deps.getClient();
      if (!client) {
        emit({
          type: 'error',
          requestId,
          partial: false,
          error: appError('no-key', 'Add your Anthropic API key in Settings to start chatting.'),
        });
        return;
      }
      for (let attempt = 1; ; attempt++) {
        if (!deps.connectivity.state().online) {
          emit({ type: 'waiting-online', requestId });
          await deps.connectivity.waitOnline(signal);
        }
        const outcome = await attemptOnce(client, req, signal, {
          onConnect: (apiRequestId) => {
            if (!started) {
              started = true;
              emit({ type: 'started', requestId, model: req.model, apiRequestId });
            }
          },
          onText: (delta) => {
            if (delta !== '') anyText = true;
            coalescer.push(delta);
            deps.observer?.onText?.(requestId, delta);
          },
        });
        coalescer.flush();
        if (outcome.ok) {
          emit({ type: 'done', requestId, ...outcome.value });
          return;
        }
        if (signal.aborted) throw signal.reason;
        const classified = classifyError(outcome.error, { model: req.model, now: clock.now() });
        // Only a failure to connect says we may be offline; a body cut mid-read does not. A
        // timeout (to the SDK a kind of connection error) may be a slow API or a dead network:
        // the host is asked once, and only its silence means offline.
        if (outcome.error instanceof APIConnectionTimeoutError) deps.connectivity.verify();
        else if (outcome.error instanceof APIConnectionError)
          deps.connectivity.reportConnectionFailure();
        if (anyText) {
          // Resending silently could double-bill and reorder text: the person decides.
          const why = classified.error.message.replace(/\.$/, '');
          emit({
            type: 'error',
            requestId,
            partial: true,
            error: {
              ...classified.error,
              kind: classified.error.kind === 'stalled' ? 'stalled' : 'stream-interrupted',
              partial: true,
              retryable: true,
              message: `The answer was cut off: ${why}. What arrived is kept; you can retry or continue.`,
            },
          });
          return;
        }
        const retry = classified.retry;
        const tooLong = retry?.retryAfterMs != null && retry.retryAfterMs > policy.maxRetryAfterMs;
        if (!retry || attempt >= policy.maxAttempts || tooLong) {
          const gaveUp = retry && !tooLong ? ` Parley tried ${attempt} times.` : '';
          emit({
            type: 'error',
            requestId,
            partial: false,
            error: { ...classified.error, message: classified.error.message + gaveUp },
          });
          return;
        }
        if (retry.reason === 'connection' && !deps.connectivity.state().online) continue;
        const waitMs = retryDelayMs(policy, attempt + 1, retry.retryAfterMs, random);
        emit({
          type: 'retrying',
          requestId,
          attempt: attempt + 1,
          maxAttempts: policy.maxAttempts,
          waitMs,
          retryAt: new Date(clock.now() + waitMs).toISOString(),
          reason: retry.reason,
          bucket: retry.bucket,
          status: classified.error.status ?? null,
        });
        ctl.wake = new AbortController();
        await waitFor(waitMs, signal, ctl.wake.signal);
        ctl.wake = null;
      }
    } catch (err) {
      coalescer.flush();
      if (signal.aborted) emit({ type: 'stopped', requestId, partial: anyText });
      else
        emit({
          type: 'error',
          requestId,
          partial: anyText,
          error: classifyError(err, { model: req.model, now: clock.now() }).error,
        });
    } finally {
      coalescer.dispose();
      running.delete(requestId);
    }
  }

  type Attempt =
    | {
        ok: true;
        value: {
          stopReason: StopReason | null;
          usage: { inputTokens: number; outputTokens: number };
          apiRequestId: string | null;
        };
      }
    | { ok: false; error: unknown };

  async function attemptOnce(
    client: Anthropic,
    req: ChatRequest,
    signal: AbortSignal,
    on: { onConnect: (apiRequestId: string | null) => void; onText: (delta: string) => void },
  ): Promise<Attempt> {
    // The request ends on the person's cancel (the run's signal) or on a stall.
    const stall = createStallWatch(clock, stallMs);
    const requestSignal = AbortSignal.any([signal, stall.signal]);
    const tally = createStreamTally({
      onText: on.onText,
      onBlockStop: () => deps.observer?.onBlockStop?.(req.requestId),
    });
    try {
      const {
        data: events,
        response,
        request_id: apiRequestId,
      } = await client.messages
        .create(
          {
            model: req.model,
            max_tokens:
              req.maxTokens ?? deps.maxTokensFor?.(req.model) ?? FALLBACK_MAX_OUTPUT_TOKENS,
            messages: req.messages,
            stream: true,
          },
          { signal: requestSignal },
        )
        .withResponse();
      deps.connectivity.reportConnectionSuccess();
      noteHeaders(response.headers);
      on.onConnect(apiRequestId ?? null);
      stall.start();
      for await (const event of events) {
        stall.note();
        tally.take(event);
      }
      // The SDK ends the iteration quietly when the request is aborted.
      if (requestSignal.aborted) throw new APIUserAbortError();
      const { stopReason, inputTokens, outputTokens } = tally.finish();
      return {
        ok: true,
        value: {
          stopReason,
          usage: { inputTokens, outputTokens },
          apiRequestId: apiRequestId ?? null,
        },
      };
    } catch (err) {
      if (err instanceof APIError) noteHeaders(err.headers);
      return { ok: false, error: stall.error ?? err };
    } finally {
      stall.stop();
    }
  }

  return {
    start(request) {
      if (running.has(request.requestId)) return false;
      const ctl: Running = {
        abort: new AbortController(),
        wake: null,
        done: Promise.resolve(),
        flush: () => undefined,
      };
      running.set(request.requestId, ctl);
      ctl.done = run(request, ctl);
      return true;
    },
    cancel(requestId) {
      const ctl = running.get(requestId);
      if (!ctl) return false;
      ctl.abort.abort(new Error('cancelled'));
      return true;
    },
    retryNow(requestId) {
      const wake = running.get(requestId)?.wake;
      if (!wake) return false;
      wake.abort();
      return true;
    },
    settled(requestId) {
      return running.get(requestId)?.done ?? Promise.resolve();
    },
    activeCount: () => running.size,
    async cancelAll() {
      const all = [...running.values()];
      for (const ctl of all) ctl.abort.abort(new Error('cancelled'));
      await Promise.all(all.map((ctl) => ctl.done));
    },
    flushDeltas() {
      for (const ctl of running.values()) ctl.flush();
    },
  };
}
