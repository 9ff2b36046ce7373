import type Database from 'better-sqlite3';
import { buildFtsQuery, parseSearchQuery } from './search-query';
import { matchEnd, matchStart, snippetEllipsis, toSnippetSegments } from './search-snippet';
import type { MessageRole, SearchHit, SearchOptions } from './history-types';
import { rankWindow } from './window-ranker';

/**
 * Full-text search over settled messages, best match first, fast at any size.
 *
 * A cheap probe (walking the index backwards, no ranking) tells whether a
 * query has more than `window` matches. Narrow queries are ranked by FTS5's
 * bm25() over all matches, snippets included, in one statement. Broad ones
 * (a common word, a two-letter prefix) are not: bm25() first counts every
 * document containing each term, hundreds of milliseconds at 500,000
 * messages. Their newest `window` matches are ranked in JS instead (see
 * window-ranker.ts) and only the rows returned get a snippet().
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

const snippetTokens = 16;
export const defaultSearchWindow = 300;
const snippetSql = `snippet(message_fts, 0, @open, @close, '${snippetEllipsis}', ${snippetTokens})`;
const visible = `JOIN messages AS m ON m.n = f.rowid
  JOIN conversations AS c ON c.id = m.conversation_id
  WHERE message_fts MATCH @match AND c.deleted_at IS NULL AND (c.archived = 0 OR @archived)`;

interface Params {
  match: string;
  archived: number;
}

export function createHistorySearch(db: Database.Database, window = defaultSearchWindow) {
  const probe = db.prepare<[string, number], { n: number }>(
    `SELECT rowid AS n FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
  );
  // FTS5 consumes ORDER BY rank, so snippet() runs only for the rows LIMIT lets through.
  const ranked = db.prepare<[Params & { limit: number; open: string; close: string }], HitRow>(
    `SELECT f.rowid AS n, f.rank AS score, m.id, m.conversation_id, m.role, m.created_at, c.title,
            ${snippetSql} AS snippet
       FROM message_fts AS f ${visible} ORDER BY f.rank LIMIT @limit`,
  );
  const candidates = db.prepare<[Params & { take: number }], { n: number; text: string }>(
    `SELECT f.rowid AS n, m.search_text AS text FROM message_fts AS f ${visible}
      ORDER BY f.rowid DESC LIMIT @take`,
  );
  const snippets = db.prepare<
    [{ match: string; chosen: string; open: string; close: string }],
    { n: number; snippet: string | null }
  >(
    `SELECT rowid AS n, CASE WHEN rowid IN (SELECT value FROM json_each(@chosen))
              THEN ${snippetSql} END AS snippet
       FROM message_fts WHERE message_fts MATCH @match ORDER BY rowid DESC`,
  );
  const details = db.prepare<[string], Omit<HitRow, 'snippet' | 'score'>>(
    `SELECT m.n, m.id, m.conversation_id, m.role, m.created_at, c.title
       FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id
      WHERE m.n IN (SELECT value FROM json_each(?))`,
  );

  /** Snippets for the chosen rows: the walk stops once it has seen them all. */
  function snippetsFor(match: string, rows: readonly number[]): Map<number, string> {
    const wanted = new Set(rows);
    const found = new Map<number, string>();
    const chosen = JSON.stringify(rows);
    for (const row of snippets.iterate({ match, chosen, open: matchStart, close: matchEnd })) {
      if (row.snippet === null || !wanted.has(row.n)) continue;
      found.set(row.n, row.snippet);
      if (found.size === wanted.size) break; // ends the statement early
    }
    return found;
  }

  function broad(query: string, params: Params, limit: number): HitRow[] {
    const pool = candidates.all({ ...params, take: window });
    const best = rankWindow(parseSearchQuery(query), pool, limit);
    if (best.length === 0) return [];
    const rows = best.map((r) => r.n);
    const found = snippetsFor(params.match, rows);
    const info = new Map(details.all(JSON.stringify(rows)).map((row) => [row.n, row]));
    return best.flatMap(({ n, score }) => {
      const row = info.get(n);
      return row ? [{ ...row, score, snippet: found.get(n) ?? null }] : [];
    });
  }

  return function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const match = buildFtsQuery(query);
    if (match === null) return [];
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 200);
    const params = { match, archived: (options.includeArchived ?? true) ? 1 : 0 };
    const isBroad = probe.get(match, window) !== undefined;
    const rows = isBroad
      ? broad(query, params, limit)
      : ranked.all({ ...params, limit, open: matchStart, close: matchEnd });
    return rows.map((row) => ({
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
