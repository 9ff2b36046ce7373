import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackupManager } from '../../../../src/main/services/history/backup-manager';
import { toHistoryAppError } from '../../../../src/main/services/history/history-error';
import { replaceWithBackup } from '../../../../src/main/services/history/restore-backup';
import { openHistoryConnection } from '../../../../src/main/services/history/sqlite-connection';
import {
  damagedMessagePages,
  damagedSetup,
  day,
  fill,
  garbageOver,
  titles,
} from './damaged-history';
import { addExchange, manualClock, openStore, tempDir } from './history-test-helpers';

/**
 * The restore offered after damage, across restarts, and what a restore
 * keeps: real SQLite files, damaged on disk, opened again as the next
 * start opens them.
 */

describe('the restore offered after damage', () => {
  it('is offered again at every start until the backup is restored', async () => {
    const { store, dataDir, clock } = await damagedSetup(garbageOver);
    const offered = store.recovery;
    expect(offered?.newestBackup).not.toBeNull();
    store.close();

    clock.advance(day);
    const next = openStore(dataDir, clock);
    expect(next.recovery).toEqual(offered);
    // Still held: a backup of the fresh history would rotate the good one out.
    const backups = createBackupManager({ store: next, dataDir, clock, keep: 1 });
    expect(await backups.runDaily()).toEqual({ created: false, reason: 'held' });

    expect(next.restoreBackup(offered!.newestBackup!).ok).toBe(true);
    next.close();
    const after = openStore(dataDir, clock);
    expect(after.recovery).toBeNull();
    expect(titles(after)).toEqual(['backed 0', 'backed 1']);
  });

  it('once declined, is not made again and daily backups resume', async () => {
    const { store, dataDir, clock } = await damagedSetup(garbageOver);
    store.createConversation({ title: 'a fresh start' });
    store.dismissRecovery();
    expect(store.recovery).toBeNull();
    store.close();

    clock.advance(day);
    const next = openStore(dataDir, clock);
    expect(next.recovery).toBeNull();
    expect(titles(next)).toEqual(['a fresh start']);
    const backups = createBackupManager({ store: next, dataDir, clock });
    expect(await backups.runDaily()).toMatchObject({ created: true });
  });

  it('still reports the damage, without a restore, when the backup was removed since', async () => {
    const { store, dataDir, clock } = await damagedSetup(garbageOver);
    const { movedTo, newestBackup } = store.recovery!;
    store.close();
    fs.rmSync(newestBackup!);
    const next = openStore(dataDir, clock);
    expect(next.recovery).toMatchObject({ movedTo, newestBackup: null });
  });

  it('ignores an offer file it cannot read, and never offers a file outside the backups', () => {
    const dataDir = tempDir();
    const clock = manualClock();
    fs.writeFileSync(path.join(dataDir, 'history.recovery.json'), '{"movedTo": ');
    const first = openStore(dataDir, clock);
    expect(first.recovery).toBeNull();
    first.close();
    fs.writeFileSync(
      path.join(dataDir, 'history.recovery.json'),
      JSON.stringify({ movedTo: dataDir, newestBackup: '/etc/passwd', reason: 'x' }),
    );
    expect(openStore(dataDir, clock).recovery).toMatchObject({ newestBackup: null });
  });
});

describe('restoring a backup', () => {
  it('keeps every conversation and answer written since the damage', async () => {
    const { store, dataDir, clock } = await damagedSetup(garbageOver);
    const since = store.createConversation({ title: 'written after the damage' });
    addExchange(store, since.id, 'what did I ask after the damage?', 'an answer worth keeping');
    store.close();

    clock.advance(day);
    const next = openStore(dataDir, clock);
    const restored = next.restoreBackup(next.recovery!.newestBackup!);
    expect(restored).toMatchObject({ ok: true, value: { kept: { conversations: 1, failed: 0 } } });
    expect(titles(next)).toEqual(['backed 0', 'backed 1', 'written after the damage']);
    const turns = next.getConversation(since.id)?.turns ?? [];
    expect(turns.map((t) => t.user.content[0]?.text)).toEqual(['what did I ask after the damage?']);
    expect(next.search('worth keeping').map((hit) => hit.conversationId)).toEqual([since.id]);
    // The history it replaced is still on disk, whole.
    const replaced = restored.ok ? restored.value.replacedMovedTo : null;
    expect(fs.existsSync(path.join(replaced!, 'history.sqlite3'))).toBe(true);
  });

  it('puts the live history back when the swap fails midway', () => {
    const clock = manualClock();
    const dataDir = tempDir();
    const file = path.join(dataDir, 'history.sqlite3');
    const store = openStore(dataDir, clock);
    fill(store, 2, 'backed');
    const backupPath = path.join(dataDir, 'backups', 'history-2025-01-15.sqlite3');
    fs.mkdirSync(path.dirname(backupPath));
    return store.backupTo(backupPath).then(() => {
      fill(store, 5, 'later');
      store.close();
      const backupBytes = fs.readFileSync(backupPath);

      let db = openHistoryConnection(file, 'quick');
      let opens = 0;
      const result = replaceWithBackup({
        dataDir,
        file,
        backupPath,
        now: clock.now(),
        currentHasData: true,
        close: () => db.close(),
        reopen: () => {
          opens += 1;
          // The disk's refusal, at the moment the restored copy is opened.
          if (opens === 1) throw new Error('EBUSY: resource busy or locked');
          db = openHistoryConnection(file, 'quick');
        },
      });
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'storage', message: expect.stringMatching(/Your history is as it was/) },
      });
      const count = db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number };
      expect(count.n).toBe(7);
      db.close();
      expect(fs.readdirSync(dataDir).filter((name) => /replaced|restoring/.test(name))).toEqual([]);
      expect(fs.readFileSync(backupPath)).toEqual(backupBytes);
    });
  });
});

describe('damage met at run time', () => {
  it('tells the person to restart, where the full check repairs it, instead of "try again"', () => {
    const clock = manualClock();
    const { dataDir } = damagedMessagePages(clock);
    const light = openStore(dataDir, clock, { integrityCheck: 'light' });
    let caught: unknown = null;
    try {
      light.exportAll();
    } catch (error) {
      caught = error;
    }
    expect(caught).not.toBeNull();
    const shown = toHistoryAppError(caught);
    expect(shown).toMatchObject({ kind: 'storage', retryable: false });
    expect(shown.message).toMatch(/damage.*Restart Parley/);
  });
});
