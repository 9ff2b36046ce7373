import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyEvent } from '../../../src/shared/ipc';
import { createIpcHandlers } from '../../../src/main/ipc/handlers';
import { createIpcRouter } from '../../../src/main/ipc/router';
import { createAppServices } from '../../../src/main/services/app-services';
import { createKeytarBackend, KEYCHAIN_ACCOUNT } from '../../../src/main/services/secret-backend';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import {
  allFiles,
  freshKey,
  loadKeytar,
  requireSessionBus,
  uniqueService,
} from './keychain-support';

let mock: MockAnthropic;
beforeAll(async () => {
  requireSessionBus();
  mock = await startMockAnthropic();
});
afterAll(async () => {
  await mock?.close();
});

describe('the API key stays in main and the keychain', () => {
  it('appears in no IPC reply or event, no log line and no file under the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-leak-'));
    const service = uniqueService();
    const keytar = await loadKeytar();
    const key = freshKey();
    const envKey = freshKey('env');
    const wire: string[] = [];
    const services = await createAppServices({
      dataDir,
      secretBackend: createKeytarBackend(loadKeytar, { service, account: KEYCHAIN_ACCOUNT }),
      env: { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: envKey },
      emit: (event: ParleyEvent) => wire.push(JSON.stringify(event)),
      openExternal: async () => undefined,
      backupsEnabled: false,
    });
    const dispatch = createIpcRouter(createIpcHandlers(services), services.log);
    const call = async (channel: string, payload: unknown) => {
      const result = await dispatch(channel, payload);
      wire.push(JSON.stringify(result));
      return result;
    };
    try {
      await call('key:status', {});
      await call('key:set', { key: freshKey('invalid') });
      expect(await call('key:set', { key })).toMatchObject({ ok: true });
      expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBe(key);
      await call('key:status', {});
      await call('models:list', {});
      await call('settings:set-default-model', { model: 'claude-sonnet-5-5' });
      for (const [i, content] of [
        'hello there',
        '::mock rate-limit times=1 retry-after=0 limit=requests',
        '::mock mid-stream-error after=3',
        '::mock spend-cap',
      ].entries()) {
        const requestId = `req_leak_check_${i}`;
        const sent = await call('chat:send-message', {
          requestId,
          conversationId: null,
          model: 'claude-sonnet-5-5',
          text: content,
        });
        expect(sent.ok).toBe(true);
        await services.engine.settled(requestId);
      }
      await call('status:get', {});
      services.log.error('a careless log call', { header: `Bearer ${key}`, env: envKey });
      await call('key:remove', {});
    } finally {
      await services.dispose();
      await keytar.deletePassword(service, KEYCHAIN_ACCOUNT);
    }

    expect(wire.some((m) => m.includes('"type":"done"'))).toBe(true);
    expect(wire.some((m) => m.includes('"hint"'))).toBe(true);
    for (const message of wire) {
      expect(message).not.toContain(key);
      expect(message).not.toContain(envKey);
    }
    const files = allFiles(dataDir);
    const log = files.find((f) => f.endsWith('parley.log'));
    expect(log && readFileSync(log, 'utf8')).toContain('a careless log call');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(key);
      expect(text, file).not.toContain(envKey);
    }
    const sent = mock.requests.filter((r) => r.path === '/v1/messages');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.headers['authorization'] === `Bearer ${key}`)).toBe(true);
  });
});
