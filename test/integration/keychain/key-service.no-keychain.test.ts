import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../src/main/services/app-services';
import { createKeytarBackend, KEYCHAIN_ACCOUNT } from '../../../src/main/services/secret-backend';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import { allFiles, freshKey, loadKeytar, uniqueService } from './keychain-support';

/**
 * A system with no Secret Service: this file's process points libsecret at a
 * bus that does not exist (vitest runs each file in its own process).
 */
process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/parley-no-bus';
delete process.env['DISPLAY'];

let mock: MockAnthropic;
beforeAll(async () => {
  mock = await startMockAnthropic();
});
afterAll(async () => {
  await mock?.close();
});

describe('no OS keychain reachable', () => {
  it('keeps the key in memory for this session only, says so, and never writes it to a file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-nokeychain-'));
    const backend = createKeytarBackend(loadKeytar, {
      service: uniqueService(),
      account: KEYCHAIN_ACCOUNT,
    });
    const make = () =>
      createAppServices({
        dataDir,
        secretBackend: backend,
        env: { ANTHROPIC_BASE_URL: mock.url },
        emit: () => undefined,
        openExternal: async () => undefined,
        backupsEnabled: false,
      });
    const services = await make();
    expect(services.keys.status()).toEqual({
      hasKey: false,
      source: null,
      hint: null,
      keychainAvailable: false,
    });
    const key = freshKey();
    const result = await services.keys.setKey(key);
    expect(result).toMatchObject({
      ok: true,
      value: {
        verified: true,
        status: { hasKey: true, source: 'session', keychainAvailable: false },
      },
    });
    expect(services.keys.currentKey()).toBe(key);
    services.log.info('after saving', { note: `the key is ${key}` });
    services.settings.update({ defaultModel: 'claude-sonnet-5-5' });
    await services.dispose();

    const files = allFiles(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(key);

    const restarted = await make();
    expect(restarted.keys.status()).toMatchObject({ hasKey: false, keychainAvailable: false });
    await restarted.dispose();
  });
});
