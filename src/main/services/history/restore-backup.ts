import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { appError, fail, ok, type Result } from '../../../shared/app-error';
import { isOwnBackup } from './backup-files';
import { latestSchemaVersion, schemaVersion } from './migrations';
import {
  checkIntegrity,
  configureConnection,
  makeAsideFolder,
  moveDatabaseFiles,
  removeDatabaseFiles,
} from './sqlite-connection';

/**
 * Swapping a backup in for the live database. The backup is copied and
 * checked first, so a bad backup changes nothing; the database it replaces
 * is moved aside (not deleted) when it holds any conversation, and put
 * back if the swap fails midway.
 */

export interface Restored {
  restoredFrom: string;
  /** Where the replaced database was moved; null when it held no conversation. */
  replacedMovedTo: string | null;
}

export type RestoreResult = Result<Restored>;

export interface ReplaceWithBackupArgs {
  dataDir: string;
  file: string;
  backupPath: string;
  now: number;
  /** True when the live database has conversations worth keeping aside. */
  currentHasData: boolean;
  close(): void;
  reopen(): void;
}

/** Opens the staged copy read-write (it may be in WAL mode) and checks it fully. */
function verifyStagedCopy(staging: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(staging, { fileMustExist: true });
    configureConnection(db);
    const problems = checkIntegrity(db, 'full');
    if (problems.length > 0) return `integrity check failed: ${problems.join('; ')}`;
    if (schemaVersion(db) > latestSchemaVersion) return 'it was made by a newer Parley';
    const table = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'conversations'`)
      .get();
    return table ? null : 'it is not a Parley history database';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

export function replaceWithBackup(args: ReplaceWithBackupArgs): RestoreResult {
  const { dataDir, file, backupPath } = args;
  if (!isOwnBackup(dataDir, backupPath) || !fs.existsSync(backupPath)) {
    return fail(appError('invalid-input', 'That backup was not found.'));
  }
  const staging = `${file}.restoring`;
  removeDatabaseFiles(staging);
  try {
    fs.copyFileSync(backupPath, staging);
  } catch {
    return fail(appError('storage', 'Parley could not copy that backup.', { retryable: true }));
  }
  const problem = verifyStagedCopy(staging);
  if (problem !== null) {
    removeDatabaseFiles(staging);
    return fail(appError('storage', `That backup cannot be restored: ${problem}.`));
  }

  args.close();
  return swapIn(args, staging);
}

/** Never recursive: a folder still holding a file the rollback missed is left for the person. */
function removeEmptyFolder(folder: string): void {
  try {
    fs.rmdirSync(folder);
  } catch {
    // not empty, or already gone
  }
}

/**
 * Puts the checked copy in place of the live database. Until the copy is
 * open, the live files (moved aside, not deleted) can be put back: a failure
 * midway (a file locked by another program, a full disk, ...) leaves the
 * history as it was, not closed until the next start.
 */
function swapIn(args: ReplaceWithBackupArgs, staging: string): RestoreResult {
  const { dataDir, file, backupPath } = args;
  let aside: string | null = null;
  let swapped = false;
  try {
    aside = makeAsideFolder(dataDir, args.now, 'replaced');
    moveDatabaseFiles(file, path.join(aside, path.basename(file)));
    fs.renameSync(staging, file);
    swapped = true;
    args.reopen();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    try {
      // The restored copy (and what opening it made) goes; the backup itself is untouched.
      removeDatabaseFiles(swapped ? file : staging);
      if (aside !== null) {
        moveDatabaseFiles(path.join(aside, path.basename(file)), file);
        removeEmptyFolder(aside);
      }
      args.reopen();
    } catch {
      return fail(
        appError(
          'storage',
          `Parley could not restore that backup (${detail}) nor reopen your history. Restart Parley; your history is kept.`,
        ),
      );
    }
    return fail(
      appError(
        'storage',
        `Parley could not restore that backup (${detail}). Your history is as it was.`,
        { retryable: true },
      ),
    );
  }
  if (!args.currentHasData) {
    fs.rmSync(aside, { recursive: true, force: true });
    return ok({ restoredFrom: backupPath, replacedMovedTo: null });
  }
  return ok({ restoredFrom: backupPath, replacedMovedTo: aside });
}
