import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startMockAnthropic, type MockAnthropic } from '../mock-anthropic/server';
import type { ChatEvent } from '../../src/shared/ipc';
import type { RateLimitSnapshot } from '../../src/shared/rate-limit';
import { createChatEngine, type ChatEngine } from '../../src/main/services/chat-engine';
import { systemClock, type Clock } from '../../src/main/services/clock';
import {
  createConnectivityMonitor,
  type ConnectivityMonitor,
} from '../../src/main/services/connectivity';
import type { RetryPolicy } from '../../src/main/services/retry-policy';

export interface EngineHarness {
  engine: ChatEngine;
  connectivity: ConnectivityMonitor;
  events: ChatEvent[];
  snapshots: RateLimitSnapshot[];
  /** Every retry wait the engine asked for, in ms. */
  waits: number[];
  /** Starts a one-message request and resolves with its events once it has settled. */
  ask(text: string, requestId?: string): Promise<ChatEvent[]>;
  textOf(requestId: string): string;
  dispose(): void;
}

let counter = 0;

/** The spec file's mock API (see `useEngineMock`). */
export let mock: MockAnthropic;
/** Harnesses made in the running test, disposed after it. */
const made = new Set<EngineHarness>();

/** One mock API per spec file, reset after each test, and the test's harnesses disposed. */
export function useEngineMock(): void {
  beforeAll(async () => {
    mock = await startMockAnthropic();
  });
  afterAll(async () => {
    await mock.close();
  });
  afterEach(() => {
    for (const harness of made) harness.dispose();
    made.clear();
    mock.reset();
  });
}

/**
 * The real engine, the real SDK and real HTTP against the mock; only retry
 * waits are faked (recorded, then returned at once, or held until woken).
 */
export function createEngineHarness(options: {
  baseURL: string;
  apiKey?: string;
  holdWaits?: boolean;
  stallTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
  probeIntervalMs?: number;
  coalesceMs?: number;
  /** The SDK's wait for response headers. */
  timeoutMs?: number;
  /** The engine's time; a double pins `now` so a wait computed from a reset time is exact. */
  clock?: Clock;
}): EngineHarness {
  const events: ChatEvent[] = [];
  const snapshots: RateLimitSnapshot[] = [];
  const waits: number[] = [];
  const client = new Anthropic({
    apiKey: options.apiKey ?? 'sk-ant-test-harness-key',
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 10_000,
  });
  const connectivity = createConnectivityMonitor({
    clock: systemClock,
    probeIntervalMs: options.probeIntervalMs ?? 100,
    probe: async () => {
      try {
        await fetch(options.baseURL, { signal: AbortSignal.timeout(1000) });
        return true;
      } catch {
        return false;
      }
    },
    onChange: () => undefined,
  });
  const engine = createChatEngine({
    getClient: async () => client,
    clock: options.clock ?? systemClock,
    connectivity,
    emit: (event) => events.push(event),
    onRateLimit: (snapshot) => snapshots.push(snapshot),
    stallTimeoutMs: options.stallTimeoutMs ?? 5000,
    random: () => 0.5,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(options.coalesceMs ? { coalesceMs: options.coalesceMs } : {}),
    waitFor: (ms, signal, wake) => {
      waits.push(ms);
      if (!options.holdWaits) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        wake.addEventListener('abort', () => resolve(), { once: true });
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  });
  const of = (requestId: string): ChatEvent[] => events.filter((e) => e.requestId === requestId);
  const harness: EngineHarness = {
    engine,
    connectivity,
    events,
    snapshots,
    waits,
    async ask(text, requestId = `req_test_${++counter}_${Date.now()}`) {
      engine.start({
        requestId,
        model: 'claude-sonnet-5-5',
        maxTokens: 1024,
        messages: [{ role: 'user', content: text }],
      });
      await engine.settled(requestId);
      return of(requestId);
    },
    textOf: (requestId) =>
      of(requestId)
        .map((e) => (e.type === 'delta' ? e.text : ''))
        .join(''),
    dispose() {
      engine.cancelAll();
      connectivity.dispose();
    },
  };
  made.add(harness);
  return harness;
}

export function deltasText(events: ChatEvent[]): string {
  return events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
}

export function last(events: ChatEvent[]): ChatEvent | undefined {
  return events[events.length - 1];
}
