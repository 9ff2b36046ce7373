import { describe, expect, it, vi } from 'vitest';
import {
  readServerEvents,
  SseReader,
  type SseMessage,
} from '../../../src/browser-shell/sse-reader';

/** The shell's stream as it writes it: a comment on connecting, then one message per event. */
const STREAM =
  ': connected\n\n' +
  'event: parley:event\ndata: {"type":"delta","text":"Grüße, "}\n\n' +
  'event: parley:event\ndata: {"type":"delta","text":"world 👋"}\n\n' +
  'event: parley:event\ndata: {"type":"done"}\n\n';

const EXPECTED = [
  { event: 'parley:event', data: '{"type":"delta","text":"Grüße, "}' },
  { event: 'parley:event', data: '{"type":"delta","text":"world 👋"}' },
  { event: 'parley:event', data: '{"type":"done"}' },
];

describe('SseReader', () => {
  it('gives every message one read completes at once, in order', () => {
    const reader = new SseReader();
    expect(reader.push(new TextEncoder().encode(STREAM))).toEqual(EXPECTED);
  });

  it.each([
    ['LF', STREAM],
    ['CRLF', STREAM.replaceAll('\n', '\r\n')],
  ])('gives the same messages whatever bytes the stream is cut at (%s)', (_, stream) => {
    const bytes = new TextEncoder().encode(stream);
    // Every cut, including inside a multi-byte character and inside a line break.
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const reader = new SseReader();
      const got = [...reader.push(bytes.slice(0, cut)), ...reader.push(bytes.slice(cut))];
      expect(got).toEqual(EXPECTED);
    }
  });

  it('reassembles a long message that arrives a few bytes at a time', () => {
    const text = 'x'.repeat(50_000);
    const stream = `event: parley:event\r\ndata: ${text}\r\n\r\n: next\n\n`;
    const reader = new SseReader();
    const got: SseMessage[] = [];
    for (let at = 0; at < stream.length; at += 7)
      got.push(...reader.push(stream.slice(at, at + 7)));
    expect(got).toEqual([{ event: 'parley:event', data: text }]);
  });

  it('keeps an unfinished message for the read that completes it', () => {
    const reader = new SseReader();
    expect(reader.push('event: parley:event\ndata: {"a":')).toEqual([]);
    expect(reader.push('1}\n')).toEqual([]);
    expect(reader.push('\n')).toEqual([{ event: 'parley:event', data: '{"a":1}' }]);
  });

  it('reads the format as EventSource does: CRLF lines, joined data lines, unknown fields', () => {
    const reader = new SseReader();
    const text =
      'id: 7\r\nretry: 10\r\ndata: first\r\ndata:second\r\n\r\n' +
      'event: only-a-type\n\n' +
      'event:\ndata\n\n';
    expect(reader.push(text)).toEqual([
      // No event field: a "message"; one space after the colon is not part of the value.
      { event: 'message', data: 'first\nsecond' },
      // A message without data is not dispatched; a field without a colon has an empty value,
      // and an empty event type is "message".
      { event: 'message', data: '' },
    ]);
  });
});

/** A stream whose chunks the test sends, and a fetch that answers with it (or refuses). */
function fakeServer(): {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  requests: () => number;
  send: (text: string) => void;
  end: () => void;
  refuseNext: () => void;
} {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let requests = 0;
  let refuse = false;
  return {
    fetch: async () => {
      requests += 1;
      if (refuse) return new Response('refused', { status: 403 });
      const body = new ReadableStream<Uint8Array>({
        start: (c) => {
          controller = c;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    },
    requests: () => requests,
    send: (text) => controller?.enqueue(new TextEncoder().encode(text)),
    end: () => controller?.close(),
    refuseNext: () => {
      refuse = true;
    },
  };
}

const event = (n: number): string => `event: parley:event\ndata: ${n}\n\n`;

describe('readServerEvents', () => {
  it('hands over every message of one read at once, and reads again when the stream ends', async () => {
    const server = fakeServer();
    const calls: string[][] = [];
    let opens = 0;
    const done = readServerEvents({
      url: '/events',
      fetch: server.fetch,
      reconnectMs: 5,
      onOpen: () => (opens += 1),
      onMessages: (messages) => calls.push(messages.map((m) => m.data)),
    });
    await vi.waitFor(() => expect(server.requests()).toBe(1));
    // Open (every event sent from now on reaches the page) before any event is read.
    await vi.waitFor(() => expect(opens).toBe(1));
    expect(calls).toEqual([]);
    // Three events in one read, then one split over two reads.
    server.send(event(1) + event(2) + event(3));
    await vi.waitFor(() => expect(calls).toEqual([['1', '2', '3']]));
    server.send('event: parley:event\ndata: ');
    server.send('4\n\n');
    await vi.waitFor(() => expect(calls).toEqual([['1', '2', '3'], ['4']]));
    // The stream ends (the shell restarted): it is read again, and events flow again.
    server.end();
    await vi.waitFor(() => expect(server.requests()).toBe(2));
    await vi.waitFor(() => expect(opens).toBe(2));
    server.send(event(5));
    await vi.waitFor(() => expect(calls.at(-1)).toEqual(['5']));
    // Refused: it stops for good.
    server.refuseNext();
    server.end();
    await done;
    expect(server.requests()).toBe(3);
    // A refused stream is not open.
    expect(opens).toBe(2);
  });

  it('lets a task run between reads that were already waiting', async () => {
    const server = fakeServer();
    const order: string[] = [];
    let tasks = 0;
    void readServerEvents({
      url: '/events',
      fetch: server.fetch,
      reconnectMs: 5,
      onMessages: (messages) => order.push(`read ${messages.map((m) => m.data).join(',')}`),
      nextTask: async () => {
        tasks += 1;
        order.push(`task ${tasks}`);
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    await vi.waitFor(() => expect(server.requests()).toBe(1));
    // Two chunks queued before the reader gets to them.
    server.send(event(1));
    server.send(event(2));
    await vi.waitFor(() => expect(order).toEqual(['read 1', 'task 1', 'read 2', 'task 2']));
    server.refuseNext();
    server.end();
  });
});
