import { appError, fail, ok, type Result } from '../../shared/app-error';
import type { KeySource, KeyStatus } from '../../shared/ipc';
import type { KeyCheck } from './key-validator';
import { KeychainUnavailableError, type SecretBackend } from './secret-backend';

export interface SetKeyOutcome {
  status: KeyStatus;
  /** False when the API could not be reached to check it; it is saved anyway. */
  verified: boolean;
}

export interface KeyService {
  status(): KeyStatus;
  /** The key itself, for main-process use only (the SDK client). Never sent over IPC. */
  currentKey(): string | null;
  setKey(key: string): Promise<Result<SetKeyOutcome>>;
  removeKey(): Promise<Result<KeyStatus>>;
  /** Subscribe to key changes (so the engine drops a cached client). */
  onChange(listener: () => void): () => void;
}

/**
 * Decides which key is in force and where it lives. A key saved in the app
 * wins over `ANTHROPIC_API_KEY`; without a keychain a saved key lives in this
 * process's memory only — there is deliberately no file fallback.
 */
export async function createKeyService(deps: {
  backend: SecretBackend;
  envKey: string | undefined;
  checkKey: (key: string) => Promise<KeyCheck>;
}): Promise<KeyService> {
  let keychainAvailable = true;
  let saved: { key: string; source: 'keychain' | 'session' } | null = null;
  /**
   * The keychain still holds a key older than the one in force (it stopped
   * taking writes after it was read). Left there, that key, perhaps one the
   * person revoked, would be back in use after a restart.
   */
  let staleInKeychain = false;
  /** True once the keychain holds no key of ours. */
  const removeFromKeychain = async (): Promise<boolean> => {
    try {
      await deps.backend.remove();
      staleInKeychain = false;
      return true;
    } catch (err) {
      if (!(err instanceof KeychainUnavailableError)) throw err;
      return false;
    }
  };
  try {
    const stored = await deps.backend.get();
    if (stored) saved = { key: stored, source: 'keychain' };
  } catch (err) {
    if (!(err instanceof KeychainUnavailableError)) throw err;
    keychainAvailable = false;
  }
  const envKey = deps.envKey?.trim() ? deps.envKey.trim() : null;
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((l) => l());

  const current = (): { key: string; source: KeySource } | null =>
    saved ?? (envKey ? { key: envKey, source: 'environment' } : null);

  const status = (): KeyStatus => {
    const c = current();
    return {
      hasKey: c !== null,
      source: c?.source ?? null,
      hint: c ? c.key.slice(-4) : null,
      keychainAvailable,
    };
  };

  return {
    status,
    currentKey: () => current()?.key ?? null,
    async setKey(raw) {
      const key = raw.trim();
      if (!/^[\x21-\x7e]+$/.test(key)) {
        return fail(
          appError(
            'invalid-input',
            'That does not look like an API key: it contains spaces or unusual characters.',
          ),
        );
      }
      const check = await deps.checkKey(key);
      if (check === 'rejected') {
        return fail(
          appError(
            'key-rejected',
            'This key was rejected by Anthropic. Check that you copied all of it, or create a new key in the Anthropic Console.',
          ),
        );
      }
      if (keychainAvailable) {
        try {
          await deps.backend.set(key);
          saved = { key, source: 'keychain' };
        } catch (err) {
          if (!(err instanceof KeychainUnavailableError)) throw err;
          keychainAvailable = false;
          // The replaced key must not come back at the next start.
          if (saved?.source === 'keychain') staleInKeychain = !(await removeFromKeychain());
        }
      }
      if (!keychainAvailable) saved = { key, source: 'session' };
      changed();
      return ok({ status: status(), verified: check === 'valid' });
    },
    async removeKey() {
      if ((saved?.source === 'keychain' || staleInKeychain) && !(await removeFromKeychain())) {
        return fail(
          appError(
            'keychain-unavailable',
            "The OS keychain didn't answer, so the key could not be removed. Try again.",
          ),
        );
      }
      saved = null;
      changed();
      return ok(status());
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
