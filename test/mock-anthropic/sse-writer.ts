/**
 * Server-sent events as the API frames them: every event has an `event:` line (the SDK skips
 * data-only events) and one JSON `data:` line.
 *
 * Events are written without waiting for each to reach the socket: writes made in one turn go
 * out together, as a real server's frames do, and a stream sent as fast as it can be costs the
 * machine (which also runs the app under test) one write per batch, not one per event. The
 * socket's back-pressure still holds: when its buffer is full, `send` waits for it to drain.
 * `drop` waits until every event before it has been handed to the socket, so the deltas sent
 * before a dropped connection really arrive.
 */
import type { ServerResponse } from 'node:http';

export class SseWriter {
  /** Events written, and how many of them the socket has taken. */
  private queued = 0;
  private handed = 0;
  private onAllHanded: (() => void) | null = null;
  private readonly handedOne = (): void => {
    this.handed += 1;
    if (this.handed === this.queued) this.onAllHanded?.();
  };

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
    this.queued += 1;
    if (!this.res.write(chunk, this.handedOne)) await this.until('drain');
    return this.open;
  }

  end(): void {
    if (this.open) this.res.end();
  }

  /** Cuts the connection without the terminating chunk, as a network failure would. */
  async drop(): Promise<void> {
    if (this.handed < this.queued && this.open) {
      await new Promise<void>((resolve) => {
        this.onAllHanded = resolve;
        void this.until('close').then(resolve);
      });
      this.onAllHanded = null;
    }
    this.res.socket?.destroy();
    this.res.destroy();
  }

  /** Resolves on the response's `event`, or as soon as the client or the server gives up. */
  private until(event: 'drain' | 'close'): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off(event, done);
        this.res.off('close', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      if (!this.open) return resolve();
      this.res.once(event, done);
      this.res.once('close', done);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }
}
