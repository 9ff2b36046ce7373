import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { Stream } from '@anthropic-ai/sdk/streaming';
import { createStreamTally } from './stream-tally';

/** Text deltas in the made-up answer: enough for the engine to optimise the code that reads them. */
const WARM_UP_DELTAS = 3000;

/**
 * Reads a made-up answer, once, through the same code a streamed answer goes
 * through in main (the SDK's server-sent-events parser, then the stream
 * tally), from memory: no request, no key, nothing saved or sent anywhere.
 *
 * Why: the first answer of a session otherwise pays, while it streams, for
 * the engine compiling that code on first use. Read as fast as the API can
 * send it, a 20,000-token answer cost a fresh process 83 to 92 ms of CPU,
 * and 47 to 60 ms after this warm-up (which costs about 50 ms, once, while
 * the app is idle): CPU that main would otherwise take, on a two-core
 * machine, from the renderer in the very frames that draw the answer. The
 * renderer does the same for its own first answer (markdown/warm-up.ts).
 * Resolves with the number of characters read.
 */
export async function warmUpStreamReading(deltas = WARM_UP_DELTAS): Promise<number> {
  const event = (type: RawMessageStreamEvent['type'], data: object): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const usage = { input_tokens: 1, output_tokens: 1 };
  const parts = [
    event('message_start', {
      message: {
        id: 'msg_warm_up',
        type: 'message',
        role: 'assistant',
        model: 'warm-up',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ];
  for (let i = 0; i < deltas; i += 1)
    parts.push(
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'word ' } }),
    );
  parts.push(
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: deltas },
    }),
    event('message_stop', {}),
  );
  // In pieces of about a network read's size, as the body of a response arrives.
  const bytes = new TextEncoder().encode(parts.join(''));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 16_384)
        controller.enqueue(bytes.subarray(at, at + 16_384));
      controller.close();
    },
  });
  let chars = 0;
  const tally = createStreamTally({
    onText: (delta) => (chars += delta.length),
    onBlockStop: () => undefined,
  });
  const events = Stream.fromSSEResponse<RawMessageStreamEvent>(
    new Response(body),
    new AbortController(),
  );
  for await (const streamed of events) tally.take(streamed);
  tally.finish();
  return chars;
}
