import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ParleyEvent } from '../../../src/shared/ipc';
import { createAppServices, type AppServices } from '../../../src/main/services/app-services';
import type { SentMessage } from '../../../src/main/services/chat-session';
import { systemClock, type Clock } from '../../../src/main/services/clock';
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
  clock: Clock = systemClock,
) {
  const events: ParleyEvent[] = [];
  services = await createAppServices({
    clock,
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

/** Sends `text` (into `conversationId`, or a new conversation) and waits until its answer ends. */
export async function ask(s: AppServices, text: string, conversationId: string | null = null) {
  const requestId = rid();
  const sent = s.session.send({ requestId, conversationId, text, model: MODEL });
  if (!sent.ok) throw new Error(`send failed: ${sent.error.message}`);
  await s.engine.settled(requestId);
  return sent.value;
}

/**
 * Sends `text` into a new conversation and returns once its first words have
 * arrived, while the rest still streams.
 */
export async function askStreaming(
  s: AppServices,
  events: readonly ParleyEvent[],
  text: string,
): Promise<{ requestId: string; sent: SentMessage }> {
  const requestId = rid();
  const sent = s.session.send({ requestId, conversationId: null, text, model: MODEL });
  if (!sent.ok) throw new Error(`send failed: ${sent.error.message}`);
  await expect
    .poll(() => events.some((e) => e.type === 'delta' && e.requestId === requestId))
    .toBe(true);
  return { requestId, sent: sent.value };
}

/** The body of the newest `POST /v1/messages` the mock received. */
export function lastMessagesBody(): {
  messages: Array<{ role: string; content: string }>;
  max_tokens: unknown;
} {
  const body = mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body;
  if (!body) throw new Error('no request reached the mock');
  return body as ReturnType<typeof lastMessagesBody>;
}
