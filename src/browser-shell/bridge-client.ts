import { EVENT_CHANNEL } from '../shared/ipc-channels';
import type { ParleyEvent } from '../shared/ipc';
import { createParleyApi } from '../shared/parley-api';
import { readServerEvents } from './sse-reader';

/**
 * The browser shell's stand-in for the preload: the same `createParleyApi`,
 * with HTTP to the shell instead of ipcRenderer. The session cookie the shell
 * set from the launch token authenticates every call.
 */
const listeners = new Set<(event: ParleyEvent) => void>();
/** Main's events, each a MessageEvent of its channel as it is read (see connect). */
const events = new EventTarget();
let connected = false;
/**
 * While main's events are being connected: settles once they reach this
 * page (or never will: refused), and is then dropped. Invokes made
 * meanwhile wait for it: over IPC a listener hears every event sent after it
 * was added, and here too an event that an invoke causes (`resumeAnswers`)
 * must not be sent before the stream that carries it is open.
 */
let opening: Promise<void> | null = null;
/** A shell that is not answering fails the invoke itself; it does not wait longer than this. */
const OPEN_WAIT_MS = 3000;
/** After the stream of events ends or breaks (the shell restarted, say), read it again this soon. */
const RECONNECT_MS = 1000;

/**
 * Reads main's server-sent events with fetch rather than an EventSource, and
 * hands every event that one read of the stream brings over in the same
 * turn. Why: an EventSource calls back once per event, with microtasks run
 * in between, so a page that fell behind the stream (a long frame while an
 * answer arrives fast) met the backlog one delta at a time and prepared the
 * answer's text for each; given together, the deltas of one answer are
 * prepared once (FrameGate).
 */
function connect(): void {
  if (connected) return;
  connected = true;
  let settle = (): void => undefined;
  opening = new Promise((resolve) => (settle = resolve));
  const open = (): void => {
    opening = null;
    settle();
  };
  events.addEventListener(EVENT_CHANNEL, (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as ParleyEvent;
    for (const listener of listeners) listener(event);
  });
  void readServerEvents({
    url: '/__parley/events',
    fetch: (url, init) => fetch(url, init),
    reconnectMs: RECONNECT_MS,
    onOpen: () => open(),
    // A listener that throws is reported by dispatchEvent and does not stop the others.
    onMessages: (messages) => {
      for (const { event, data } of messages)
        events.dispatchEvent(new MessageEvent(event, { data }));
    },
  }).finally(() => open());
}

const api = createParleyApi({
  invoke: async (channel, payload) => {
    if (opening)
      await Promise.race([opening, new Promise((resolve) => setTimeout(resolve, OPEN_WAIT_MS))]);
    const response = await fetch(`/__parley/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
      credentials: 'same-origin',
    });
    return response.json();
  },
  subscribe: (listener) => {
    connect();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
});

Object.defineProperty(window, 'parley', { value: api, writable: false, configurable: false });
