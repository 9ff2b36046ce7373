import { EVENT_CHANNEL } from '../shared/ipc-channels';
import type { ParleyEvent } from '../shared/ipc';
import { createParleyApi } from '../shared/parley-api';

/**
 * The browser shell's stand-in for the preload: the same `createParleyApi`,
 * with HTTP to the shell instead of ipcRenderer. The session cookie the shell
 * set from the launch token authenticates every call.
 */
const listeners = new Set<(event: ParleyEvent) => void>();
let source: EventSource | null = null;

function connect(): void {
  if (source) return;
  source = new EventSource('/__parley/events');
  source.addEventListener(EVENT_CHANNEL, (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as ParleyEvent;
    for (const listener of listeners) listener(event);
  });
}

const api = createParleyApi({
  invoke: async (channel, payload) => {
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
