import { AnthropicError } from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { StopReason } from '../../shared/ipc';

/** What a stream that reached its end said about the answer, besides its text. */
export interface StreamOutcome {
  stopReason: StopReason | null;
  inputTokens: number;
  outputTokens: number;
}

export interface StreamTally {
  /** Takes the next event of the stream, in order. */
  take(event: RawMessageStreamEvent): void;
  /** After the last event: the outcome, or an error when the stream stopped short of its end. */
  finish(): StreamOutcome;
}

/**
 * Reads an answer from the API's raw stream events: passes on the text of
 * its text blocks (a thinking or tool block's deltas are not the answer's
 * text) and keeps the stop reason and token counts, nothing else.
 *
 * Why not the SDK's MessageStream, which does this and more: it rebuilds a
 * snapshot of the whole message for every event (a copied content block and
 * a longer string per text delta) and emits three events per delta. An
 * answer sent as fast as the API can send it is thousands of events in a
 * burst; in main, MessageStream took a third of the CPU spent reading it
 * (a 20,000-token answer, warm: a median of 35 ms against 22), on a core
 * the renderer needs in the very frames that draw that answer (bench/app,
 * the fast run). Nothing here keeps more than three numbers.
 */
export function createStreamTally(on: {
  onText: (delta: string) => void;
  onBlockStop: () => void;
}): StreamTally {
  let begun = false;
  let ended = false;
  let stopReason: StopReason | null = null;
  let inputTokens = 0;
  let outputTokens = 0;
  const textBlocks = new Set<number>();
  return {
    take(event) {
      switch (event.type) {
        case 'message_start':
          // One request, one message: a second start means the events cannot be trusted.
          if (begun) throw new AnthropicError('the stream started a second message');
          begun = true;
          stopReason = event.message.stop_reason;
          inputTokens = event.message.usage.input_tokens;
          outputTokens = event.message.usage.output_tokens;
          break;
        case 'content_block_start':
          if (event.content_block.type === 'text') textBlocks.add(event.index);
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta' && textBlocks.has(event.index))
            on.onText(event.delta.text);
          break;
        case 'content_block_stop':
          on.onBlockStop();
          break;
        case 'message_delta':
          // Cumulative totals: the last one stands. Input tokens come here only when they changed.
          stopReason = event.delta.stop_reason;
          outputTokens = event.usage.output_tokens;
          if (event.usage.input_tokens != null) inputTokens = event.usage.input_tokens;
          break;
        case 'message_stop':
          ended = true;
          break;
      }
    },
    finish() {
      // A body that ends cleanly but early (a proxy closing it) is a cut-off answer, not a whole one.
      if (!begun || !ended) throw new AnthropicError('the stream ended before the message did');
      return { stopReason, inputTokens, outputTokens };
    },
  };
}
