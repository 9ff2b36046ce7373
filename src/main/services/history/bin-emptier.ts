import type { HistoryStore } from './history-store';
import type { HistoryLog } from './history-types';

/**
 * Deleting a conversation hides it at once and keeps it restorable for a
 * while (the Undo toast, or importing its export); after that it is removed
 * for good, with its messages and their search entries. A person who deletes
 * a conversation expects it gone from the disk, not kept forever.
 */

/** How long a deleted conversation stays restorable. */
export const BIN_KEEP_MS = 24 * 60 * 60 * 1000;

export function createBinEmptier(options: {
  store: Pick<HistoryStore, 'purgeDeleted'>;
  log?: HistoryLog;
  keepMs?: number;
}) {
  let interval: ReturnType<typeof setInterval> | null = null;

  /** Removes what was deleted longer ago than the keep time; returns how many conversations. */
  function empty(): number {
    try {
      const purged = options.store.purgeDeleted({ olderThanMs: options.keepMs ?? BIN_KEEP_MS });
      if (purged > 0) options.log?.info('history: deleted conversations removed', { purged });
      return purged;
    } catch (error) {
      options.log?.error('history: emptying the bin failed', { error: String(error) });
      return 0;
    }
  }

  return {
    empty,
    /** Empties it now, then every `everyMs` (default hourly). */
    start(everyMs = 60 * 60 * 1000): void {
      if (interval) return;
      empty();
      interval = setInterval(empty, everyMs);
      interval.unref?.();
    },
    stop(): void {
      if (interval) clearInterval(interval);
      interval = null;
    },
  };
}
