import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupDir, backupFileName, listBackups, type BackupFile } from './backup-files';
import type { HistoryStore } from './history-store';
import type { Clock, HistoryLog } from './history-types';
import { checkIntegrity, isCorruptionError, removeDatabaseFiles } from './sqlite-connection';

/**
 * One backup a day through SQLite's online backup API (consistent even while
 * the app writes), keeping the newest `keep`. A backup is written under a
 * temporary name, checked, and only then given its dated name, so every file
 * the user is offered is complete. The backup API copies pages verbatim, so
 * a copy that fails its check means the live file is damaged: the copy is
 * dropped (copying damage would rotate the good backups out) and the store
 * is flagged for a full check at next start. Checking the copy, not the live
 * file, keeps the live database free for the app meanwhile. While a restore
 * after damage is on offer, no backup is written (see `write`).
 */

export interface BackupManagerOptions {
  store: Pick<HistoryStore, 'backupTo' | 'flagForIntegrityCheck' | 'recovery'>;
  dataDir: string;
  clock: Clock;
  keep?: number;
  log?: HistoryLog;
  /**
   * Copies larger than this are not checked: the check is synchronous (about
   * 12 ms per MiB) and would freeze the main process. Damage is still caught
   * by the open-time check and the run-time flag.
   */
  maxCheckedBytes?: number;
}

export type DailyBackupOutcome =
  | { created: true; backup: BackupFile; removed: string[] }
  | { created: false; reason: 'exists' | 'damaged' | 'failed' | 'held'; detail?: string };

/** Makes the copy a standalone rollback-journal file and checks it when small enough. */
function finalizeCopy(file: string, maxCheckedBytes: number): string[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    if (fs.statSync(file).size > maxCheckedBytes) return [];
    return checkIntegrity(db, 'quick');
  } finally {
    db.close();
  }
}

export function createBackupManager(options: BackupManagerOptions) {
  const { store, dataDir, clock } = options;
  const keep = Math.max(1, options.keep ?? 5);
  const log = options.log;
  const dir = backupDir(dataDir);
  let running: Promise<DailyBackupOutcome> | null = null;
  let interval: ReturnType<typeof setInterval> | null = null;

  function rotate(): string[] {
    const removed: string[] = [];
    for (const old of listBackups(dataDir).slice(keep)) {
      fs.rmSync(old.path, { force: true });
      removed.push(old.path);
    }
    return removed;
  }

  async function write(): Promise<DailyBackupOutcome> {
    // The history was found damaged and started afresh, and a restore of the newest backup is
    // on offer: a copy of the fresh history would replace today's backup or rotate the good
    // ones out, and the restore would bring back an empty history.
    if (store.recovery?.newestBackup) return { created: false, reason: 'held' };
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, backupFileName(clock.now()));
    const partial = `${target}.partial`;
    removeDatabaseFiles(partial);
    try {
      await store.backupTo(partial);
      const problems = finalizeCopy(partial, options.maxCheckedBytes ?? 64 * 1024 * 1024);
      if (problems.length > 0) {
        removeDatabaseFiles(partial);
        const detail = problems.join('; ');
        store.flagForIntegrityCheck(`backup copy failed its check: ${detail}`);
        log?.error('history backup dropped: the copy failed its check', { detail });
        return { created: false, reason: 'damaged', detail };
      }
      fs.renameSync(partial, target);
    } catch (error) {
      removeDatabaseFiles(partial);
      const detail = error instanceof Error ? error.message : String(error);
      if (isCorruptionError(error)) {
        store.flagForIntegrityCheck(`backup failed: ${detail}`);
        return { created: false, reason: 'damaged', detail };
      }
      log?.error('history backup failed', { detail });
      return { created: false, reason: 'failed', detail };
    }
    const removed = rotate();
    const backup = listBackups(dataDir).find((b) => b.path === target);
    if (!backup) return { created: false, reason: 'failed', detail: 'backup vanished' };
    log?.info('history backup written', { path: target, removed: removed.length });
    return { created: true, backup, removed };
  }

  function once(task: () => Promise<DailyBackupOutcome>): Promise<DailyBackupOutcome> {
    running ??= task().finally(() => {
      running = null;
    });
    return running;
  }

  /** Today's backup unless it already exists. */
  function runDaily(): Promise<DailyBackupOutcome> {
    return once(async () => {
      const today = path.join(dir, backupFileName(clock.now()));
      if (fs.existsSync(today)) return { created: false, reason: 'exists' };
      return write();
    });
  }

  return {
    runDaily,
    /** A backup now, replacing today's if there is one (before a restore or an import). */
    backupNow(): Promise<DailyBackupOutcome> {
      return once(write);
    },
    list(): BackupFile[] {
      return listBackups(dataDir);
    },
    rotate,
    /** Checks now and then every `everyMs` (default hourly) whether today's backup is due. */
    start(everyMs = 60 * 60 * 1000): void {
      if (interval) return;
      void runDaily();
      interval = setInterval(() => void runDaily(), everyMs);
      interval.unref?.();
    },
    stop(): void {
      if (interval) clearInterval(interval);
      interval = null;
    },
  };
}

export type BackupManager = ReturnType<typeof createBackupManager>;
