/** One server-sent event: its type (`event:`, else "message") and its data lines joined. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

/** A blank line, which ends a message (lines end with LF or CRLF). */
const MESSAGE_END = /\r?\n\r?\n/g;
/** The longest MESSAGE_END: a search resumes this far before where the last one stopped. */
const MESSAGE_END_MAX = 4;

/**
 * Splits a server-sent event stream, given as the chunks it arrived in, into
 * its messages: every complete message of a chunk at once, the incomplete
 * rest kept for the next. Comments (`:`) and fields other than `event` and
 * `data` are skipped; a message without data is not dispatched, as in
 * EventSource.
 */
export class SseReader {
  private buffer = '';
  /** Where the search for the end of the unfinished message resumes (no end before it). */
  private scanned = 0;
  private readonly decoder = new TextDecoder();

  /** The messages a chunk completes, in order. */
  push(chunk: Uint8Array | string): SseMessage[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const messages: SseMessage[] = [];
    let from = 0;
    MESSAGE_END.lastIndex = this.scanned;
    for (let end = MESSAGE_END.exec(this.buffer); end; end = MESSAGE_END.exec(this.buffer)) {
      const message = parseMessage(this.buffer.slice(from, end.index));
      if (message) messages.push(message);
      from = MESSAGE_END.lastIndex;
    }
    this.buffer = this.buffer.slice(from);
    this.scanned = Math.max(0, this.buffer.length - MESSAGE_END_MAX);
    return messages;
  }
}

function parseMessage(block: string): SseMessage | null {
  let event = '';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? null : { event: event || 'message', data: data.join('\n') };
}

export interface ServerEventsOptions {
  readonly url: string;
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** The stream is open: the server sends this page every event from now on. */
  readonly onOpen?: () => void;
  /** The messages one read of the stream completes, all at once (never empty). */
  readonly onMessages: (messages: readonly SseMessage[]) => void;
  /** After the stream ends or breaks, it is read again this soon. */
  readonly reconnectMs: number;
  /** Resolves in a later task. Between reads, so that a frame due meanwhile can come first. */
  readonly nextTask?: () => Promise<void>;
}

/**
 * Reads a server-sent event stream with fetch, handing over every message
 * that one read brings in one call. Like an EventSource, it reads the
 * stream again when it ends or breaks (events sent in between are missed,
 * as they are by an EventSource), and stops for good when the server
 * refuses it (a response that is not OK), which is when this resolves.
 */
export async function readServerEvents(options: ServerEventsOptions): Promise<void> {
  const nextTask = options.nextTask ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  for (;;) {
    try {
      const response = await options.fetch(options.url, {
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok || !response.body) return;
      options.onOpen?.();
      const reader = response.body.getReader();
      const sse = new SseReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const messages = sse.push(value);
        if (messages.length === 0) continue;
        options.onMessages(messages);
        // Reads already queued would otherwise all run in this task, however many.
        await nextTask();
      }
    } catch {
      // The server went away or restarted: read again below.
    }
    await new Promise((resolve) => setTimeout(resolve, options.reconnectMs));
  }
}
