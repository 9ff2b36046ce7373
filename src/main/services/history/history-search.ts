import type Database from 'better-sqlite3';
import { bm25Scores, createTotalsReader } from './fts-bm25';
import { ftsMatch, ftsPhrases, phraseMatch, type FtsPhrase } from './search-query';
import { matchEnd, matchStart, snippetEllipsis, toSnippetSegments } from './search-snippet';
import type { MessageRole, SearchHit, SearchOptions } from './history-types';
import { rankWindow, searchTokens } from './window-ranker';

/**
 * Full-text search over settled messages, best match first, fast at any size.
 *
 * A query with more than `window` matches is broad (a common word, a
 * two-letter prefix): bm25() would first count every document containing
 * each term, hundreds of milliseconds at 500,000 messages, so its newest
 * `window` matches are ranked in JS instead (see window-ranker.ts). A narrow
 * query is ranked by bm25() over all its matches. When it has a phrase of
 * several words, though, bm25() walks that phrase over the whole index
 * twice more (its IDF, then ORDER BY rank), 10-25 ms a walk if the words are
 * common ("from than the"), so the same scores are computed from the one
 * walk already made instead (see fts-bm25.ts).
 *
 * Every query starts walking its matches oldest first. How far apart the
 * first few are estimates how many there are: a query that looks broad goes
 * straight to its newest matches; a phrase query that looks like it has a
 * few dozen takes every snippet on the way, so it needs no second walk over
 * the whole index (snippet() needs the MATCH cursor on the row). Whatever
 * was guessed wrong is caught up on afterwards: the count is always exact
 * before a query is treated as broad or narrow, and rows returned without a
 * snippet get theirs from a walk over only the span between the first and
 * last of them. The guesses decide the cost, never the result.
 */

interface HitRow {
  n: number;
  score: number;
  id: string;
  conversation_id: string;
  role: string;
  created_at: number;
  title: string;
  snippet: string | null;
}

type RowInfo = Omit<HitRow, 'snippet' | 'score'>;

const snippetTokens = 16;
export const defaultSearchWindow = 300;
/**
 * Matches the first walk takes before estimating how many there are, with
 * their snippets if the query has a phrase: few enough (~10 us a snippet)
 * to cost a broad query nothing.
 */
const snippetSample = 8;
/**
 * Estimated matches up to which the first walk takes every snippet. With
 * many more, most of the best `limit` rows would lack one anyway, and the
 * snippets (~10 us each) would cost more than the walk that fetches them.
 */
const snippetAllUpTo = 128;
const snippetSql = `snippet(message_fts, 0, @open, @close, '${snippetEllipsis}', ${snippetTokens})`;
const visibleConversation = `c.deleted_at IS NULL AND (c.archived = 0 OR @archived)`;
// better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a rowid bound that
// is not an INTEGER while telling SQLite it applied it: every bound is CAST.
const asRowid = (param: string) => `CAST(${param} AS INTEGER)`;

interface Params {
  match: string;
  archived: number;
}

/** One search: the MATCH phrases and what the caller asked for. */
interface Search {
  phrases: FtsPhrase[];
  /**
   * Every phrase a single word. FTS5 then ranks a narrow query itself: the
   * counts bm25() makes are the ones computing its scores here would need,
   * and its one extra walk intersects postings without comparing positions,
   * no dearer than reading the text of every match here (a lone word's
   * postings are its few matches).
   */
  words: boolean;
  params: Params;
  limit: number;
}

/** Matches found oldest first, and the snippets taken on the way. */
interface Walked {
  rows: number[];
  snippets: Map<number, string>;
}

export function createHistorySearch(db: Database.Database, window = defaultSearchWindow) {
  const matchesWithSnippets = db.prepare<
    [{ match: string; after: number; take: number; open: string; close: string }],
    { n: number; snippet: string | null }
  >(
    `SELECT rowid AS n, ${snippetSql} AS snippet FROM message_fts
      WHERE message_fts MATCH @match AND rowid > ${asRowid('@after')} ORDER BY rowid LIMIT @take`,
  );
  const matchesOnly = db.prepare<[{ match: string; after: number; take: number }], { n: number }>(
    `SELECT rowid AS n FROM message_fts
      WHERE message_fts MATCH @match AND rowid > ${asRowid('@after')} ORDER BY rowid LIMIT @take`,
  );
  const rowidSpan = db.prepare<[], { first: number | null; last: number | null }>(
    `SELECT (SELECT min(n) FROM messages) AS first, (SELECT max(n) FROM messages) AS last`,
  );
  const newestMatches = db.prepare<[Params], { n: number; text: string; visible: number }>(
    `SELECT f.rowid AS n, m.search_text AS text, ${visibleConversation} AS visible
       FROM message_fts AS f
       JOIN messages AS m ON m.n = f.rowid
       JOIN conversations AS c ON c.id = m.conversation_id
      WHERE message_fts MATCH @match ORDER BY f.rowid DESC`,
  );
  // FTS5's own ranking: for words only, and for text the JS tokenizer does
  // not split as FTS5 does.
  const rankedByFts = db.prepare<[Params & { limit: number; open: string; close: string }], HitRow>(
    `SELECT f.rowid AS n, f.rank AS score, m.id, m.conversation_id, m.role, m.created_at, c.title,
            ${snippetSql} AS snippet
       FROM message_fts AS f
       JOIN messages AS m ON m.n = f.rowid
       JOIN conversations AS c ON c.id = m.conversation_id
      WHERE message_fts MATCH @match AND ${visibleConversation} ORDER BY f.rank LIMIT @limit`,
  );
  const phraseRows = db.prepare<[string], { hits: number }>(
    `SELECT count(*) AS hits FROM message_fts WHERE message_fts MATCH ?`,
  );
  const readTotals = createTotalsReader(db);
  const narrowRows = db.prepare<
    [{ rows: string; archived: number }],
    RowInfo & { text: string; docsize: Uint8Array | null }
  >(
    `SELECT m.n, m.id, m.conversation_id, m.role, m.created_at, c.title,
            m.search_text AS text, d.sz AS docsize
       FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id
       LEFT JOIN message_fts_docsize AS d ON d.id = m.n
      WHERE m.n IN (SELECT value FROM json_each(@rows)) AND ${visibleConversation}`,
  );
  const snippetsIn = (order: 'ASC' | 'DESC') =>
    db.prepare<
      [{ match: string; chosen: string; first: number; last: number; open: string; close: string }],
      { n: number; snippet: string | null }
    >(
      `SELECT rowid AS n, CASE WHEN rowid IN (SELECT value FROM json_each(@chosen))
                THEN ${snippetSql} END AS snippet
         FROM message_fts WHERE message_fts MATCH @match
          AND rowid BETWEEN ${asRowid('@first')} AND ${asRowid('@last')} ORDER BY rowid ${order}`,
    );
  const snippetsForward = snippetsIn('ASC');
  const snippetsBackward = snippetsIn('DESC');
  const details = db.prepare<[string], RowInfo>(
    `SELECT m.n, m.id, m.conversation_id, m.role, m.created_at, c.title
       FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id
      WHERE m.n IN (SELECT value FROM json_each(?))`,
  );

  /** Continues an oldest-first walk by up to `take` matches; true if it found that many. */
  function walkOn(match: string, walked: Walked, take: number, withSnippets: boolean): boolean {
    const after = walked.rows[walked.rows.length - 1] ?? Number.MIN_SAFE_INTEGER;
    const params = { match, after, take, open: matchStart, close: matchEnd };
    const before = walked.rows.length;
    if (withSnippets) {
      for (const row of matchesWithSnippets.all(params)) {
        walked.rows.push(row.n);
        if (row.snippet !== null) walked.snippets.set(row.n, row.snippet);
      }
    } else {
      for (const row of matchesOnly.all(params)) walked.rows.push(row.n);
    }
    return walked.rows.length - before === take;
  }

  /**
   * How many matches the first ones, oldest first, suggest: as many as there
   * would be if matches were spread evenly over the history at that distance.
   */
  function estimateMatches(rows: readonly number[]): number {
    const { first, last } = rowidSpan.get() ?? { first: null, last: null };
    const reached = rows[rows.length - 1];
    if (first === null || last === null || reached === undefined) return Infinity;
    return (rows.length * (last - first + 1)) / (reached - first + 1);
  }

  /**
   * Snippets for the chosen rows, walking only the span from the first to the
   * last. Backwards suits the newest rows of single words: FTS5 reaches the
   * end of a long doclist directly going backwards but steps through its
   * index going forwards. A phrase of several words iterates backwards more
   * slowly, and rows spread over the history are reached quickly either way.
   */
  function snippetsFor(match: string, rows: readonly number[], backwards = false) {
    const wanted = new Set(rows);
    const found = new Map<number, string>();
    if (rows.length === 0) return found;
    const params = {
      match,
      chosen: JSON.stringify(rows),
      first: Math.min(...rows),
      last: Math.max(...rows),
      open: matchStart,
      close: matchEnd,
    };
    const walk = backwards ? snippetsBackward : snippetsForward;
    for (const row of walk.iterate(params)) {
      if (row.snippet === null || !wanted.has(row.n)) continue;
      found.set(row.n, row.snippet);
      if (found.size === wanted.size) break; // ends the statement early
    }
    return found;
  }

  /** Ranks every match of a narrow query as bm25() does. `walked.rows` must hold them all. */
  function narrow(search: Search, walked: Walked): HitRow[] {
    const { phrases, params, limit } = search;
    if (walked.rows.length === 0) return [];
    const ftsRanked = () =>
      rankedByFts.all({ ...params, limit, open: matchStart, close: matchEnd });
    if (search.words) return ftsRanked();
    const docs = narrowRows.all({ rows: JSON.stringify(walked.rows), archived: params.archived });
    if (docs.length === 0) return [];
    // All rows containing a one-phrase query's phrase were just walked; with
    // more phrases each is counted on its own, as bm25() itself does.
    const counted = new Map<string, number>();
    const hits = phrases.map((phrase) => {
      if (phrases.length === 1) return walked.rows.length;
      const match = phraseMatch(phrase);
      const count = counted.get(match) ?? phraseRows.get(match)?.hits ?? 0;
      counted.set(match, count);
      return count;
    });
    const scores = bm25Scores(phrases, hits, readTotals(), docs);
    if (scores === null) return ftsRanked();
    // Ties in ascending rowid, the order bm25()'s ORDER BY rank gives them.
    const best = scores.sort((x, y) => x.score - y.score || x.n - y.n).slice(0, limit);
    const missing = best.map((r) => r.n).filter((n) => !walked.snippets.has(n));
    const found = snippetsFor(params.match, missing);
    const info = new Map(docs.map((doc) => [doc.n, doc]));
    return best.flatMap(({ n, score }) => {
      const doc = info.get(n);
      if (!doc) return [];
      const snippet = walked.snippets.get(n) ?? found.get(n) ?? null;
      const { id, conversation_id, role, created_at, title } = doc;
      return [{ n, id, conversation_id, role, created_at, title, score, snippet }];
    });
  }

  /** Ranks the newest `window` visible matches of a broad query in JS. */
  function broad(search: Search, pool: ReadonlyArray<{ n: number; text: string }>): HitRow[] {
    const best = rankWindow(search.phrases, pool, search.limit);
    if (best.length === 0) return [];
    const rows = best.map((r) => r.n);
    const found = snippetsFor(search.params.match, rows, search.words);
    const info = new Map(details.all(JSON.stringify(rows)).map((row) => [row.n, row]));
    return best.flatMap(({ n, score }) => {
      const row = info.get(n);
      return row ? [{ ...row, score, snippet: found.get(n) ?? null }] : [];
    });
  }

  /**
   * Walks matches newest first, counting all and keeping the newest `window`
   * visible ones, until it has seen more than `window` (broad) or every
   * match (narrow after all: then it ranks them as such).
   */
  function fromNewest(search: Search, walked: Walked): HitRow[] {
    const all: number[] = [];
    const pool: Array<{ n: number; text: string }> = [];
    for (const row of newestMatches.iterate(search.params)) {
      all.push(row.n);
      if (row.visible && pool.length < window) pool.push({ n: row.n, text: row.text });
      if (all.length > window && pool.length >= window) break; // ends the statement early
    }
    if (all.length > window) return broad(search, pool);
    return narrow(search, { rows: all, snippets: walked.snippets });
  }

  function rank(search: Search): HitRow[] {
    const { match } = search.params;
    // Snippets ahead serve only the JS ranking; FTS5 takes its own.
    const ahead = !search.words;
    const walked: Walked = { rows: [], snippets: new Map() };
    const end = window + 1;
    if (!walkOn(match, walked, Math.min(snippetSample, end), ahead)) return narrow(search, walked);
    const estimate = estimateMatches(walked.rows);
    if (walked.rows.length >= end || estimate > 2 * window) return fromNewest(search, walked);
    walkOn(match, walked, end - walked.rows.length, ahead && estimate <= snippetAllUpTo);
    return walked.rows.length > window ? fromNewest(search, walked) : narrow(search, walked);
  }

  return function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const phrases = ftsPhrases(query);
    if (phrases.length === 0) return [];
    const params = {
      match: ftsMatch(phrases),
      archived: (options.includeArchived ?? true) ? 1 : 0,
    };
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 200);
    const words = phrases.every((phrase) => searchTokens(phrase.text).length === 1);
    return rank({ phrases, words, params, limit }).map((row) => ({
      conversationId: row.conversation_id,
      messageId: row.id,
      title: row.title,
      role: row.role as MessageRole,
      createdAt: row.created_at,
      snippet: toSnippetSegments(row.snippet ?? ''),
      score: row.score,
    }));
  };
}
