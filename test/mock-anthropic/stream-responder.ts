/**
 * Plays an answer plan as the SSE stream the real API sends, in its order: message_start,
 * per block start/deltas/stop, message_delta with cumulative usage, message_stop. It sprinkles
 * `ping`s and one event type no client knows (clients must ignore both), paces deltas, and
 * performs the scenario's interruption: an `error` event, a dropped connection or a stall.
 */
import type { ServerResponse } from 'node:http';
import type { AnswerPlan, BlockPlan } from './answer-generator';
import type { Interruption, Scenario } from './scenarios';
import { SseWriter } from './sse-writer';
import { sleep } from './timing';

export interface StreamJob {
  res: ServerResponse;
  signal: AbortSignal;
  headers: Record<string, string>;
  requestId: string;
  message: Record<string, unknown>;
  inputTokens: number;
  plan: AnswerPlan;
  scenario: Scenario;
  /** Receives each event's type as it is sent (the request's record). */
  sentEvents: string[];
}

const PING_EVERY = 10;

/** Spaces deltas by `delay-ms`, or by a token rate measured from the start (so it never drifts). */
class Pacer {
  private readonly startedAt = Date.now();
  private tokens = 0;
  private first = true;

  constructor(
    private readonly pacing: Scenario['pacing'],
    private readonly signal: AbortSignal,
  ) {}

  async beforeDelta(tokens: number): Promise<void> {
    const { delayMs, tokensPerSecond } = this.pacing;
    if (delayMs > 0 && !this.first) await sleep(delayMs, this.signal);
    this.first = false;
    if (tokensPerSecond !== null) {
      this.tokens += tokens;
      await sleep(
        this.startedAt + (this.tokens / tokensPerSecond) * 1000 - Date.now(),
        this.signal,
      );
    }
  }
}

function blockStart(block: BlockPlan): Record<string, unknown> {
  return block.type === 'text'
    ? { type: 'text', text: '' }
    : { type: 'thinking', thinking: '', signature: '' };
}

/** Returns true when the stream must stop here (error sent or connection dropped). */
async function interrupt(
  writer: SseWriter,
  job: StreamJob,
  interruption: Interruption,
): Promise<boolean> {
  if (interruption.kind === 'stall') {
    await sleep(interruption.stallSeconds * 1000, job.signal);
    return !writer.open;
  }
  if (interruption.kind === 'drop') {
    await writer.drop();
    return true;
  }
  await writer.send('error', {
    type: 'error',
    error: { type: 'overloaded_error', message: 'Overloaded' },
    request_id: job.requestId,
  });
  writer.end();
  return true;
}

export async function streamAnswer(job: StreamJob): Promise<void> {
  const { res, plan, scenario } = job;
  res.writeHead(200, {
    ...job.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  const writer = new SseWriter(res, job.signal, job.sentEvents);
  const pacer = new Pacer(scenario.pacing, job.signal);
  const send = (event: string, data: Record<string, unknown>): Promise<boolean> =>
    writer.send(event, { type: event, ...data });

  let pending = scenario.interruption;
  const interruptNow = async (): Promise<boolean> => {
    const current = pending;
    pending = null;
    return current !== null && (await interrupt(writer, job, current));
  };

  await send('message_start', { message: job.message });
  let deltas = 0;
  let textDeltas = 0;
  for (const [index, block] of plan.blocks.entries()) {
    await send('content_block_start', { index, content_block: blockStart(block) });
    if (index === 0) {
      await send('ping', {});
      await send('future_event', { note: 'an event type this client does not know; ignore it' });
    }
    for (const delta of block.deltas) {
      if (
        block.type === 'text' &&
        pending &&
        textDeltas === pending.after &&
        (await interruptNow())
      )
        return;
      await pacer.beforeDelta(delta.tokens);
      const body =
        block.type === 'text'
          ? { type: 'text_delta', text: delta.text }
          : { type: 'thinking_delta', thinking: delta.text };
      if (!(await send('content_block_delta', { index, delta: body }))) return;
      deltas += 1;
      if (block.type === 'text') textDeltas += 1;
      if (deltas % PING_EVERY === 0) await send('ping', {});
    }
    if (block.type === 'text' && pending && (await interruptNow())) return;
    if (block.signature !== null) {
      await send('content_block_delta', {
        index,
        delta: { type: 'signature_delta', signature: block.signature },
      });
    }
    await send('content_block_stop', { index });
  }
  if (pending && (await interruptNow())) return;
  await send('message_delta', {
    delta: {
      stop_reason: plan.stopReason,
      stop_sequence: plan.stopSequence,
      stop_details: plan.stopDetails,
    },
    usage: {
      input_tokens: job.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: plan.outputTokens,
    },
  });
  await send('message_stop', {});
  writer.end();
}
