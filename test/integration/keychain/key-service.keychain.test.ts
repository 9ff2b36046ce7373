import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService } from '../../../src/main/services/key-service';
import { checkApiKey } from '../../../src/main/services/key-validator';
import { createKeytarBackend, KEYCHAIN_ACCOUNT } from '../../../src/main/services/secret-backend';
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
