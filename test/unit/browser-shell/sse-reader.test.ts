import { describe, expect, it } from 'vitest';
import { SseReader } from '../../../src/browser-shell/sse-reader';

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

  it('gives the same messages whatever bytes the stream is cut at', () => {
    const bytes = new TextEncoder().encode(STREAM);
    // Every cut, including inside a multi-byte character and inside a line break.
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const reader = new SseReader();
      const got = [...reader.push(bytes.slice(0, cut)), ...reader.push(bytes.slice(cut))];
      expect(got).toEqual(EXPECTED);
    }
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
      'data\n\n';
    expect(reader.push(text)).toEqual([
      // No event field: a "message"; one space after the colon is not part of the value.
      { event: 'message', data: 'first\nsecond' },
      // A message without data is not dispatched; a field without a colon has an empty value.
      { event: 'message', data: '' },
    ]);
  });
});
