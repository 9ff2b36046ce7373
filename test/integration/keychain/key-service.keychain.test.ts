import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService } from '../../../src/main/services/key-service';
import { checkApiKey } from '../../../src/main/services/key-validator';
import {
  createKeytarBackend,
  KEYCHAIN_ACCOUNT,
  type KeytarLike,
  type SecretBackend,
} from '../../../src/main/services/secret-backend';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import { freshKey, loadKeytar, requireSessionBus, uniqueService } from './keychain-support';

let mock: MockAnthropic;
let closedPortUrl: string;

beforeAll(async () => {
  requireSessionBus();
  mock = await startMockAnthropic();
  const spare = await startMockAnthropic();
  closedPortUrl = spare.url;
  await spare.close();
});
afterAll(async () => {
  await mock?.close();
});

async function setup(options: { envKey?: string; baseURL?: string } = {}) {
  const service = uniqueService();
  const backend = createKeytarBackend(loadKeytar, { service, account: KEYCHAIN_ACCOUNT });
  const make = () =>
    createKeyService({
      backend,
      envKey: options.envKey,
      checkKey: (key) =>
        checkApiKey(key, { baseURL: options.baseURL ?? mock.url, timeoutMs: 3000 }),
    });
  const keytar = await loadKeytar();
  const inKeychain = () => keytar.getPassword(service, KEYCHAIN_ACCOUNT);
  return { make, inKeychain, cleanup: () => keytar.deletePassword(service, KEYCHAIN_ACCOUNT) };
}

describe('key service with the real OS keychain (gnome-keyring)', () => {
  it('checks a new key with GET /v1/models, stores it in the keychain and reports only source and last 4', async () => {
    const { make, inKeychain, cleanup } = await setup();
    try {
      const keys = await make();
      expect(keys.status()).toEqual({
        hasKey: false,
        source: null,
        hint: null,
        keychainAvailable: true,
      });
      const key = freshKey();
      const result = await keys.setKey(key);
      expect(result).toEqual({
        ok: true,
        value: {
          verified: true,
          status: {
            hasKey: true,
            source: 'keychain',
            hint: key.slice(-4),
            keychainAvailable: true,
          },
        },
      });
      expect(await inKeychain()).toBe(key);
      expect(mock.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/models'))).toBe(
        true,
      );
      const restarted = await make();
      expect(restarted.status()).toMatchObject({
        hasKey: true,
        source: 'keychain',
        hint: key.slice(-4),
      });
      expect(restarted.currentKey()).toBe(key);
    } finally {
      await cleanup();
    }
  });

  it('replaces and removes the key', async () => {
    const { make, inKeychain, cleanup } = await setup();
    try {
      const keys = await make();
      await keys.setKey(freshKey('first'));
      const second = freshKey('second');
      await keys.setKey(second);
      expect(await inKeychain()).toBe(second);
      const removed = await keys.removeKey();
      expect(removed).toEqual({
        ok: true,
        value: { hasKey: false, source: null, hint: null, keychainAvailable: true },
      });
      expect(await inKeychain()).toBeNull();
      expect((await make()).status().hasKey).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('a keychain that stops taking writes: the new key is for this session, and the replaced one never comes back', async () => {
    const service = uniqueService();
    const names = { service, account: KEYCHAIN_ACCOUNT };
    const keytar = await loadKeytar();
    // The real keychain, except that it now refuses writes (locked, say): outside our control.
    const refusingWrites = async (): Promise<KeytarLike> => ({
      getPassword: (s, a) => keytar.getPassword(s, a),
      deletePassword: (s, a) => keytar.deletePassword(s, a),
      setPassword: () => Promise.reject(new Error('the keyring is locked')),
    });
    const make = (backend: SecretBackend) =>
      createKeyService({
        backend,
        envKey: undefined,
        checkKey: (key) => checkApiKey(key, { baseURL: mock.url, timeoutMs: 3000 }),
      });
    try {
      const revoked = freshKey('revoked');
      await (await make(createKeytarBackend(loadKeytar, names))).setKey(revoked);
      expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBe(revoked);

      const keys = await make(createKeytarBackend(refusingWrites, names));
      const replacement = freshKey('replacement');
      expect(await keys.setKey(replacement)).toMatchObject({
        ok: true,
        value: { status: { source: 'session', keychainAvailable: false } },
      });
      expect(keys.currentKey()).toBe(replacement);
      // Not left behind to be used again at the next start.
      expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBeNull();
      expect((await make(createKeytarBackend(loadKeytar, names))).status().hasKey).toBe(false);

      // A keychain that refuses deletes too keeps the old key: removing says so, not "done".
      await keytar.setPassword(service, KEYCHAIN_ACCOUNT, revoked);
      const readOnly = async (): Promise<KeytarLike> => ({
        ...(await refusingWrites()),
        deletePassword: () => Promise.reject(new Error('the keyring is locked')),
      });
      const stuck = await make(createKeytarBackend(readOnly, names));
      await stuck.setKey(replacement);
      expect(await stuck.removeKey()).toMatchObject({
        ok: false,
        error: { kind: 'keychain-unavailable' },
      });
      expect(stuck.currentKey()).toBe(replacement);
    } finally {
      await keytar.deletePassword(service, KEYCHAIN_ACCOUNT);
    }
  });

  it('a rejected key (401) is reported as rejected and not stored', async () => {
    const { make, inKeychain, cleanup } = await setup();
    try {
      const keys = await make();
      const result = await keys.setKey(freshKey('invalid'));
      expect(result).toMatchObject({ ok: false, error: { kind: 'key-rejected' } });
      if (!result.ok) expect(result.error.message).toMatch(/rejected/);
      expect(await inKeychain()).toBeNull();
      expect(keys.status().hasKey).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('when the API cannot be reached the key is saved but marked unverified', async () => {
    const { make, inKeychain, cleanup } = await setup({ baseURL: closedPortUrl });
    try {
      const keys = await make();
      const key = freshKey();
      const result = await keys.setKey(key);
      expect(result).toMatchObject({
        ok: true,
        value: { verified: false, status: { source: 'keychain' } },
      });
      expect(await inKeychain()).toBe(key);
    } finally {
      await cleanup();
    }
  });

  it('honours ANTHROPIC_API_KEY; a key saved in the app wins, and removing it falls back to the environment', async () => {
    const envKey = freshKey('env');
    const { make, cleanup } = await setup({ envKey });
    try {
      const keys = await make();
      expect(keys.status()).toEqual({
        hasKey: true,
        source: 'environment',
        hint: envKey.slice(-4),
        keychainAvailable: true,
      });
      expect(keys.currentKey()).toBe(envKey);
      const saved = freshKey('saved');
      await keys.setKey(saved);
      expect(keys.status().source).toBe('keychain');
      expect(keys.currentKey()).toBe(saved);
      await keys.removeKey();
      expect(keys.status().source).toBe('environment');
    } finally {
      await cleanup();
    }
  });

  it('refuses a key with spaces or control characters before any network call', async () => {
    const { make, cleanup } = await setup();
    try {
      const keys = await make();
      const before = mock.requests.length;
      expect(await keys.setKey('sk-ant api03 with spaces')).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input' },
      });
      expect(mock.requests.length).toBe(before);
    } finally {
      await cleanup();
    }
  });
});
