import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  latestSchemaVersion,
  migrate,
  migrations,
  schemaVersion,
} from '../../../../src/main/services/history/migrations';
import { historyFileName } from '../../../../src/main/services/history/history-store';
import { manualClock, openStore, tempDir } from './history-test-helpers';

const convId = '11111111-1111-4111-8111-111111111111';
const userId = '22222222-2222-4222-8222-222222222222';
const answerId = '33333333-3333-4333-8333-333333333333';
const streamingId = '44444444-4444-4444-8444-444444444444';

/** Writes a small history the way the app at `version` would have. */
function seedAt(version: number): string {
  const dataDir = tempDir();
  const db = new Database(path.join(dataDir, historyFileName));
  db.pragma('journal_mode = WAL');
  migrate(db, version);
  expect(schemaVersion(db)).toBe(version);
  db.prepare(
    `INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(convId, 'Old conversation', 'claude-old', 1000, 2000);
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, role, reply_to, attempt, content, status, model, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const blocks = (text: string) => JSON.stringify([{ type: 'text', text }]);
  insert.run(
    userId,
    convId,
    'user',
    null,
    1,
    blocks('Tell me about giraffes'),
    'complete',
    null,
    1000,
    1000,
  );
  insert.run(
    answerId,
    convId,
    'assistant',
    userId,
    1,
    blocks('Giraffes have long necks.'),
    'complete',
    'claude-old',
    1001,
    1500,
  );
  insert.run(
    streamingId,
    convId,
    'assistant',
    userId,
    2,
    blocks('Giraffes sleep standing'),
    'streaming',
    'claude-old',
    1600,
    1700,
  );
  if (version >= 2) {
    // what the app of that version wrote: settled messages carry their search text
    db.exec(`UPDATE messages SET search_text = content ->> '$[0].text' WHERE status = 'complete'`);
  }
  db.close();
  return dataDir;
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: latestSchemaVersion }, (_, i) => i + 1),
    );
    expect(latestSchemaVersion).toBeGreaterThanOrEqual(3);
  });

  for (let version = 1; version < latestSchemaVersion; version += 1) {
    it(`upgrade a version-${version} database with its data preserved`, () => {
      const dataDir = seedAt(version);
      const store = openStore(dataDir, manualClock());
      expect(schemaVersion(store.database())).toBe(latestSchemaVersion);

      const detail = store.getConversation(convId);
      expect(detail).toMatchObject({
        title: 'Old conversation',
        model: 'claude-old',
        createdAt: 1000,
        pinned: false,
        archived: false,
      });
      expect(detail?.turns[0]?.user.text).toBe('Tell me about giraffes');
      expect(detail?.turns[0]?.answers.map((a) => [a.attempt, a.text, a.status])).toEqual([
        [1, 'Giraffes have long necks.', 'complete'],
        [2, 'Giraffes sleep standing', 'interrupted'],
      ]);
      // new features work on old data
      expect(store.search('necks').map((h) => h.messageId)).toEqual([answerId]);
      expect(store.search('sleep').map((h) => h.messageId)).toEqual([streamingId]);
      expect(store.setPinned(convId, true)).toBe(true);
      expect(store.listConversations()[0]).toMatchObject({ id: convId, pinned: true });
      expect(store.checkIntegrity()).toEqual([]);
      const fts = store
        .database()
        .prepare(`INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)`);
      expect(() => fts.run()).not.toThrow();
    });
  }

  it('refuses a database from a newer Parley and leaves it alone', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, historyFileName);
    const db = new Database(file);
    migrate(db);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    expect(() => openStore(dataDir, manualClock())).toThrow(/newer/);
    const again = new Database(file);
    expect(schemaVersion(again)).toBe(latestSchemaVersion + 1);
    again.close();
  });

  it('migrating twice is a no-op', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(migrate(db)).toBe(0);
    db.close();
  });
});
