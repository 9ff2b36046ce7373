import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { RecoveryReport } from '../../../shared/history';
import { parley } from '../lib/parley';

export interface HistoryStatusState {
  /** Set when the history file was damaged at start and moved aside. */
  recovery: RecoveryReport | null;
  /** Answers found unfinished at start; told once, until dismissed. */
  interrupted: number;
  dismissInterrupted: () => void;
  restoring: boolean;
  restoreError: AppError | null;
  /** Resolves true when the newest backup replaced the (empty) history. */
  restoreBackup: () => Promise<boolean>;
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
      return false;
    }
    setRecovery(result.value.recovery);
    return true;
  }, []);

  return useMemo(
    () => ({ recovery, interrupted, dismissInterrupted, restoring, restoreError, restoreBackup }),
    [recovery, interrupted, dismissInterrupted, restoring, restoreError, restoreBackup],
  );
}
