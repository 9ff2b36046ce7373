/**
 * Server-sent events as the API frames them: every event has an `event:` line (the SDK skips
 * data-only events) and one JSON `data:` line.
 *
 * Events are joined into one write per turn of the event loop (or sooner, once they reach
 * BATCH_CHARS), as a real server's events share TCP segments and TLS records: a stream sent as
 * fast as it can be then costs the machine (which also runs the app under test) a write per
 * batch, not three buffers and a syscall per event. A paced stream waits for a timer between
 * events, so each of its events still leaves on its own, when it is due. The socket's
 * back-pressure holds: when its buffer is full, `send` waits for it to drain. `drop` waits until
 * every event before it has been handed to the socket, so the deltas sent before a dropped
 * connection really arrive.
 */
import type { ServerResponse } from 'node:http';

/** A batch is written once it holds this many characters (about a TLS record's worth). */
const BATCH_CHARS = 16 * 1024;

export class SseWriter {
  /** Events not written yet, and whether a write of them is due at the end of this turn. */
  private pending = '';
  private flushDue = false;
  /** Writes made, and how many of them the socket has taken. */
  private queued = 0;
  private handed = 0;
  private onAllHanded: (() => void) | null = null;
  private readonly handedOne = (): void => {
    this.handed += 1;
    if (this.handed === this.queued) this.onAllHanded?.();
  };
  private readonly flushAtTurnEnd = (): void => {
    this.flushDue = false;
    this.flush();
  };

  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
    /** Each event's type, once it is queued for the socket. */
    private readonly sent: string[] = [],
  ) {}

  /** False once the client has gone, the server is closing or the response has ended. */
  get open(): boolean {
    return !this.signal.aborted && !this.res.destroyed && !this.res.writableEnded;
  }

  async send(event: string, data: unknown): Promise<boolean> {
    if (!this.open) return false;
    this.pending += `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    this.sent.push(event);
    if (this.pending.length >= BATCH_CHARS) this.flush();
    else if (!this.flushDue) {
      this.flushDue = true;
      process.nextTick(this.flushAtTurnEnd);
    }
    // Asked of the response, not remembered from the last write: a write made at the end of
    // a turn may fill the buffer and see it drain while a paced stream waits for its timer.
    if (this.res.writableNeedDrain) await this.until('drain');
    return this.open;
  }

  end(): void {
    if (!this.open) return;
    this.res.end(this.pending);
    this.pending = '';
  }

  /** Cuts the connection without the terminating chunk, as a network failure would. */
  async drop(): Promise<void> {
    this.flush();
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

  private flush(): void {
    if (this.pending === '' || !this.open) return;
    this.queued += 1;
    this.res.write(this.pending, this.handedOne);
    this.pending = '';
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
