import Anthropic from '@anthropic-ai/sdk';
import { join } from 'node:path';
import type { ParleyEvent } from '../../shared/ipc';
import type { RateLimitSnapshot } from '../../shared/rate-limit';
import { createChatEngine, type ChatEngine, type StreamObserver } from './chat-engine';
import { createChatSession, type ChatSession } from './chat-session';
import { createBackupManager, type BackupManager } from './history/backup-manager';
import { createBinEmptier } from './history/bin-emptier';
import { createHistoryStore, type HistoryStore } from './history/history-store';
import { systemClock, type Clock } from './clock';
import { createConnectivityMonitor, type ConnectivityMonitor } from './connectivity';
import { createKeyService, type KeyService } from './key-service';
import { checkApiKey } from './key-validator';
import { createLogger, type Logger } from './logger';
import { createModelCatalog, type ModelCatalog } from './model-catalog';
import type { RetryPolicy } from './retry-policy';
import type { SecretBackend } from './secret-backend';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { warmUpStreamReading } from './stream-warm-up';

export interface AppServices {
  dataDir: string;
  log: Logger;
  keys: KeyService;
  settings: SettingsStore;
  engine: ChatEngine;
  history: HistoryStore;
  backups: BackupManager;
  /** Sends and retries that are saved in history as they stream. */
  session: ChatSession;
  connectivity: ConnectivityMonitor;
  /** The model list, and each model's output limit for the requests. */
  models: ModelCatalog;
  rateLimit: () => RateLimitSnapshot | null;
  /** An SDK client for the key in force, or null without one. */
  getClient: () => Promise<Anthropic | null>;
  openExternal: (url: string) => Promise<void>;
  /**
   * Sends an `answer-resumed` event for each answer streaming now, on the
   * events' own channel, so it is in order with their deltas; returns how many.
   */
  resumeAnswers(): number;
  /**
   * Stops every stream, each answer kept as far as it arrived and left for
   * the next start to mark interrupted, then closes the history.
   */
  dispose(): Promise<void>;
}

export interface AppServicesOptions {
  dataDir: string;
  secretBackend: SecretBackend;
  env: Record<string, string | undefined>;
  emit: (event: ParleyEvent) => void;
  openExternal: (url: string) => Promise<void>;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  stallTimeoutMs?: number;
  probeIntervalMs?: number;
  /** Extra raw-progress observer (tests); the history session always observes. */
  observer?: StreamObserver;
  logToStdout?: boolean;
  /** Hourly check for the daily backup; off in tests that count files. */
  backupsEnabled?: boolean;
}

/**
 * The composition root shared by the Electron shell and the browser shell:
 * everything the app does, with no Electron in it, so both shells run exactly
 * the same services.
 */
/** After start, when main reads a made-up answer once (stream-warm-up.ts). */
const STREAM_WARM_UP_DELAY_MS = 1000;

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const clock = options.clock ?? systemClock;
  const baseURL = options.env['ANTHROPIC_BASE_URL']?.trim() || undefined;
  let keys: KeyService | null = null;
  const log = createLogger({
    file: join(options.dataDir, 'logs', 'parley.log'),
    secrets: () => [keys?.currentKey() ?? null, options.env['ANTHROPIC_API_KEY'] ?? null],
    echo: options.logToStdout ?? false,
  });
  keys = await createKeyService({
    backend: options.secretBackend,
    envKey: options.env['ANTHROPIC_API_KEY'],
    checkKey: (key) => checkApiKey(key, { baseURL }),
  });
  const keyService = keys;

  let cached: { key: string; client: Anthropic } | null = null;
  const getClient = async (): Promise<Anthropic | null> => {
    const key = keyService.currentKey();
    if (!key) return null;
    if (cached?.key !== key) {
      cached = {
        key,
        client: new Anthropic({
          apiKey: key,
          baseURL: baseURL ?? null,
          maxRetries: 0,
          timeout: 60_000,
        }),
      };
    }
    return cached.client;
  };

  let rateLimit: RateLimitSnapshot | null = null;
  const connectivity = createConnectivityMonitor({
    clock,
    probeIntervalMs: options.probeIntervalMs ?? 2000,
    probe: async () => {
      try {
        await fetch(baseURL ?? 'https://api.anthropic.com', {
          method: 'GET',
          signal: AbortSignal.timeout(5000),
        });
        return true;
      } catch {
        return false;
      }
    },
    onChange: (state) => {
      log.info('connectivity changed', { online: state.online, cause: state.cause });
      options.emit({ type: 'connectivity', connectivity: state });
    },
  });

  const history = createHistoryStore({ dataDir: options.dataDir, clock, log });
  if (history.recovery)
    log.error('history was damaged and moved aside', { movedTo: history.recovery.movedTo });
  const backups = createBackupManager({ store: history, dataDir: options.dataDir, clock, log });
  if (options.backupsEnabled ?? true) backups.start();
  const bin = createBinEmptier({ store: history, log });
  bin.start();
  let session: ChatSession | null = null;
  const observers = [() => session?.observer, () => options.observer];
  const observer: StreamObserver = {
    onText: (id, delta) => observers.forEach((o) => o()?.onText?.(id, delta)),
    onBlockStop: (id) => observers.forEach((o) => o()?.onBlockStop?.(id)),
    onEvent: (event) => observers.forEach((o) => o()?.onEvent?.(event)),
  };

  const models = createModelCatalog();
  const engine = createChatEngine({
    getClient,
    maxTokensFor: models.maxOutputTokens,
    clock,
    connectivity,
    emit: (event) => {
      if (event.type === 'error')
        log.warn('request failed', {
          requestId: event.requestId,
          kind: event.error.kind,
          status: event.error.status,
          partial: event.partial,
        });
      if (event.type === 'retrying')
        log.info('retrying', {
          requestId: event.requestId,
          attempt: event.attempt,
          reason: event.reason,
          waitMs: event.waitMs,
        });
      options.emit(event);
    },
    onRateLimit: (snapshot) => {
      rateLimit = snapshot;
      options.emit({ type: 'rate-limit', snapshot });
    },
    observer,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(options.stallTimeoutMs ? { stallTimeoutMs: options.stallTimeoutMs } : {}),
  });

  session = createChatSession({ store: history, engine: () => engine, clock, log });
  session.onConversationChanged((conversationId) =>
    options.emit({ type: 'history-changed', conversationId }),
  );

  log.info('started', {
    keySource: keyService.status().source,
    keychain: keyService.status().keychainAvailable,
  });
  // Once the window has had its second to load: the first answer should not pay for compiling.
  const warmUp = setTimeout(() => {
    warmUpStreamReading().catch((error: unknown) =>
      log.warn('warming up stream reading failed', { error: String(error) }),
    );
  }, STREAM_WARM_UP_DELAY_MS);
  warmUp.unref();
  return {
    dataDir: options.dataDir,
    log,
    keys: keyService,
    settings: createSettingsStore(options.dataDir),
    engine,
    history,
    backups,
    session,
    connectivity,
    models,
    rateLimit: () => rateLimit,
    getClient,
    openExternal: options.openExternal,
    resumeAnswers() {
      // Sent first, the held-back text is in the snapshot: it is then never behind the history.
      engine.flushDeltas();
      const answers = session.liveAnswers();
      for (const answer of answers) options.emit({ type: 'answer-resumed', answer });
      return answers.length;
    },
    async dispose() {
      clearTimeout(warmUp);
      const left = session.leaveUnfinished();
      if (left > 0) log.info('closing mid-answer; left unfinished', { answers: left });
      await engine.cancelAll();
      connectivity.dispose();
      backups.stop();
      bin.stop();
      history.close();
    },
  };
}
