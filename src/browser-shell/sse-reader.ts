/** One server-sent event: its type (`event:`, else "message") and its data lines joined. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

/**
 * Splits a server-sent event stream, given as the chunks it arrived in, into
 * its messages: every complete message of a chunk at once, the incomplete
 * rest kept for the next. Comments (`:`) and fields other than `event` and
 * `data` are skipped; a message without data is not dispatched, as in
 * EventSource.
 */
export class SseReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  /** The messages a chunk completes, in order. */
  push(chunk: Uint8Array | string): SseMessage[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const messages: SseMessage[] = [];
    for (;;) {
      const end = messageEnd(this.buffer);
      if (end === null) break;
      const message = parseMessage(this.buffer.slice(0, end.at));
      this.buffer = this.buffer.slice(end.at + end.length);
      if (message) messages.push(message);
    }
    return messages;
  }
}

/** Where the first message ends: a blank line (lines end with LF or CRLF). */
function messageEnd(text: string): { at: number; length: number } | null {
  const match = /\r?\n\r?\n/.exec(text);
  return match ? { at: match.index, length: match[0].length } : null;
}

function parseMessage(block: string): SseMessage | null {
  let event = 'message';
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
  return data.length === 0 ? null : { event, data: data.join('\n') };
}
