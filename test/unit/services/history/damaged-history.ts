import fs from 'node:fs';
import path from 'node:path';
import { createBackupManager } from '../../../../src/main/services/history/backup-manager';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import {
  addExchange,
  manualClock,
  openStore,
  tempDir,
  type ManualClock,
} from './history-test-helpers';

/**
 * Histories with conversations, a backup of the first of them, and damage
 * done to the file on disk: what the recovery and restore specs start from.
 */

export const day = 24 * 60 * 60 * 1000;

export function fill(store: HistoryStore, conversations: number, prefix = 'topic'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < conversations; i += 1) {
    const conv = store.createConversation({ title: `${prefix} ${i}` });
    addExchange(
      store,
      conv.id,
      `${prefix} question ${i} ${'filler '.repeat(40)}`,
      `${prefix} answer ${i} ${'words '.repeat(120)}`,
    );
    ids.push(conv.id);
  }
  return ids;
}

/** The titles of the conversations listed, sorted. */
export const titles = (store: HistoryStore): string[] =>
  store
    .listConversations()
    .map((c) => c.title)
    .sort();

export const garbageOver = (file: string): void =>
  fs.writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));

/**
 * Two conversations backed up, thirty more a day later, then `damage` done
 * to the closed file (with a stale -wal/-shm beside it) and the history
 * opened again, as the next start does.
 */
export async function damagedSetup(damage: (file: string) => void) {
  const clock = manualClock();
  const dataDir = tempDir();
  const first = openStore(dataDir, clock);
  fill(first, 2, 'backed');
  await createBackupManager({ store: first, dataDir, clock }).runDaily();
  clock.advance(day);
  fill(first, 30, 'later');
  first.close();
  const file = path.join(dataDir, 'history.sqlite3');
  damage(file);
  fs.writeFileSync(`${file}-wal`, 'stale wal');
  fs.writeFileSync(`${file}-shm`, 'stale shm');
  clock.advance(1000);
  const store = openStore(dataDir, clock);
  return { store, dataDir, clock, file };
}

/**
 * Forty conversations, then message pages near the end of the closed file
 * overwritten: the open-time light check (the conversations table only)
 * passes, and the damage is met at run time.
 */
export function damagedMessagePages(clock: ManualClock): { dataDir: string; ids: string[] } {
  const dataDir = tempDir();
  const first = openStore(dataDir, clock);
  const ids = fill(first, 40, 'bulk');
  first.close();
  const file = path.join(dataDir, 'history.sqlite3');
  const pages = fs.statSync(file).size / 4096;
  const fd = fs.openSync(file, 'r+');
  for (let page = Math.floor(pages / 2); page < pages; page += 3) {
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, page * 4096);
  }
  fs.closeSync(fd);
  return { dataDir, ids };
}
