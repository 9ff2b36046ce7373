/**
 * A faithful local Anthropic Messages API (see /work/shared/API-PROTOCOL.md) on plain
 * `node:http`, for tests and for running the app against without a key or a network. Behaviour
 * is chosen per request with a `::mock NAME key=value` directive in the last user message.
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { MockState } from './mock-state';
import type { MockAnthropicOptions, RecordedRequest } from './mock-state';
import { createRequestListener } from './router';

export type { MockAnthropicOptions, RecordedRequest } from './mock-state';

export interface MockAnthropic {
  /** `http://127.0.0.1:PORT`, ready to be a client's `baseURL`. */
  url: string;
  port: number;
  /** Every request received, oldest first (the same array for the mock's lifetime). */
  requests: RecordedRequest[];
  /** POST /v1/messages attempts so far whose last user message had exactly this text. */
  attempts(lastUserMessageText: string): number;
  /** Forgets attempt counters, recorded requests and the rate-limit window. */
  reset(): void;
  /** Requests still being answered (a stalled or slow stream counts until it ends). */
  inFlight(): number;
  /** Open TCP connections, including idle keep-alive ones. */
  openConnections(): number;
  /** Stops listening, ends every in-flight answer and destroys every open socket. */
  close(): Promise<void>;
}

export async function startMockAnthropic(
  options: MockAnthropicOptions = {},
): Promise<MockAnthropic> {
  const state = new MockState(options);
  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true }, createRequestListener(state));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests: state.requests,
    attempts: (text) => state.attempts.get(text),
    reset: () => state.reset(),
    inFlight: () => state.inFlight.size,
    openConnections: () => sockets.size,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const controller of state.inFlight) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }).then(() => state.idle());
      return closing;
    },
  };
}
