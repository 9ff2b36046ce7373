/**
 * Server-sent events as the API frames them: every event has an `event:` line (the SDK skips
 * data-only events) and one JSON `data:` line. Each write waits until the bytes are handed to
 * the socket, which gives back-pressure for long streams and lets `drop` cut the connection
 * only after the deltas before it have really been sent.
 */
import type { ServerResponse } from 'node:http';

export class SseWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
  ) {}

  /** False once the client has gone, the server is closing or the response has ended. */
  get open(): boolean {
    return !this.signal.aborted && !this.res.destroyed && !this.res.writableEnded;
  }

  async send(event: string, data: unknown): Promise<boolean> {
    if (!this.open) return false;
    const chunk = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    await new Promise<void>((resolve) => {
      const onAbort = (): void => resolve();
      this.signal.addEventListener('abort', onAbort, { once: true });
      this.res.write(chunk, () => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
    return this.open;
  }

  end(): void {
    if (this.open) this.res.end();
  }

  /** Cuts the connection without the terminating chunk, as a network failure would. */
  drop(): void {
    this.res.socket?.destroy();
    this.res.destroy();
  }
}
