import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { historyFileName } from '../../../../src/main/services/history/history-store';
import {
  latestSchemaVersion,
  migrate,
  schemaVersion,
} from '../../../../src/main/services/history/migrations';
import {
  checksumsFile,
  fixtureFile,
  fixtureHistory,
  fixturesDir,
  sha256,
} from './fixtures/schema-fixtures';
import { manualClock, openStore, tempDir } from './history-test-helpers';

/**
 * Upgrades from files an earlier Parley actually left on disk, frozen in
 * fixtures/ (see generate-schema-fixtures.ts), rather than from files
 * today's migration code builds on the spot (migrations.test.ts). Only a
 * frozen file notices a shipped migration being edited: today's code would
 * build the "old" database with the edit in it.
 *
 * A fixture is only ever opened as a copy: SQLite writes -wal/-shm beside a
 * WAL-mode file even to read it.
 */

const versions = Array.from({ length: latestSchemaVersion }, (_, i) => i + 1);
const { conversation, user, answer, streaming } = fixtureHistory;

function fixturePath(version: number): string {
  return path.join(fixturesDir, fixtureFile(version));
}

/** The recorded checksums, by file name. */
function recordedChecksums(): Map<string, string> {
  const text = fs.readFileSync(path.join(fixturesDir, checksumsFile), 'utf8');
  const entries = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): [string, string] => {
      const [hash = '', name = ''] = line.split(/\s+\*?/);
      return [name, hash];
    });
  return new Map(entries);
}

/** A data dir holding a copy of the version's fixture as its history file. */
function copyIntoDataDir(version: number): string {
  const dataDir = tempDir();
  fs.copyFileSync(fixturePath(version), path.join(dataDir, historyFileName));
  return dataDir;
}

/** Tables, indexes and triggers with the SQL that made them; rootpage is layout, not schema. */
function schemaOf(db: Database.Database): unknown[] {
  return db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`)
    .all();
}

describe('histories saved by earlier Parleys (frozen fixture files)', () => {
  it('every schema version has a frozen fixture, byte for byte as it was written', () => {
    const checksums = recordedChecksums();
    for (const version of versions) {
      const name = fixtureFile(version);
      const file = fixturePath(version);
      expect(
        fs.existsSync(file),
        `${name} is missing: freeze it with fixtures/generate-schema-fixtures.ts`,
      ).toBe(true);
      const bytes = fs.readFileSync(file);
      expect(sha256(bytes), `${name} differs from ${checksumsFile}`).toBe(checksums.get(name));
      // The header, read without SQLite (which would write beside the fixture):
      // user_version at offset 60, and WAL mode (read/write versions 2) as the app leaves it.
      expect(bytes.readUInt32BE(60), `${name} user_version`).toBe(version);
      expect([bytes[18], bytes[19]], `${name} journal mode`).toEqual([2, 2]);
      expect(bytes.length, `${name} stays small`).toBeLessThanOrEqual(64 * 1024);
    }
    expect([...checksums.keys()].sort()).toEqual(versions.map(fixtureFile).sort());
  });

  for (const version of versions) {
    it(`a version-${version} history opens in today's store with everything kept`, () => {
      const before = fs.readFileSync(fixturePath(version));
      const dataDir = copyIntoDataDir(version);
      const store = openStore(dataDir, manualClock());

      // Upgraded, not taken for damage and moved aside.
      expect(schemaVersion(store.database())).toBe(latestSchemaVersion);
      expect(store.recovery).toBeNull();
      expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('corrupt-'))).toEqual([]);

      // The answer that was streaming when that Parley died is interrupted, its prefix kept.
      expect(store.interruptedAtOpen).toBe(1);
      const detail = store.getConversation(conversation.id);
      expect(detail).toMatchObject({
        id: conversation.id,
        title: conversation.title,
        model: conversation.model,
        createdAt: conversation.createdAt,
        pinned: version >= 3,
        archived: false,
      });
      expect(detail?.turns).toHaveLength(1);
      const turn = detail?.turns[0];
      expect(turn?.user).toMatchObject({ id: user.id, text: user.text, status: 'complete' });
      expect(turn?.answers.map((a) => [a.id, a.attempt, a.text, a.status])).toEqual([
        [answer.id, 1, answer.text, 'complete'],
        [streaming.id, 2, streaming.text, 'interrupted'],
      ]);
      expect(turn?.answers[0]).toMatchObject({
        stopReason: 'end_turn',
        usage: answer.usage,
        apiRequestId: answer.apiRequestId,
        model: conversation.model,
      });
      expect(store.listConversations().map((c) => c.id)).toEqual([conversation.id]);

      // Today's features work on the old data: search (the interrupted prefix too), pinning, new messages.
      expect(store.search('necks').map((h) => h.messageId)).toEqual([answer.id]);
      expect(store.search('sleep').map((h) => h.messageId)).toEqual([streaming.id]);
      expect(store.search('giraffes').map((h) => h.messageId)).toEqual(
        expect.arrayContaining([user.id, answer.id, streaming.id]),
      );
      expect(store.setPinned(conversation.id, version < 3)).toBe(true);
      expect(store.listConversations()[0]).toMatchObject({ pinned: version < 3 });
      const added = store.addUserMessage(conversation.id, 'And their tongues?');
      expect(store.getConversation(conversation.id)?.turns.map((t) => t.user.id)).toEqual([
        user.id,
        added.id,
      ]);
      expect(store.checkIntegrity()).toEqual([]);
      const fts = store
        .database()
        .prepare(`INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)`);
      expect(() => fts.run()).not.toThrow();

      // The fixture itself was never opened.
      expect(fs.readFileSync(fixturePath(version)).equals(before)).toBe(true);
      expect(fs.existsSync(`${fixturePath(version)}-wal`)).toBe(false);
      expect(fs.existsSync(`${fixturePath(version)}-shm`)).toBe(false);
    });

    it(`a version-${version} file has exactly the schema migrations 1..${version} make today`, () => {
      // A difference means a shipped migration was edited: people's files at this version
      // do not look like what today's code assumes they look like.
      const copy = new Database(path.join(copyIntoDataDir(version), historyFileName));
      const fresh = new Database(':memory:');
      try {
        expect(schemaVersion(copy)).toBe(version);
        migrate(fresh, version);
        expect(schemaOf(copy)).toEqual(schemaOf(fresh));
      } finally {
        copy.close();
        fresh.close();
      }
    });
  }
});
