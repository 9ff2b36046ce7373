import fs from 'node:fs';
import path from 'node:path';

/**
 * Where backups live and how they are named. Names carry the UTC date so a
 * plain sort is a sort by age and "one per day" is a file-exists check.
 */

export const backupDirName = 'backups';
const backupName = /^history-(\d{4}-\d{2}-\d{2})\.sqlite3$/;

export function backupDir(dataDir: string): string {
  return path.join(dataDir, backupDirName);
}

export function backupFileName(now: number): string {
  return `history-${new Date(now).toISOString().slice(0, 10)}.sqlite3`;
}

export interface BackupFile {
  path: string;
  /** YYYY-MM-DD (UTC) */
  date: string;
  bytes: number;
}

/** Completed backups, newest first. Partial files (".partial") are never listed. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const date = backupDate(name);
    if (!date) continue;
    const file = path.join(dir, name);
    found.push({ path: file, date, bytes: fs.statSync(file).size });
  }
  return found.sort((a, b) => b.date.localeCompare(a.date));
}

export function newestBackup(dataDir: string): string | null {
  return listBackups(dataDir)[0]?.path ?? null;
}

/** The UTC day a backup was made (YYYY-MM-DD), from its name; null for any other file. */
export function backupDate(file: string): string | null {
  return backupName.exec(path.basename(file))?.[1] ?? null;
}

/** True when `file` is a backup file inside this data dir's backup folder. */
export function isOwnBackup(dataDir: string, file: string): boolean {
  const resolved = path.resolve(file);
  return (
    path.dirname(resolved) === path.resolve(backupDir(dataDir)) &&
    backupName.test(path.basename(resolved))
  );
}
