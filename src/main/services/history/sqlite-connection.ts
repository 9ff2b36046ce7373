import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, refuseNewerSchema } from './migrations';

/**
 * Opening the history file safely. A damaged file must be recognised as
 * damaged (and only then moved aside): a locked, unreadable or newer-schema
 * file is a different problem and is never treated as corruption, because
 * moving a healthy database aside would hide the user's history.
 */

/**
 * 'full' = integrity_check, 'quick' = quick_check (structure, not index
 * contents), 'light' = the schema and the conversations table only (what the
 * sidebar needs; milliseconds at any size), 'none' = the schema only.
 */
export type IntegrityCheckLevel = 'full' | 'quick' | 'light' | 'none';

/** The files that make up one SQLite database in WAL mode. */
export const databaseFileSuffixes = ['', '-wal', '-shm', '-journal'] as const;

export class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';
}

/** SQLITE_CORRUPT and its extended codes, and SQLITE_NOTADB ("file is not a database"). */
export function isCorruptionError(error: unknown): boolean {
  if (error instanceof CorruptDatabaseError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** Pragmas every connection needs; WAL + FULL is what makes a commit survive power loss. */
export function configureConnection(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
  // Reading journal_mode is the first read of the header: NOTADB surfaces here.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

export function checkIntegrity(db: Database.Database, level: IntegrityCheckLevel): string[] {
  if (level === 'none') {
    // Still touch the schema so a garbage file fails here and not on first use.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return [];
  }
  const hasConversations =
    level === 'light' &&
    db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'conversations'`).get();
  const pragma = {
    full: 'integrity_check(20)',
    quick: 'quick_check(20)',
    light: hasConversations ? 'quick_check(conversations)' : 'quick_check(sqlite_schema)',
  }[level];
  const rows = db.pragma(pragma) as Array<Record<string, unknown>>;
  const problems = rows.map((row) => String(Object.values(row)[0]));
  return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
}

/**
 * Checks an existing file through a read-only connection first. A read-write
 * connection would, on close, checkpoint the WAL into a damaged file or
 * delete a WAL it cannot read; read-only leaves all three files as they
 * were, so what we move aside is exactly what was there.
 */
function probeExisting(file: string, integrity: IntegrityCheckLevel): void {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return; // no file yet: nothing to check
  }
  if (size === 0) return;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Before anything opens it read-write (which would switch its journal mode): untouched.
    refuseNewerSchema(db);
    const problems = checkIntegrity(db, integrity);
    if (problems.length > 0) {
      throw new CorruptDatabaseError(`integrity check failed: ${problems.join('; ')}`);
    }
  } finally {
    db.close();
  }
}

/**
 * Checks, opens, configures and migrates. Throws CorruptDatabaseError (or a
 * SqliteError with a corruption code) when the file is damaged; a failed
 * open leaves no connection behind.
 */
export function openHistoryConnection(
  file: string,
  integrity: IntegrityCheckLevel,
): Database.Database {
  probeExisting(file, integrity);
  const db = new Database(file);
  try {
    configureConnection(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A fresh `<prefix>-<timestamp>` folder in the data dir, for a database moved aside. */
export function makeAsideFolder(
  dataDir: string,
  now: number,
  prefix: 'corrupt' | 'replaced',
): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = path.join(dataDir, `${prefix}-${stamp}`);
  for (let i = 2; fs.existsSync(target); i += 1)
    target = path.join(dataDir, `${prefix}-${stamp}-${i}`);
  fs.mkdirSync(target, { recursive: true });
  return target;
}

/**
 * Moves the database with its -wal/-shm/-journal from `fromFile` to the same
 * names next to `toFile`. They move together because a WAL replayed against
 * the wrong main file is a second corruption.
 */
export function moveDatabaseFiles(fromFile: string, toFile: string): void {
  for (const suffix of databaseFileSuffixes) {
    const from = fromFile + suffix;
    if (fs.existsSync(from)) fs.renameSync(from, toFile + suffix);
  }
}

/** Moves the database and its companions into a fresh `<prefix>-<timestamp>` folder. */
export function moveDatabaseAside(
  file: string,
  dataDir: string,
  now: number,
  prefix: 'corrupt' | 'replaced' = 'corrupt',
): string {
  const target = makeAsideFolder(dataDir, now, prefix);
  moveDatabaseFiles(file, path.join(target, path.basename(file)));
  return target;
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of databaseFileSuffixes) fs.rmSync(file + suffix, { force: true });
}
