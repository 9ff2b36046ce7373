/**
 * Where a saved key lives. The production backend is the OS keychain via
 * keytar; tests use the same backend against a real gnome-keyring daemon.
 * Every method throws `KeychainUnavailableError` when no keychain answers.
 */
export interface SecretBackend {
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  remove(): Promise<boolean>;
}

export class KeychainUnavailableError extends Error {
  constructor(cause: unknown) {
    // The cause's text is kept out of the message: it never contains the key,
    // but we do not promise that for every platform's keychain library.
    super('No OS keychain is reachable', { cause });
  }
}

/** The subset of keytar we use, so a test can pass the real module in. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Parley';
export const KEYCHAIN_ACCOUNT = 'anthropic-api-key';

export function createKeytarBackend(
  loadKeytar: () => Promise<KeytarLike>,
  names: { service: string; account: string } = {
    service: KEYCHAIN_SERVICE,
    account: KEYCHAIN_ACCOUNT,
  },
): SecretBackend {
  const call = async <T>(fn: (k: KeytarLike) => Promise<T>): Promise<T> => {
    let keytar: KeytarLike;
    try {
      keytar = await loadKeytar();
    } catch (err) {
      throw new KeychainUnavailableError(err);
    }
    try {
      return await fn(keytar);
    } catch (err) {
      throw new KeychainUnavailableError(err);
    }
  };
  return {
    get: () => call((k) => k.getPassword(names.service, names.account)),
    set: (secret) => call((k) => k.setPassword(names.service, names.account, secret)),
    remove: () => call((k) => k.deletePassword(names.service, names.account)),
  };
}

/** A backend for "this system has no keychain": every call fails as the real one would. */
export const unavailableSecretBackend: SecretBackend = {
  get: () => Promise.reject(new KeychainUnavailableError('keychain disabled')),
  set: () => Promise.reject(new KeychainUnavailableError('keychain disabled')),
  remove: () => Promise.reject(new KeychainUnavailableError('keychain disabled')),
};
