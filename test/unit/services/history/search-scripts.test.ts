import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  latestSchemaVersion,
  migrate,
  schemaVersion,
} from '../../../../src/main/services/history/migrations';
import { buildFtsQuery } from '../../../../src/main/services/history/search-query';
import { searchTextOf, WORD_BREAK } from '../../../../src/main/services/history/search-text';
import { searchTokens } from '../../../../src/main/services/history/window-ranker';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import { mulberry32 } from '../../../support/seeded-random';
import { addExchange, freshStore, historyAt, manualClock, openStore } from './history-test-helpers';

/**
 * Search in scripts written without spaces between words (Chinese,
 * Japanese, Thai), and in Hindi, whose vowel signs are marks inside a word:
 * a word is found in the middle of a sentence, the snippet shows the text as
 * written, and a history saved before version 4 is re-indexed.
 */

const SENTENCES = {
  chinese: '我们明天去东京看樱花，然后回北京。',
  japanese: '先週、東京に行きました。コーヒーTowerで会いましょう。',
  thai: 'สวัสดีครับ ยินดีที่ได้รู้จักคุณ',
  hindi: 'मुझे हिन्दी भाषा सीखना पसंद है',
  english: 'Giraffes sleep standing up.',
} as const;

function storeWithSentences(): { store: HistoryStore; ids: Record<string, string> } {
  const { store } = freshStore();
  const ids: Record<string, string> = {};
  for (const [name, text] of Object.entries(SENTENCES)) {
    const conv = store.createConversation({ title: name });
    ids[name] = addExchange(store, conv.id, `Say something in ${name}`, text).answerId;
  }
  return { store, ids };
}

/** The message ids a query finds, in order. */
function found(store: HistoryStore, query: string): string[] {
  return store.search(query).flatMap((hit) => (hit.messageId === null ? [] : [hit.messageId]));
}

/** The terms FTS5 indexed for one stored text, in order (its own tokenizer, read back). */
function ftsTerms(db: Database.Database, text: string): string[] {
  db.exec(`DELETE FROM messages; DELETE FROM conversations;`);
  db.prepare(
    `INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 't', 0, 0)`,
  ).run();
  db.prepare(
    `INSERT INTO messages (id, conversation_id, role, content, status, search_text, created_at, updated_at)
     VALUES ('m', 'c', 'user', '[]', 'complete', ?, 0, 0)`,
  ).run(searchTextOf(text));
  return (
    db.prepare(`SELECT term FROM message_fts_vocab ORDER BY offset`).all() as Array<{
      term: string;
    }>
  ).map((row) => row.term);
}

describe('the text the index holds (searchTextOf)', () => {
  /** The rule as two regular expressions: clear, but ~150 ns a character (the table walk is a few). */
  function reference(text: string): string {
    const unspaced =
      '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}' +
      '\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30FC';
    const unitBeforeWord = new RegExp(
      `((?!\\p{M})[${unspaced}]\\p{M}*)(?=[\\p{L}\\p{N}\\p{Co}])`,
      'gu',
    );
    const wordBeforeUnit = new RegExp(
      `(?<=[\\p{L}\\p{N}\\p{Co}\\p{M}])(?=(?!\\p{M})[${unspaced}])`,
      'gu',
    );
    return text.replace(unitBeforeWord, `$1${WORD_BREAK}`).replace(wordBeforeUnit, WORD_BREAK);
  }

  it('puts a break between characters of unspaced scripts and the words they touch, and nowhere else', () => {
    const pieces = [
      '東',
      '京',
      'に',
      'コ',
      'ー',
      'ｶ',
      'ส',
      'ั',
      'ี',
      'เ',
      'ป',
      '็',
      'ກ',
      'ក',
      'က',
      'a',
      'Z',
      'é',
      'e\u0301',
      '7',
      '٣',
      'न',
      'ि',
      '𝐀',
      '\uD840', // half of a pair, alone
      '\uDC0B',
      '𠀋',
      ' ',
      '、',
      '。',
      '.',
      '\n',
      '\u200B',
    ];
    const random = mulberry32(4);
    for (let i = 0; i < 3000; i += 1) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let j = 0; j < length; j += 1) text += pieces[Math.floor(random() * pieces.length)];
      expect(searchTextOf(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(searchTextOf('plain English, untouched')).toBe('plain English, untouched');
  });
});

describe('search in scripts written without spaces', () => {
  it('finds a Chinese or Japanese word inside a sentence, and not its characters reversed', () => {
    const { store, ids } = storeWithSentences();
    expect(found(store, '东京')).toEqual([ids['chinese']]);
    expect(found(store, '樱花')).toEqual([ids['chinese']]);
    expect(found(store, '東京')).toEqual([ids['japanese']]);
    expect(found(store, '行きました')).toEqual([ids['japanese']]);
    expect(found(store, 'コーヒー')).toEqual([ids['japanese']]);
    // A Latin word written against Japanese is still a word of its own.
    expect(found(store, 'tower')).toEqual([ids['japanese']]);
    expect(found(store, '京东')).toEqual([]);
    expect(found(store, '东京 北京')).toEqual([ids['chinese']]);
    expect(found(store, '东京 大阪')).toEqual([]);
  });

  it('finds a Thai word inside a run of Thai, wherever it starts', () => {
    const { store, ids } = storeWithSentences();
    expect(found(store, 'ยินดี')).toEqual([ids['thai']]);
    expect(found(store, 'รู้จัก')).toEqual([ids['thai']]);
    expect(found(store, 'สวัสดี')).toEqual([ids['thai']]);
    // Ends on a vowel sign: the last consonant keeps it, whether or not Thai follows.
    expect(found(store, 'ดี')).toEqual([ids['thai']]);
    expect(found(store, 'ครับผม')).toEqual([]);
  });

  it('finds a Hindi word and a phrase of them', () => {
    const { store, ids } = storeWithSentences();
    expect(found(store, 'हिन्दी')).toEqual([ids['hindi']]);
    expect(found(store, '"हिन्दी भाषा"')).toEqual([ids['hindi']]);
    expect(found(store, 'सीखना')).toEqual([ids['hindi']]);
    expect(found(store, '"भाषा हिन्दी"')).toEqual([]);
  });

  it('shows the snippet as written, the match marked as the characters typed', () => {
    const { store } = storeWithSentences();
    for (const [query, match] of [
      ['东京', '东京'],
      ['ยินดี', 'ยินดี'], // its last vowel sign inside the mark, with its consonant
      ['हिन्दी', 'हिन्दी'],
      ['コーヒー', 'コーヒー'],
    ] as const) {
      const [hit] = store.search(query);
      const text = hit?.snippet.map((s) => s.text).join('') ?? '';
      expect(text).not.toContain(WORD_BREAK);
      expect(hit?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual([match]);
      const plain = Object.values(SENTENCES).find((s) => s.includes(match)) ?? '';
      expect(plain).toContain(text.replace(/^…|…$/g, ''));
    }
  });

  it('ranks and scores a word of several characters exactly as FTS5 bm25() does', () => {
    const { store } = freshStore();
    const conv = store.createConversation({ title: '旅行' });
    const answers = [
      '东京很大。',
      '我们在东京，东京的樱花很美。',
      '北京和东京都是首都吗？东京是日本的首都，北京是中国的首都，东京人口更多。',
      '京都不是东京。',
      '大阪的食物很好吃。',
    ];
    for (const answer of answers) addExchange(store, conv.id, '旅行', answer);
    const expected = store
      .database()
      .prepare(
        `SELECT m.id, f.rank AS score FROM message_fts AS f JOIN messages AS m ON m.n = f.rowid
          WHERE message_fts MATCH ? ORDER BY f.rank`,
      )
      .all(buildFtsQuery('东京')) as Array<{ id: string; score: number }>;
    const hits = store.search('东京');
    expect(expected).toHaveLength(4);
    expect(hits.map((h) => h.messageId)).toEqual(expected.map((e) => e.id));
    hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]?.score ?? NaN, 10));
  });

  it('tokenizes in JS as FTS5 does, so the JS rankers count what FTS5 matched', () => {
    const { store } = freshStore();
    const db = store.database();
    db.exec(`CREATE VIRTUAL TABLE message_fts_vocab USING fts5vocab(message_fts, 'instance')`);
    const samples = [
      ...Object.values(SENTENCES),
      'Café CAFÉ cafe\u0301 naïve Straße ﬁsh', // composed and decomposed accents
      'ΟΔΟΣ οδός Άλφα', // final sigma, tonos
      'Ёлка йогурт и\u0306', // Cyrillic letters that keep their marks; a mark written apart
      'مَرْحَبًا بالعالم', // Arabic with its vowel marks
      'שָׁלוֹם עולם', // Hebrew points
      '한국어 검색', // Hangul is written with spaces
    ];
    for (const text of samples)
      expect(searchTokens(searchTextOf(text)), text).toEqual(ftsTerms(db, text));
  });
});

describe('migration 4: histories saved before it are re-indexed', () => {
  /** A version-3 history of `texts` as that app wrote them (the text as it is), upgraded. */
  function upgraded(texts: Record<string, string>): HistoryStore {
    const dataDir = historyAt(3, (db) => {
      db.prepare(
        `INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1000, 1000)`,
      ).run();
      const insert = db.prepare(
        `INSERT INTO messages (id, conversation_id, role, content, status, search_text, created_at, updated_at)
         VALUES (?, 'c', 'user', ?, 'complete', ?, 1000, 1000)`,
      );
      for (const [id, text] of Object.entries(texts))
        insert.run(id, JSON.stringify([{ type: 'text', text }]), text);
      const before = db.prepare(`SELECT count(*) AS n FROM message_fts WHERE message_fts MATCH ?`);
      expect(before.get(buildFtsQuery('东京'))).toEqual({ n: 0 });
    });
    const store = openStore(dataDir, manualClock());
    expect(schemaVersion(store.database())).toBe(latestSchemaVersion);
    return store;
  }

  /** The index agrees with the messages, and its triggers are those a fresh history has. */
  function expectSoundIndex(store: HistoryStore): void {
    const db = store.database();
    const check = db.prepare(
      `INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)`,
    );
    expect(() => check.run()).not.toThrow();
    const triggers = (of: Database.Database) =>
      of.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all();
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(triggers(db)).toEqual(triggers(fresh));
    fresh.close();
  }

  it('makes words inside Chinese and Thai sentences findable (most rows re-cut: one rebuild)', () => {
    const store = upgraded(SENTENCES);
    expect(found(store, '东京')).toEqual(['chinese']);
    expect(found(store, '東京')).toEqual(['japanese']);
    expect(found(store, 'ยินดี')).toEqual(['thai']);
    expect(found(store, 'हिन्दी')).toEqual(['hindi']);
    expect(found(store, 'giraffes')).toEqual(['english']);
    // The text people see is untouched; only the index's copy is cut.
    expect(store.getConversation('c')?.turns.map((t) => t.user.text)).toEqual(
      Object.values(SENTENCES),
    );
    const stored = store
      .database()
      .prepare(`SELECT id, search_text AS text FROM messages`)
      .all() as Array<{ id: string; text: string }>;
    expect(stored.find((row) => row.id === 'english')?.text).toBe(SENTENCES.english);
    expect(stored.find((row) => row.id === 'chinese')?.text).toBe(searchTextOf(SENTENCES.chinese));
    expectSoundIndex(store);
    // Written after the upgrade, through the trigger put back: found as well.
    const added = store.addUserMessage('c', '京都的红叶很美。');
    expect(found(store, '红叶')).toEqual([added.id]);
  });

  it('re-indexes a few re-cut rows among many others one by one', () => {
    const texts: Record<string, string> = { chinese: SENTENCES.chinese };
    for (let i = 0; i < 20; i += 1) texts[`english-${i}`] = `${SENTENCES.english} Day ${i}.`;
    const store = upgraded(texts);
    expect(found(store, '东京')).toEqual(['chinese']);
    expect(found(store, 'giraffes')).toHaveLength(20);
    expectSoundIndex(store);
  });
});
