/**
 * The history layer's public surface, so wiring code imports one module and
 * the files behind it can be rearranged freely.
 */
export {
  createHistoryStore,
  historyFileName,
  type HistoryStore,
  type HistoryStoreOptions,
} from './history-store';
export {
  createAnswerRecorder,
  type AnswerRecorder,
  type AnswerRecorderOptions,
} from './answer-recorder';
export { createBackupManager, type BackupManager, type DailyBackupOutcome } from './backup-manager';
export { backupDate, listBackups, type BackupFile } from './backup-files';
export { generateTitle } from './generate-title';
export { HistoryError, toHistoryAppError } from './history-error';
export type { ImportCounts } from './archive-import';
export type { ParleyArchive } from './archive-schema';
export type { RestoreResult } from './restore-backup';
export type { IntegrityCheckLevel } from './sqlite-connection';
export type * from './history-types';
