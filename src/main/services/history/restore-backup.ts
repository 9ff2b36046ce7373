import fs from 'node:fs';
import Database from 'better-sqlite3';
import { appError, fail, ok, type Result } from '../../../shared/app-error';
import { isOwnBackup } from './backup-files';
import { latestSchemaVersion, schemaVersion } from './migrations';
import {
  checkIntegrity,
  configureConnection,
  moveDatabaseAside,
  removeDatabaseFiles,
} from './sqlite-connection';

/**
 * Swapping a backup in for the live database. The backup is copied and
 * checked first, so a bad backup changes nothing; the database it replaces
 * is moved aside (not deleted) when it holds any conversation.
 */

export type RestoreResult = Result<{ restoredFrom: string; replacedMovedTo: string | null }>;

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
  let replacedMovedTo: string | null = null;
  if (args.currentHasData) replacedMovedTo = moveDatabaseAside(file, dataDir, args.now, 'replaced');
  else removeDatabaseFiles(file);
  fs.renameSync(staging, file);
  args.reopen();
  return ok({ restoredFrom: backupPath, replacedMovedTo });
}
