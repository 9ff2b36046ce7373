import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { KeyStatus } from '../../../shared/ipc';
import { parley } from '../lib/parley';

export interface KeyStatusState {
  /** Null until main has answered once. */
  status: KeyStatus | null;
  error: AppError | null;
  reload: () => void;
  /** For answers that already carry the new status (setKey, removeKey). */
  update: (status: KeyStatus) => void;
}

/** Whether there is a key decides between onboarding and the chat; only `{hasKey, source, hint}` ever arrives. */
export function useKeyStatus(): KeyStatusState {
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    void parley()
      .getKeyStatus()
      .then((result) => {
        if (!alive) return;
        if (result.ok) {
          setStatus(result.value);
          setError(null);
        } else {
          setError(result.error);
        }
      });
    return () => {
      alive = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((next: KeyStatus) => {
    setStatus(next);
    setError(null);
  }, []);
  return { status, error, reload, update };
}
