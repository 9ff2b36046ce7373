import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isOwnBackup } from './backup-files';
import type { RecoveryReport } from './history-types';

/**
 * The restore offered after damage, kept on disk until the person restores
 * or declines it. Held only in memory, it vanished at the next start: the
 * banner was gone, daily backups of the fresh history resumed and, a few
 * days on, rotated the good backup out, with nothing ever having said so.
 */

const offerName = 'history.recovery.json';

const offerSchema = z.object({
  movedTo: z.string().min(1),
  newestBackup: z.string().min(1).nullable(),
  reason: z.string(),
});

function offerPath(dataDir: string): string {
  return path.join(dataDir, offerName);
}

/** Written through a temporary file so a crash leaves the old offer or the new, never half. */
export function saveRecoveryOffer(dataDir: string, report: RecoveryReport): void {
  const file = offerPath(dataDir);
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Best effort: the offer still stands for this run.
  }
}

/**
 * The offer left by an earlier start, or null. A backup that is gone since
 * (removed by hand) is no longer offered, but the damage is still reported.
 */
export function loadRecoveryOffer(dataDir: string): RecoveryReport | null {
  let text: string;
  try {
    text = fs.readFileSync(offerPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const checked = offerSchema.safeParse(parsed);
  if (!checked.success) return null;
  const { movedTo, newestBackup, reason } = checked.data;
  const backupStillThere =
    newestBackup !== null && isOwnBackup(dataDir, newestBackup) && fs.existsSync(newestBackup);
  return { movedTo, newestBackup: backupStillThere ? newestBackup : null, reason };
}

export function clearRecoveryOffer(dataDir: string): void {
  fs.rmSync(offerPath(dataDir), { force: true });
}
