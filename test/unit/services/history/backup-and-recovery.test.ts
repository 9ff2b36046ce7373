import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBackupManager } from '../../../../src/main/services/history/backup-manager';
import {
  damagedMessagePages,
  damagedSetup,
  day,
  fill,
  garbageOver,
  titles,
} from './damaged-history';
import { manualClock, openStore, tempDir, type ManualClock } from './history-test-helpers';
import {
  autoQuickCheckMaxBytes,
  raiseIntegrityFlag,
  resolveIntegrityLevel,
} from '../../../../src/main/services/history/integrity-flag';

function setup(clock: ManualClock = manualClock()) {
  const dataDir = tempDir();
  const store = openStore(dataDir, clock);
  const backups = createBackupManager({ store, dataDir, clock, keep: 3 });
  return { dataDir, store, backups, clock };
}

describe('backup manager', () => {
  it('writes one verified, standalone backup a day into backups/history-YYYY-MM-DD.sqlite3', async () => {
    const { store, backups, dataDir, clock } = setup(manualClock(Date.UTC(2025, 2, 9, 23, 0)));
    fill(store, 3);
    const first = await backups.runDaily();
    expect(first.created).toBe(true);
    const file = path.join(dataDir, 'backups', 'history-2025-03-09.sqlite3');
    expect(first.created && first.backup.path).toBe(file);
    expect((await backups.runDaily()).created).toBe(false);

    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect((copy.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n).toBe(
      3,
    );
    copy.close();
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual(['history-2025-03-09.sqlite3']);

    clock.advance(2 * 60 * 60 * 1000); // next UTC day
    expect((await backups.runDaily()).created).toBe(true);
    expect(backups.list().map((b) => b.date)).toEqual(['2025-03-10', '2025-03-09']);
  });

  it('rotates, keeping the newest N', async () => {
    const { store, backups, clock } = setup();
    fill(store, 1);
    const removed: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const outcome = await backups.runDaily();
      if (outcome.created) removed.push(...outcome.removed);
      clock.advance(day);
    }
    expect(backups.list().map((b) => b.date)).toEqual(['2025-01-20', '2025-01-19', '2025-01-18']);
    expect(removed.map((p) => path.basename(p)).sort()).toEqual([
      'history-2025-01-15.sqlite3',
      'history-2025-01-16.sqlite3',
      'history-2025-01-17.sqlite3',
    ]);
  });

  it('runs concurrently requested backups once', async () => {
    const { store, backups } = setup();
    fill(store, 1);
    const [a, b] = await Promise.all([backups.runDaily(), backups.runDaily()]);
    expect(a).toBe(b);
  });
});

describe('corruption recovery', () => {
  const damages: Array<[string, (file: string) => void]> = [
    ['garbage written over the file', garbageOver],
    ['a truncated file', (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))],
    [
      'garbage inside the file',
      (file) => {
        const fd = fs.openSync(file, 'r+');
        fs.writeSync(fd, Buffer.alloc(8192, 0xff), 0, 8192, 3 * 4096);
        fs.closeSync(fd);
      },
    ],
  ];

  for (const [name, damage] of damages) {
    it(`moves ${name} aside with its -wal/-shm, starts empty and offers the newest backup`, async () => {
      const { store, dataDir, file } = await damagedSetup(damage);
      const recovery = store.recovery;
      expect(recovery).not.toBeNull();
      expect(path.basename(recovery!.movedTo)).toMatch(/^corrupt-\d{4}-\d{2}-\d{2}T/);
      expect(fs.readdirSync(recovery!.movedTo).sort()).toEqual([
        'history.sqlite3',
        'history.sqlite3-shm',
        'history.sqlite3-wal',
      ]);
      // moved untouched: SQLite did not checkpoint or delete the WAL on the way
      expect(fs.readFileSync(path.join(recovery!.movedTo, 'history.sqlite3-wal'), 'utf8')).toBe(
        'stale wal',
      );
      expect(recovery!.newestBackup).toBe(
        path.join(dataDir, 'backups', 'history-2025-01-15.sqlite3'),
      );
      expect(store.listConversations()).toEqual([]);
      expect(store.checkIntegrity()).toEqual([]);
      expect(fs.existsSync(file)).toBe(true);

      // the person can keep working before choosing to restore
      const scratch = store.createConversation({ title: 'written after recovery' });
      const restored = store.restoreBackup(recovery!.newestBackup!);
      expect(restored.ok).toBe(true);
      expect(restored.ok && restored.value.replacedMovedTo).toMatch(/replaced-/);
      expect(store.recovery).toBeNull();
      // What was written after the damage is merged into the restored history.
      expect(titles(store)).toEqual(['backed 0', 'backed 1', 'written after recovery']);
      expect(store.getConversationSummary(scratch.id)).toMatchObject({ id: scratch.id });
      expect(store.search('backed').length).toBeGreaterThan(0);
      expect(store.checkIntegrity()).toEqual([]);
      store.addUserMessage(store.listConversations()[0]!.id, 'still writable');
    });
  }

  it('writes no backup while the restore is on offer, so the good one is not replaced or rotated out', async () => {
    const { store, dataDir, clock } = await damagedSetup(garbageOver);
    const offered = store.recovery!.newestBackup!;
    const before = fs.readFileSync(offered);
    // The same day, and days later: an import's backup first, then the daily ones.
    const backups = createBackupManager({ store, dataDir, clock, keep: 1 });
    store.createConversation({ title: 'written after recovery' });
    clock.set(Date.parse(`${path.basename(offered).slice(8, 18)}T12:00:00Z`));
    expect(await backups.backupNow()).toEqual({ created: false, reason: 'held' });
    for (let i = 0; i < 3; i += 1) {
      clock.advance(day);
      expect(await backups.runDaily()).toEqual({ created: false, reason: 'held' });
    }
    expect(fs.readFileSync(offered)).toEqual(before);
    const restored = store.restoreBackup(offered);
    expect(restored.ok).toBe(true);
    expect(titles(store)).toEqual(['backed 0', 'backed 1', 'written after recovery']);
    // Restored, the history is backed up again.
    clock.advance(day);
    expect(await backups.runDaily()).toMatchObject({ created: true });
  });

  it('reports no backup when there is none', () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'history.sqlite3'),
      'not a database at all, just text '.repeat(200),
    );
    const store = openStore(dataDir, manualClock());
    expect(store.recovery).toMatchObject({ newestBackup: null });
    expect(store.recovery?.reason).toMatch(/not a database|integrity/);
  });

  it('does not move aside a healthy database it cannot use', () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'history.sqlite3')); // a folder where the file should be
    expect(() => openStore(dataDir, manualClock())).toThrow();
    expect(fs.readdirSync(dataDir)).toEqual(['history.sqlite3']);
  });

  it('refuses foreign paths and damaged backups, changing nothing', async () => {
    const { store, dataDir, backups } = setup();
    fill(store, 2);
    const outcome = await backups.runDaily();
    expect(outcome.created).toBe(true);
    expect(store.restoreBackup('/etc/passwd')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(store.restoreBackup(path.join(dataDir, 'history.sqlite3'))).toMatchObject({ ok: false });
    const backupPath = backups.list()[0]!.path;
    fs.writeFileSync(backupPath, Buffer.alloc(8192, 1));
    expect(store.restoreBackup(backupPath)).toMatchObject({
      ok: false,
      error: { kind: 'storage' },
    });
    expect(store.listConversations()).toHaveLength(2);
    expect(fs.existsSync(path.join(dataDir, 'history.sqlite3.restoring'))).toBe(false);
  });

  it('drops a backup whose copy fails its check and flags the live database', async () => {
    const clock = manualClock();
    const dataDir = tempDir();
    const store = openStore(dataDir, clock);
    fill(store, 1);
    const backups = createBackupManager({
      store: {
        // what the backup API does with a damaged source: a faithful copy of the damage
        backupTo: async (dest: string) => {
          await store.backupTo(dest);
          const fd = fs.openSync(dest, 'r+');
          fs.writeSync(fd, Buffer.alloc(4096, 0xee), 0, 4096, 4096);
          fs.closeSync(fd);
        },
        flagForIntegrityCheck: (reason: string) => store.flagForIntegrityCheck(reason),
        recovery: null,
      },
      dataDir,
      clock,
    });
    expect(await backups.runDaily()).toMatchObject({ created: false, reason: 'damaged' });
    expect(backups.list()).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'history.check-needed'))).toBe(true);
  });
});

describe('integrity checks at open', () => {
  it('picks a light check for large files unless flagged', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'history.sqlite3');
    expect(resolveIntegrityLevel('auto', file, dataDir)).toBe('quick'); // no file yet
    fs.writeFileSync(file, '');
    fs.truncateSync(file, autoQuickCheckMaxBytes + 1);
    expect(resolveIntegrityLevel('auto', file, dataDir)).toBe('light');
    expect(resolveIntegrityLevel('full', file, dataDir)).toBe('full');
    raiseIntegrityFlag(dataDir, 'test');
    expect(resolveIntegrityLevel('auto', file, dataDir)).toBe('quick');
  });

  it('flags damage met at run time, then recovers at the next open', () => {
    const clock = manualClock();
    const { dataDir, ids } = damagedMessagePages(clock);
    const [id] = ids;

    let failed = false;
    try {
      const light = openStore(dataDir, clock, { integrityCheck: 'light' });
      expect(light.recovery).toBeNull();
      light.getConversation(id!);
      for (let i = 0; i < 40; i += 1) light.search(`bulk ${i}`);
      light.exportAll();
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'history.check-needed'))).toBe(true);

    const next = openStore(dataDir, clock);
    expect(next.recovery).not.toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'history.check-needed'))).toBe(false);
  });
});
