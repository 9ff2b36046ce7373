import { createServer } from 'node:net';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

export interface MockControlOptions {
  /**
   * A real sliding-window limit on POST /v1/messages (the mock's
   * `--requests-per-minute`): its `anthropic-ratelimit-requests-*` headers then
   * fall with every message, as an account on a low tier sees them.
   */
  requestsPerMinute?: number;
}

/**
 * The mock Anthropic API, run in the test process so a spec can take it down
 * (the app then sees connection failures, as when the network drops) and
 * bring it back on the same port (the app's probe finds it again).
 */
export class MockControl {
  private server: MockAnthropic | null = null;
  private port = 0;

  constructor(private readonly options: MockControlOptions = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every request the mock has seen, for asserting what the app sent. */
  get requests(): MockAnthropic['requests'] {
    return this.server?.requests ?? [];
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await startMockAnthropic({ ...this.options, port: this.port });
    this.port = this.server.port;
  }

  /** Closes the port and every open connection: to the app, the API is gone. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  /** Starts again on the port the app was told about. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/** A loopback URL where nothing listens: an Anthropic API that cannot be reached. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
