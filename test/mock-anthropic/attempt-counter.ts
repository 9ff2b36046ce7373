/**
 * Counts attempts per last-user-message text. A client retrying a request resends the same
 * last message, so its attempts count up (and "K failures then success" can end); a new
 * message has a different text and starts at attempt 1.
 */
export class AttemptCounter {
  private readonly counts = new Map<string, number>();

  /** Records one more attempt for `key` and returns its number, starting at 1. */
  next(key: string): number {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  clear(): void {
    this.counts.clear();
  }
}
