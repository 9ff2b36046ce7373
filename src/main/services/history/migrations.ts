import type Database from 'better-sqlite3';
import { searchTextOf } from './search-text';
import { titleSearchOf } from './title-search';

/**
 * Schema history. Each entry moves the database from `version - 1` to
 * `version` inside one transaction together with `PRAGMA user_version`, so a
 * crash mid-migration leaves the previous version intact. Entries are never
 * edited once shipped: a change is always a new entry, which keeps every
 * older file upgradeable (tests open a database at each earlier version).
 */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/**
 * The plain text of a message's content blocks, as SQL. Used once, to
 * backfill `search_text` for rows written before version 2; afterwards the
 * store writes `search_text` itself.
 */
const textOfContentSql = `coalesce((SELECT group_concat(j.value ->> '$.text', char(10))
  FROM json_each(messages.content) AS j WHERE j.value ->> '$.type' = 'text'), '')`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'conversations and messages, with answer attempts',
    up(db) {
      db.exec(`
        CREATE TABLE conversations (
          id TEXT PRIMARY KEY NOT NULL,
          title TEXT NOT NULL,
          model TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;

        -- n is the rowid: it orders messages and keys the search index, and
        -- being an INTEGER PRIMARY KEY it survives VACUUM unchanged.
        CREATE TABLE messages (
          n INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
          reply_to TEXT REFERENCES messages(id) ON DELETE CASCADE,
          attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
          content TEXT NOT NULL CHECK (json_valid(content)),
          status TEXT NOT NULL CHECK (status IN
            ('pending', 'streaming', 'complete', 'stopped', 'interrupted', 'error')),
          stop_reason TEXT,
          error TEXT CHECK (error IS NULL OR json_valid(error)),
          usage TEXT CHECK (usage IS NULL OR json_valid(usage)),
          model TEXT,
          api_request_id TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          CHECK ((role = 'user') = (reply_to IS NULL))
        ) STRICT;

        CREATE INDEX messages_by_conversation ON messages(conversation_id, n);
        CREATE UNIQUE INDEX messages_attempts ON messages(reply_to, attempt) WHERE reply_to IS NOT NULL;
        CREATE INDEX messages_unfinished ON messages(status) WHERE status IN ('pending', 'streaming');
        CREATE INDEX conversations_by_update ON conversations(updated_at DESC, id DESC);
      `);
    },
  },
  {
    version: 2,
    description: 'full-text search (FTS5) over settled message text',
    up(db) {
      // search_text is empty while an answer streams and is filled when it
      // settles, so the index is not rewritten four times a second.
      db.exec(`
        ALTER TABLE messages ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        UPDATE messages SET search_text = ${textOfContentSql}
          WHERE status NOT IN ('pending', 'streaming');

        CREATE VIRTUAL TABLE message_fts USING fts5(
          search_text,
          content = 'messages',
          content_rowid = 'n',
          tokenize = 'unicode61 remove_diacritics 2',
          prefix = '2 3'
        );
        INSERT INTO message_fts(message_fts) VALUES ('rebuild');

        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
          INSERT INTO message_fts(rowid, search_text) VALUES (new.n, new.search_text);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          INSERT INTO message_fts(message_fts, rowid, search_text)
            VALUES ('delete', old.n, old.search_text);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages BEGIN
          INSERT INTO message_fts(message_fts, rowid, search_text)
            VALUES ('delete', old.n, old.search_text);
          INSERT INTO message_fts(rowid, search_text) VALUES (new.n, new.search_text);
        END;
      `);
    },
  },
  {
    version: 3,
    description: 'pinned, archived and soft-deleted conversations',
    up(db) {
      db.exec(`
        ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0
          CHECK (pinned IN (0, 1));
        ALTER TABLE conversations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0
          CHECK (archived IN (0, 1));
        ALTER TABLE conversations ADD COLUMN deleted_at INTEGER;
        DROP INDEX conversations_by_update;
        CREATE INDEX conversations_sidebar
          ON conversations(pinned DESC, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
        CREATE INDEX conversations_deleted ON conversations(deleted_at) WHERE deleted_at IS NOT NULL;
      `);
    },
  },
  {
    version: 4,
    description: 'search inside text written without spaces (Chinese, Japanese, Thai)',
    up(db) {
      // The stored search text of messages in those scripts is cut into characters the way
      // the app now writes it (search-text.ts), and those rows are indexed again: one by one
      // while they are few, by one rebuild of the index once there are many. Re-indexing a
      // row costs about six times its share of a rebuild (0.2 ms against 0.03 ms a message,
      // measured on the benchmark's 500,000). The update trigger is set aside meanwhile (it
      // would re-index every row) and put back exactly as it was.
      const total =
        db.prepare<[], { total: number }>(`SELECT count(*) AS total FROM messages`).get()?.total ??
        0;
      const trigger = db
        .prepare<[], { sql: string }>(
          `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'messages_fts_update'`,
        )
        .get();
      if (total === 0 || !trigger) return;
      db.exec(`DROP TRIGGER messages_fts_update`);
      const batch = db.prepare<[number], { n: number; text: string }>(
        `SELECT n, search_text AS text FROM messages WHERE n > ? AND search_text <> ''
          ORDER BY n LIMIT 1000`,
      );
      const setText = db.prepare(`UPDATE messages SET search_text = ? WHERE n = ?`);
      const unindex = db.prepare(
        `INSERT INTO message_fts(message_fts, rowid, search_text) VALUES ('delete', ?, ?)`,
      );
      const index = db.prepare(`INSERT INTO message_fts(rowid, search_text) VALUES (?, ?)`);
      let changed = 0;
      let rebuild = false;
      for (let rows = batch.all(-Infinity); rows.length > 0;) {
        for (const { n, text } of rows) {
          const cut = searchTextOf(text);
          if (cut === text) continue;
          changed += 1;
          rebuild ||= changed * 6 >= total;
          if (!rebuild) {
            unindex.run(n, text);
            index.run(n, cut);
          }
          setText.run(cut, n);
        }
        rows = batch.all(rows[rows.length - 1]?.n ?? Infinity);
      }
      db.exec(trigger.sql);
      if (rebuild) db.exec(`INSERT INTO message_fts(message_fts) VALUES ('rebuild')`);
    },
  },
  {
    version: 5,
    description: 'conversation titles searchable: each title as search folds it',
    up(db) {
      // Matched by substring, so a word only in a renamed title is found too; kept folded
      // (lower case, no Latin accents) so a query is matched the way message text is.
      db.function('parley_fold', { deterministic: true }, (text: unknown) =>
        titleSearchOf(String(text)),
      );
      db.exec(`
        ALTER TABLE conversations ADD COLUMN title_search TEXT NOT NULL DEFAULT '';
        UPDATE conversations SET title_search = parley_fold(title);
      `);
    },
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A history written by a newer Parley (the person went back a version): never guessed at. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
}

/**
 * Brings the database up to `target` (default: the newest version). Refuses a
 * file written by a newer Parley rather than guessing at its schema.
 */
/** The file's schema version, unless a newer Parley wrote it (then NewerSchemaError). */
export function refuseNewerSchema(db: Database.Database): number {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new NewerSchemaError(
      `history database is at schema version ${current}, newer than this Parley knows (${latestSchemaVersion})`,
    );
  }
  return current;
}

export function migrate(db: Database.Database, target: number = latestSchemaVersion): number {
  const current = refuseNewerSchema(db);
  let applied = 0;
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied += 1;
  }
  return applied;
}
