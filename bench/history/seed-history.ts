import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createHistoryStore, historyFileName } from '../../src/main/services/history/history-store';
import { searchTextOf } from '../../src/main/services/history/search-text';
import { titleSearchOf } from '../../src/main/services/history/title-search';
import { createTextGenerator, type TextGenerator } from './text-generator';

/**
 * Fills a data dir with a realistic history through the real schema (the
 * store creates it, with its FTS triggers), using big transactions so half a
 * million messages go in within minutes. Rows are exactly what the store
 * writes: content blocks as JSON, search_text for settled messages.
 */

export interface SeedOptions {
  dataDir: string;
  conversations: number;
  messages: number;
  /** Messages in the one extra long conversation the load benchmark opens. */
  longConversationMessages: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  longConversationId: string;
  messages: number;
  conversations: number;
}

const day = 24 * 60 * 60 * 1000;
const start = Date.UTC(2024, 0, 1);

/** Splits `total` messages over `count` conversations as even-length exchanges of varied size. */
function conversationSizes(count: number, total: number, gen: TextGenerator): number[] {
  const weights = Array.from({ length: count }, () => 0.2 + Math.pow(gen.random(), 2) * 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(2, 2 * Math.round((w / sum) * total * 0.5)));
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    const step = diff > 0 ? 2 : -2;
    if (step < 0 && (sizes[i] ?? 0) <= 2) continue;
    if (Math.abs(diff) < 2) break;
    sizes[i] = (sizes[i] ?? 0) + step;
    diff -= step;
  }
  return sizes;
}

export function seedHistory(options: SeedOptions): SeedResult {
  const gen = createTextGenerator(options.seed ?? 20250115);
  // Let the store create and migrate the schema, exactly as the app does.
  createHistoryStore({ dataDir: options.dataDir, clock: { now: () => start } }).close();

  const db = new Database(path.join(options.dataDir, historyFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // seeding only; the app runs FULL
  db.pragma('cache_size = -262144');
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, title, title_search, model, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, role, reply_to, attempt, content, status, model,
       search_text, created_at, updated_at, usage, stop_reason)
     VALUES (?, ?, ?, ?, 1, ?, 'complete', ?, ?, ?, ?, ?, ?)`,
  );
  const touchConversation = db.prepare(`UPDATE conversations SET updated_at = ? WHERE id = ?`);
  const total = options.messages + options.longConversationMessages;
  let done = 0;

  function writeConversation(messageCount: number, at: number): string {
    const id = randomUUID();
    const title = gen
      .text(3 + Math.floor(gen.random() * 5))
      .replace(/[.\n]/g, '')
      .slice(0, 50);
    const model = gen.random() < 0.7 ? 'claude-sonnet-4-5' : 'claude-opus-4-1';
    const name = title || 'Untitled';
    insertConversation.run(id, name, titleSearchOf(name), model, at, at);
    let time = at;
    let question = '';
    for (let i = 0; i < messageCount; i += 1) {
      time += 5_000 + Math.floor(gen.random() * 120_000);
      const user = i % 2 === 0;
      const words = user
        ? 4 + Math.floor(Math.pow(gen.random(), 2) * 40)
        : 30 + Math.floor(Math.pow(gen.random(), 1.5) * 220);
      const text = gen.text(words);
      const messageId = randomUUID();
      insertMessage.run(
        messageId,
        id,
        user ? 'user' : 'assistant',
        user ? null : question,
        JSON.stringify([{ type: 'text', text }]),
        user ? null : model,
        searchTextOf(text),
        time,
        time,
        user ? null : JSON.stringify({ inputTokens: words * 3, outputTokens: words * 2 }),
        user ? null : 'end_turn',
      );
      if (user) question = messageId;
    }
    touchConversation.run(time, id);
    done += messageCount;
    return id;
  }

  const sizes = conversationSizes(options.conversations, options.messages, gen);
  const perBatch = 250;
  for (let first = 0; first < sizes.length; first += perBatch) {
    db.transaction(() => {
      for (let i = first; i < Math.min(first + perBatch, sizes.length); i += 1) {
        const at = start + Math.floor((i / sizes.length) * 700 * day);
        writeConversation(sizes[i] ?? 2, at);
      }
    })();
    options.onProgress?.(done, total);
  }
  const longConversationId = db.transaction(() =>
    writeConversation(options.longConversationMessages, start + 350 * day),
  )();
  options.onProgress?.(done, total);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return { longConversationId, messages: done, conversations: sizes.length + 1 };
}
