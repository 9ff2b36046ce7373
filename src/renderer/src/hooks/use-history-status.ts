import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { InvokeResponses } from '../../../shared/ipc';
import type { RecoveryReport } from '../../../shared/history';
import { plural } from '../lib/format-date';
import { parley } from '../lib/parley';

export interface HistoryStatusState {
  /** Set when the history file was damaged at start and moved aside. */
  recovery: RecoveryReport | null;
  /** Answers found unfinished at start; told once, until dismissed. */
  interrupted: number;
  dismissInterrupted: () => void;
  restoring: boolean;
  restoreError: AppError | null;
  /** Resolves with what was restored, or null when the restore failed (see restoreError). */
  restoreBackup: () => Promise<Restored | null>;
  /** Declines the restore: the history stays as it is now, and the offer is not made again. */
  dismissRecovery: () => void;
}

export type Restored = InvokeResponses['restoreNewestBackup'];

/** What a restore did, in the words of its toast: the backup's day, and what was carried over. */
export function restoreSummary(restored: Restored): string {
  const { backupDate, keptConversations: kept, unkeptConversations: unkept } = restored;
  const day = Date.parse(`${backupDate}T12:00:00Z`);
  const parts = [
    Number.isNaN(day)
      ? 'Your history was restored from the newest backup.'
      : `Your history was restored from the backup of ${new Date(day).toLocaleDateString(
          undefined,
          { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
        )}.`,
  ];
  if (kept > 0) {
    parts.push(
      kept === 1
        ? 'The conversation you had before restoring is kept.'
        : `The ${plural(kept, 'conversation')} you had before restoring are kept.`,
    );
  }
  if (unkept > 0) {
    parts.push(
      `${plural(unkept, 'conversation')} you had before restoring could not be added back; they are saved in ${restored.replacedMovedTo ?? 'the data folder'}.`,
    );
  }
  return parts.join(' ');
}

/**
 * What happened to the history when Parley started: a damaged file moved
 * aside (with the newest backup on offer), or answers a crash left
 * unfinished. Asked once per window.
 */
export function useHistoryStatus(): HistoryStatusState {
  const [recovery, setRecovery] = useState<RecoveryReport | null>(null);
  const [interrupted, setInterrupted] = useState(0);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<AppError | null>(null);

  useEffect(() => {
    let alive = true;
    void parley()
      .getHistoryStatus()
      .then((result) => {
        if (!alive || !result.ok) return;
        setRecovery(result.value.recovery);
        setInterrupted(result.value.interruptedAtOpen);
      });
    return () => {
      alive = false;
    };
  }, []);

  const dismissInterrupted = useCallback(() => setInterrupted(0), []);

  const restoreBackup = useCallback(async () => {
    setRestoring(true);
    setRestoreError(null);
    const result = await parley().restoreNewestBackup();
    setRestoring(false);
    if (!result.ok) {
      setRestoreError(result.error);
      return null;
    }
    setRecovery(result.value.recovery);
    return result.value;
  }, []);

  const dismissRecovery = useCallback(() => {
    void parley()
      .dismissHistoryRecovery()
      .then((result) => {
        if (result.ok) setRecovery(null);
        else setRestoreError(result.error);
      });
  }, []);

  return useMemo(
    () => ({
      recovery,
      interrupted,
      dismissInterrupted,
      restoring,
      restoreError,
      restoreBackup,
      dismissRecovery,
    }),
    [
      recovery,
      interrupted,
      dismissInterrupted,
      restoring,
      restoreError,
      restoreBackup,
      dismissRecovery,
    ],
  );
}
