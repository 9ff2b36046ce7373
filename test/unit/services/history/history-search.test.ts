import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import { buildFtsQuery } from '../../../../src/main/services/history/search-query';
import { instanceCounter, rankWindow } from '../../../../src/main/services/history/window-ranker';
import { mulberry32 } from '../../../support/seeded-random';
import { addExchange, freshStore, manualClock, openStore, tempDir } from './history-test-helpers';

function seeded() {
  const { store, clock } = freshStore();
  const rust = store.createConversation({ title: 'Rust ownership' });
  addExchange(
    store,
    rust.id,
    'How does the borrow checker work?',
    'The borrow checker enforces ownership rules. Ownership means each value has one owner; ownership moves on assignment.',
  );
  clock.advance(1);
  const bread = store.createConversation({ title: 'Baking' });
  addExchange(
    store,
    bread.id,
    'Sourdough starter tips',
    'Feed the starter daily. Keep it warm. Café-style crumb needs hydration.',
  );
  clock.advance(1);
  const misc = store.createConversation({ title: '<img src=x onerror=alert(1)>' });
  addExchange(
    store,
    misc.id,
    'What is <script>alert("x")</script> in HTML?',
    'A script element that ran ownership code once.',
  );
  return { store, rust, bread, misc };
}

const hostileQueries = [
  '',
  '"',
  '""',
  '"unbalanced phrase',
  '(',
  ')',
  '((a OR b)',
  '*',
  '**ownership',
  'owner*ship*',
  '-',
  '-ownership',
  ':',
  'search_text:ownership',
  'message_fts:ownership',
  '^ownership',
  'NEAR',
  'NEAR(borrow checker)',
  'NEAR/3',
  'AND',
  'OR',
  'NOT',
  'ownership AND',
  'OR ownership',
  'a NOT',
  '{search_text}: x',
  "'; DROP TABLE messages; --",
  '\u0000',
  '\uFDD0\uFDD1',
  '😀 emoji',
  'x'.repeat(10_000),
  Array.from({ length: 500 }, () => '"a"').join(' '),
  '"a" * "b" *',
  'rank:',
  '+',
  '\\',
  '%_',
];

describe('history search', () => {
  it('finds plain words, ranks by bm25 and reports where', () => {
    const { store, rust } = seeded();
    const hits = store.search('ownership');
    expect(hits.length).toBe(2);
    expect(hits[0]).toMatchObject({
      conversationId: rust.id,
      title: 'Rust ownership',
      role: 'assistant',
    });
    expect(hits[0]!.score).toBeLessThanOrEqual(hits[1]!.score);
    expect(hits[0]!.snippet.some((s) => s.match && s.text.toLowerCase() === 'ownership')).toBe(
      true,
    );
  });

  it('supports phrases, prefixes and diacritic-insensitive matching', () => {
    const { store, bread } = seeded();
    expect(store.search('"borrow checker"').length).toBe(2);
    expect(store.search('"checker borrow"').length).toBe(0);
    expect(store.search('sourd*').map((h) => h.conversationId)).toEqual([bread.id]);
    expect(store.search('sourd').length).toBe(0);
    expect(store.search('cafe').map((h) => h.conversationId)).toEqual([bread.id]);
    expect(store.search('CAFÉ STYLE').length).toBe(1);
    expect(store.search('borrow starter').length).toBe(0); // all words required
  });

  it('never throws for hostile queries', () => {
    const { store } = seeded();
    for (const q of hostileQueries) {
      expect(() => store.search(q), JSON.stringify(q.slice(0, 40))).not.toThrow();
    }
    expect(store.search('-ownership').length).toBe(2);
    expect(store.search('NEAR(borrow checker)').length).toBe(0); // "near" is just a word
    expect(store.search('"unbalanced ownership').length).toBe(0);
    expect(store.search('OR ownership').length).toBe(0); // "or" is a word nobody wrote here
  });

  it('returns snippets as plain segments, never HTML', () => {
    const { store, misc } = seeded();
    const [hit] = store.search('script');
    expect(hit?.conversationId).toBe(misc.id);
    expect(hit?.title).toBe('<img src=x onerror=alert(1)>');
    const joined = hit!.snippet.map((s) => s.text).join('');
    expect(joined).toContain('<script>');
    expect(joined).not.toMatch(/<\/?(b|mark|em)>/);
    expect(joined).not.toMatch(/[\uFDD0\uFDD1]/);
    for (const segment of hit!.snippet)
      expect(Object.keys(segment).sort()).toEqual(['match', 'text']);
  });

  it('respects limit and archived filtering', () => {
    const { store, rust } = seeded();
    expect(store.search('ownership', { limit: 1 })).toHaveLength(1);
    store.setArchived(rust.id, true);
    expect(store.search('ownership')).toHaveLength(2);
    expect(store.search('ownership', { includeArchived: false })).toHaveLength(1);
  });
});

describe('history search: broad queries', () => {
  it('ranks the newest window in JS when a query has more matches than the window', () => {
    const clock = manualClock();
    const store = openStore(tempDir(), clock, { searchWindow: 3 });
    const conv = store.createConversation({ title: 'Many' });
    const ids: Record<string, string> = {};
    const texts = {
      old: 'kettle kettle kettle kettle, the oldest and best match',
      once: 'a long message that mentions the kettle only once among many other words here',
      twice: 'kettle and kettle again',
      thrice: 'Kettle, kettle, kettle!',
      short: 'kettle',
    };
    for (const [key, text] of Object.entries(texts))
      ids[key] = addExchange(store, conv.id, 'q', text).answerId;
    // 5 matches > window 3: only the newest three are candidates
    const hits = store.search('kettle');
    // bm25-style: three mentions beat one, a very short text beats two in a longer one
    expect(hits.map((h) => h.messageId)).toEqual([ids['thrice'], ids['short'], ids['twice']]);
    expect(
      hits.every((h) => h.snippet.some((s) => s.match && s.text.toLowerCase() === 'kettle')),
    ).toBe(true);
    expect(hits[0]!.score).toBeLessThanOrEqual(hits[1]!.score);
    // narrow again (one match): full bm25 over everything
    expect(store.search('oldest').map((h) => h.messageId)).toEqual([ids['old']]);
    // broad prefix and phrase queries take the same path
    expect(store.search('kett*')).toHaveLength(3);
    expect(store.search('"kettle again"').map((h) => h.messageId)).toEqual([ids['twice']]);
    for (const q of hostileQueries) expect(() => store.search(q)).not.toThrow();
  });
});

/** A history where words recur at different rates and lengths vary, as bm25() needs to tell. */
function fillVaried(store: HistoryStore): { archivedId: string } {
  const random = mulberry32(42);
  const words = `the of the and the of kettle tea tea boil water green leaf pot steam cup sugar
    ha ha café naïve Straße order of the day`.split(/\s+/);
  const text = (count: number) =>
    Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(' ');
  const ids: string[] = [];
  for (let c = 0; c < 4; c += 1) {
    const conv = store.createConversation({ title: `Conversation ${c}` });
    ids.push(conv.id);
    for (let i = 0; i < 30; i += 1) {
      const extra = i % 10 === 0 ? ' नमस्ते दुनिया नमस्ते' : '';
      const answer = `${text(5 + Math.floor(random() * 40))} so it goes${extra}`;
      addExchange(store, conv.id, `${text(3 + (i % 7))}, so it goes`, answer);
    }
  }
  store.setArchived(ids[1]!, true);
  return { archivedId: ids[1]! };
}

/** What FTS5's own bm25() ranking returns for the query. */
function rankedByFts(store: HistoryStore, query: string, includeArchived: boolean) {
  return store
    .database()
    .prepare(
      `SELECT m.id, f.rank AS score FROM message_fts AS f
         JOIN messages AS m ON m.n = f.rowid JOIN conversations AS c ON c.id = m.conversation_id
        WHERE message_fts MATCH ? AND c.deleted_at IS NULL AND (c.archived = 0 OR ?)
        ORDER BY f.rank LIMIT 200`,
    )
    .all(buildFtsQuery(query), includeArchived ? 1 : 0) as Array<{ id: string; score: number }>;
}

describe('history search: narrow queries', () => {
  it('ranks and scores exactly as FTS5 bm25() does, every hit with its match marked', () => {
    const { store } = freshStore();
    fillVaried(store);
    const queries = [
      'kettle',
      'the',
      'tea kettle', // two phrases, weighted by how rare each is
      'the kettle',
      '"of the"',
      '"ha ha"', // overlapping instances count twice
      'stea*',
      'cafe', // diacritics folded
      'NAIVE straße',
      '"of the" pot',
      '"so it goes"', // in every message: its rows get snippets after the first walk
      '"the the"',
      '"नमस्ते दुनिया"',
      'नमस्ते', // its vowel signs inside the word, for FTS5 and for the JS ranking alike
    ];
    for (const query of queries) {
      for (const includeArchived of [true, false]) {
        const hits = store.search(query, { limit: 200, includeArchived });
        const expected = rankedByFts(store, query, includeArchived);
        const label = `${query} (archived ${includeArchived})`;
        expect(expected.length, label).toBeGreaterThan(0);
        expect(
          hits.map((h) => h.messageId),
          label,
        ).toEqual(expected.map((e) => e.id));
        hits.forEach((hit, i) => expect(hit.score, label).toBeCloseTo(expected[i]!.score, 10));
        for (const hit of hits)
          expect(
            hit.snippet.some((s) => s.match),
            label,
          ).toBe(true);
      }
    }
  });
});

describe('history search: a query that looks broad at first', () => {
  it('is ranked as narrow when it has no more matches than the window after all', () => {
    const store = openStore(tempDir(), manualClock(), { searchWindow: 10 });
    const conv = store.createConversation({ title: 'Tea' });
    // Ten matches bunched at the start of the history look like many more.
    for (let i = 0; i < 5; i += 1)
      addExchange(store, conv.id, 'samovar?', `The samovar ${'boils '.repeat(i)}samovar water`);
    for (let i = 0; i < 60; i += 1) addExchange(store, conv.id, 'other', 'nothing to see');
    const hits = store.search('samovar');
    expect(hits.map((h) => h.messageId)).toEqual(
      rankedByFts(store, 'samovar', true).map((e) => e.id),
    );
    expect(hits).toHaveLength(10);
    for (const hit of hits) expect(hit.snippet.some((s) => s.match)).toBe(true);
  });
});

describe('window ranker', () => {
  it('counts phrase instances as FTS5 does', () => {
    expect(instanceCounter({ text: 'ha ha', prefix: false })('ha ha ha')).toBe(2);
    expect(instanceCounter({ text: 'da', prefix: true })('dada da data')).toBe(3);
    expect(instanceCounter({ text: 'da', prefix: false })('dada da data')).toBe(1);
    expect(instanceCounter({ text: '𝐀𝐁', prefix: false })('𝐀𝐁 x 𝐀𝐁')).toBe(2);
  });

  const term = (text: string, prefix = false, phrase = false) => ({ text, prefix, phrase });
  it('counts whole words, prefixes and phrases, folding case and accents', () => {
    const docs = [
      { n: 1, text: 'Café CAFE cafeteria' },
      { n: 2, text: 'cafe' },
      { n: 3, text: 'no match here at all, none' },
    ];
    expect(rankWindow([term('cafe')], docs, 10).map((r) => r.n)).toEqual([2, 1, 3]);
    expect(rankWindow([term('cafe', true)], docs, 10)[0]?.n).toBe(1);
    expect(rankWindow([term('match here', false, true)], docs, 1)[0]?.n).toBe(3);
    expect(rankWindow([term('(*')], docs, 10).map((r) => r.score)).toEqual([-0, -0, -0]);
  });
});
