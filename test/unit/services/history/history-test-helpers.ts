import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import {
  createHistoryStore,
  historyFileName,
  type HistoryStore,
  type HistoryStoreOptions,
} from '../../../../src/main/services/history/history-store';
import { migrate } from '../../../../src/main/services/history/migrations';

/**
 * Real SQLite files in throwaway folders, and a clock the test moves by hand,
 * so ordering by time is deterministic.
 */

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

const cleanups: Array<() => void> = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

export function tempDir(prefix = 'parley-history-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A data dir whose history is at schema `version`, holding what `write` puts
 * in it the way the app of that version would have: an older history to
 * open with today's store.
 */
export function historyAt(version: number, write: (db: Database.Database) => void): string {
  const dataDir = tempDir();
  const db = new Database(path.join(dataDir, historyFileName));
  try {
    db.pragma('journal_mode = WAL');
    migrate(db, version);
    write(db);
  } finally {
    db.close();
  }
  return dataDir;
}

/** Opens a store that is closed (and its folder removed) after the test. */
export function openStore(
  dataDir: string,
  clock: ManualClock,
  extra: Partial<HistoryStoreOptions> = {},
): HistoryStore {
  const store = createHistoryStore({ dataDir, clock, ...extra });
  cleanups.push(() => store.close());
  return store;
}

export function freshStore(clock: ManualClock = manualClock()): {
  store: HistoryStore;
  dataDir: string;
  clock: ManualClock;
} {
  const dataDir = tempDir();
  return { store: openStore(dataDir, clock), dataDir, clock };
}

/** A user message and a finished answer, the common case in tests. */
export function addExchange(
  store: HistoryStore,
  conversationId: string,
  question: string,
  answer: string,
): { userId: string; answerId: string } {
  const user = store.addUserMessage(conversationId, question);
  const reply = store.startAssistantMessage(user.id, 'claude-test');
  store.finishAssistantMessage(reply.id, {
    status: 'complete',
    text: answer,
    stopReason: 'end_turn',
  });
  return { userId: user.id, answerId: reply.id };
}
