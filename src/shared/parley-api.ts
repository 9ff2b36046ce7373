import type { Result } from './app-error';
import { channels, type Channel } from './ipc-channels';
import type { ParleyApi, ParleyEvent } from './ipc';

/** Transport-neutral pieces the preload and the browser-shell bridge plug in. */
export interface ParleyTransport {
  invoke: (channel: Channel, payload: unknown) => Promise<unknown>;
  subscribe: (listener: (event: ParleyEvent) => void) => () => void;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null;
}

/**
 * Builds `window.parley` from the channel table so no method can drift from
 * its channel. A transport failure comes back as a value, like every error.
 */
export function createParleyApi(transport: ParleyTransport): ParleyApi {
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(channels)) {
    api[method] = async (request: unknown = {}) => {
      try {
        const raw = await transport.invoke(channel, request);
        if (isResult(raw)) return raw;
        return {
          ok: false,
          error: {
            kind: 'internal',
            message: 'The app sent a reply it could not read.',
            retryable: false,
          },
        };
      } catch {
        return {
          ok: false,
          error: {
            kind: 'internal',
            message: 'The app did not answer. Try again, or restart Parley.',
            retryable: true,
          },
        };
      }
    };
  }
  api['onEvent'] = (listener: (event: ParleyEvent) => void) => transport.subscribe(listener);
  return Object.freeze(api) as ParleyApi;
}
