import type Database from 'better-sqlite3';
import { parseSearchQuery } from '../../src/main/services/history/search-query';
import { createTextGenerator, isFunctionWord } from './text-generator';

/**
 * The ~50 queries the search benchmark runs (words from common to rare,
 * phrases, prefixes, mixes) and the baseline they are compared with: what an
 * app without an index does, holding every message's text in memory and
 * scanning it with toLowerCase().includes / a regex for each query.
 */

export interface BenchQuery {
  query: string;
  kind: 'word' | 'words' | 'phrase' | 'prefix' | 'mixed';
}

export function benchmarkQueries(db: Database.Database): BenchQuery[] {
  const gen = createTextGenerator(99);
  const vocabulary = gen.vocabulary;
  const at = (rank: number) => vocabulary[rank] ?? 'missing';
  const common = [60, 75, 90, 110, 130, 160, 190, 220, 260, 300, 340, 380, 420, 440].map(at);
  const rare = [600, 1000, 2000, 4000, 8000, 15000, 25000].map(at).concat('zzyzxqv');
  const pairs = [
    [62, 140],
    [80, 95],
    [100, 300],
    [150, 2000],
    [70, 71],
    [200, 201],
    [90, 5000],
    [120, 420],
  ].map(([a, b]) => `${at(a ?? 0)} ${at(b ?? 0)}`);
  // Phrases as people type them: copied from real messages, mostly around a
  // content word ("error message"), plus two made only of the commonest
  // words, the hardest case for an index.
  const maxN = (db.prepare('SELECT max(n) AS n FROM messages').get() as { n: number }).n;
  const textAt = db.prepare('SELECT search_text AS text FROM messages WHERE n >= ? LIMIT 1');
  const phrases: string[] = [];
  for (let attempt = 0; phrases.length < 10 && attempt < 10_000; attempt += 1) {
    const row = textAt.get(1 + Math.floor(gen.random() * maxN)) as { text: string } | undefined;
    const words = (row?.text ?? '')
      .toLowerCase()
      .replace(/[.\n]/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    if (words.length < 4) continue;
    const i = Math.floor(gen.random() * (words.length - 3));
    const phrase = words.slice(i, i + (phrases.length % 3 === 2 ? 3 : 2));
    if (phrase.every(isFunctionWord) !== phrases.length >= 8) continue;
    phrases.push(`"${phrase.join(' ')}"`);
  }
  const prefixes = ['da*', 'pro*', 'ser*', 'comp*', 'mig*', 'kub*', 'tra*', 'per*', 'ex*', 'sto*'];
  const mixed = [
    `"${at(70)} ${at(71)}" ${at(200)}*`,
    `${at(110)} mig*`,
    'database "error message"',
    'cof* recipe',
  ];
  const tag = (kind: BenchQuery['kind']) => (query: string) => ({ query, kind });
  return [
    ...[...common, ...rare].map(tag('word')),
    ...pairs.map(tag('words')),
    ...phrases.map(tag('phrase')),
    ...prefixes.map(tag('prefix')),
    ...mixed.map(tag('mixed')),
  ];
}

export interface LoadedMessage {
  id: string;
  conversationId: string;
  text: string;
}

/** How an unindexed app starts: every message's text read into memory. */
export function loadAllMessages(db: Database.Database): LoadedMessage[] {
  const rows = db
    .prepare('SELECT id, conversation_id, content FROM messages')
    .iterate() as Iterable<{
    id: string;
    conversation_id: string;
    content: string;
  }>;
  const all: LoadedMessage[] = [];
  for (const row of rows) {
    const blocks = JSON.parse(row.content) as Array<{ type: string; text: string }>;
    all.push({
      id: row.id,
      conversationId: row.conversation_id,
      text: blocks.map((b) => b.text).join('\n'),
    });
  }
  return all;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The naive search: every term must appear; prefixes via a word-boundary regex. */
export function naiveSearch(
  messages: readonly LoadedMessage[],
  query: string,
  limit = 20,
): LoadedMessage[] {
  const terms = parseSearchQuery(query).map((term) =>
    term.prefix
      ? { regex: new RegExp(`\\b${escapeRegex(term.text.toLowerCase())}`), needle: null }
      : { regex: null, needle: term.text.toLowerCase() },
  );
  if (terms.length === 0) return [];
  const hits: LoadedMessage[] = [];
  for (const message of messages) {
    const lower = message.text.toLowerCase();
    if (terms.every((t) => (t.needle !== null ? lower.includes(t.needle) : t.regex!.test(lower)))) {
      hits.push(message);
    }
  }
  return hits.slice(0, limit);
}
