/**
 * POST /v1/messages and /v1/messages/count_tokens. A message request goes through the same
 * gates as on the real service (request limit, validation), then the `::mock` scenario decides
 * whether this attempt fails, and otherwise the planned answer is sent as JSON or as a stream.
 */
import { planAnswer } from './answer-generator';
import type { AnswerPlan } from './answer-generator';
import { lastUserText, parseDirective } from './directive';
import { MockApiError } from './errors';
import { commonHeaders, sendJson } from './http-io';
import { newMessageId } from './ids';
import { validateMessageBody } from './message-validation';
import type { RouteContext } from './route-context';
import { resolveScenario } from './scenarios';
import { streamAnswer } from './stream-responder';
import { sleep } from './timing';
import { estimateInputTokens } from './tokens';

function usage(inputTokens: number, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function contentOf(plan: AnswerPlan): Record<string, unknown>[] {
  return plan.blocks.map((block) => {
    const text = block.deltas.map((d) => d.text).join('');
    return block.type === 'text'
      ? { type: 'text', text }
      : { type: 'thinking', thinking: text, signature: block.signature ?? '' };
  });
}

/** The `--requests-per-minute` gate: a real sliding window, answered like any 429. */
function enforceRequestLimit(ctx: RouteContext): void {
  const { state } = ctx;
  if (!state.enforceRequestLimit) return;
  const waitMs = state.ledger.requestWaitMs();
  if (waitMs === null) return;
  throw new MockApiError(
    429,
    'This request would exceed the rate limit for your organization of requests per minute.',
    {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      exhausted: { bucket: 'requests', resetAt: state.clock() + waitMs },
    },
  );
}

export async function handleCreateMessage(ctx: RouteContext): Promise<void> {
  const { state, res } = ctx;
  enforceRequestLimit(ctx);
  const params = validateMessageBody(ctx.body, ctx.version);
  const userText = lastUserText(params.messages);
  const attempt = state.attempts.next(userText);
  const scenario = resolveScenario(parseDirective(userText), attempt, state.clock());
  if (scenario.failure) throw scenario.failure;

  const entry = state.ledger.record();
  const inputTokens = estimateInputTokens(params.body);
  const plan = planAnswer({
    userText,
    maxTokens: params.maxTokens,
    stopSequences: params.stopSequences,
    thinkingRequested: params.thinkingEnabled,
    spec: scenario.answer,
  });
  entry.input = inputTokens;
  entry.output = plan.outputTokens;
  const headers = commonHeaders(state, ctx.requestId);
  const message = {
    id: newMessageId(),
    type: 'message',
    role: 'assistant',
    model: params.model,
    content: [] as Record<string, unknown>[],
    stop_reason: null as string | null,
    stop_sequence: null as string | null,
    stop_details: null as unknown,
    usage: usage(inputTokens, 1),
  };

  if (params.stream) {
    await streamAnswer({
      res,
      signal: ctx.signal,
      headers,
      requestId: ctx.requestId,
      message,
      inputTokens,
      plan,
      scenario,
      sentEvents: ctx.recorded.sentEvents,
    });
    return;
  }
  // Without a stream there is no "midway": the same failures happen before the answer instead.
  const interruption = scenario.interruption;
  if (interruption?.kind === 'error') throw new MockApiError(529);
  if (interruption?.kind === 'drop') {
    res.socket?.destroy();
    return;
  }
  if (interruption?.kind === 'stall') await sleep(interruption.stallSeconds * 1000, ctx.signal);
  sendJson(
    res,
    200,
    {
      ...message,
      content: contentOf(plan),
      stop_reason: plan.stopReason,
      stop_sequence: plan.stopSequence,
      stop_details: plan.stopDetails,
      usage: usage(inputTokens, plan.outputTokens),
    },
    headers,
  );
}

export function handleCountTokens(ctx: RouteContext): void {
  const params = validateMessageBody(ctx.body, ctx.version, true);
  sendJson(
    ctx.res,
    200,
    { input_tokens: estimateInputTokens(params.body) },
    commonHeaders(ctx.state, ctx.requestId),
  );
}
