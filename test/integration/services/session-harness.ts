import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ParleyEvent } from '../../../src/shared/ipc';
import { createAppServices, type AppServices } from '../../../src/main/services/app-services';
import { unavailableSecretBackend } from '../../../src/main/services/secret-backend';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

/**
 * The app's services in Node against the mock API, as the session specs use
 * them: one mock per file (`useSessionHarness`), fresh services and data
 * directory per test (`start`), every event main emits collected.
 */

export const MODEL = 'claude-sonnet-5-5';
export let mock: MockAnthropic;
let services: AppServices | null = null;

export function useSessionHarness(): void {
  beforeAll(async () => {
    mock = await startMockAnthropic();
  });
  afterAll(async () => {
    await mock.close();
  });
  afterEach(async () => {
    await services?.dispose();
    services = null;
    mock.reset();
  });
}

export async function start(
  baseURL = mock.url,
  dataDir = mkdtempSync(join(tmpdir(), 'parley-session-')),
) {
  const events: ParleyEvent[] = [];
  services = await createAppServices({
    dataDir,
    secretBackend: unavailableSecretBackend,
    env: { ANTHROPIC_BASE_URL: baseURL, ANTHROPIC_API_KEY: 'sk-ant-session-test-key' },
    emit: (e) => events.push(e),
    openExternal: async () => undefined,
    backupsEnabled: false,
    probeIntervalMs: 100,
  });
  return { s: services, events, dataDir };
}

let n = 0;
export const rid = (): string => `req_session_${++n}_${Date.now()}`;
