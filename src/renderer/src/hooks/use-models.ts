import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { ModelSummary } from '../../../shared/ipc';
import { parley } from '../lib/parley';

export interface ModelsState {
  /** Sorted by main: active models first, newest first. */
  models: readonly ModelSummary[];
  /** The model the next message goes to; null only when none is known at all. */
  selected: string | null;
  /** Why the list could not be loaded (offline, key rejected...), until a later load succeeds. */
  error: AppError | null;
  loaded: boolean;
  select: (id: string) => void;
  reload: () => void;
}

/**
 * The model picker's data. The person's choice is saved as the default
 * (main keeps settings), so the next start opens on the same model. A failed
 * load is retried by itself when the connection comes back; meanwhile the
 * saved default still lets messages be sent.
 */
export function useModels(enabled: boolean, online: boolean): ModelsState {
  const [models, setModels] = useState<readonly ModelSummary[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadedRef = useRef(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    // Re-run when the connection returns: a list that failed to load is fetched again.
    if (!enabled || loadedRef.current) return undefined;
    let alive = true;
    const api = parley();
    void api.getSettings().then((result) => {
      if (alive && result.ok) setSaved(result.value.defaultModel);
    });
    void api.listModels().then((result) => {
      if (!alive) return;
      if (result.ok) {
        loadedRef.current = true;
        setModels(result.value);
        setError(null);
        setLoaded(true);
      } else {
        setError(result.error);
      }
    });
    return () => {
      alive = false;
    };
    // `online` is a trigger, not an input: it changes when a retry is worth making.
  }, [enabled, online, attempt]);

  const select = useCallback((id: string) => {
    setChosen(id);
    void parley()
      .setDefaultModel({ model: id })
      .then((result) => {
        if (result.ok) setSaved(result.value.defaultModel);
      });
  }, []);

  const reload = useCallback(() => {
    loadedRef.current = false;
    setAttempt((n) => n + 1);
  }, []);

  const selected = pickModel(models, chosen, saved);
  // One object per change, so the memoised header skips the renders a streaming answer causes.
  return useMemo(
    () => ({ models, selected, error, loaded, select, reload }),
    [models, selected, error, loaded, select, reload],
  );
}

/** The person's pick, else the saved default (if still offered), else the first active model. */
export function pickModel(
  models: readonly ModelSummary[],
  chosen: string | null,
  saved: string | null,
): string | null {
  if (chosen !== null) return chosen;
  if (saved !== null && (models.length === 0 || models.some((m) => m.id === saved))) return saved;
  return models[0]?.id ?? null;
}
