import type Database from 'better-sqlite3';
import type { SearchHit, SearchOptions, SnippetSegment } from './history-types';
import { parseSearchQuery } from './search-query';
import { foldForSearch } from './window-ranker';

/**
 * The copy of a title that title search matches (`title_search`, written with
 * every title and by migration 5), and the form a query's words take to match
 * it: folded as message search folds text.
 */
export function titleSearchOf(text: string): string {
  return foldForSearch(text);
}

/**
 * Conversations whose title holds every word of a query, newest first. A
 * title is often the only place a word is (a conversation renamed "Tax
 * return 2026"), and message search never looks there. Titles are short and
 * a history has thousands of them, not hundreds of thousands, so they are
 * matched by substring over their folded copy (`title_search`, migration 5):
 * any part of a word, in any script, with case and Latin accents folded as
 * message search folds them.
 */
export function createTitleSearch(db: Database.Database) {
  type Row = { id: string; title: string; updated_at: number };
  // One statement per number of words (a query has at most 16): bound as parameters, the
  // words cost half what one JSON list read back for each of 10,000 titles did (1 ms a query).
  const statements = new Map<number, Database.Statement<unknown[], Row>>();
  const matching = (count: number): Database.Statement<unknown[], Row> => {
    let statement = statements.get(count);
    if (!statement) {
      const words = Array.from({ length: count }, () => 'instr(c.title_search, ?) > 0');
      statement = db.prepare<unknown[], Row>(
        `SELECT c.id, c.title, c.updated_at FROM conversations AS c
          WHERE c.deleted_at IS NULL AND (c.archived = 0 OR ?) AND ${words.join(' AND ')}
          ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`,
      );
      statements.set(count, statement);
    }
    return statement;
  };

  return function searchTitles(query: string, options: SearchOptions = {}): SearchHit[] {
    const terms = [...new Set(parseSearchQuery(query).map((term) => titleSearchOf(term.text)))];
    if (terms.length === 0) return [];
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 5), 1), 200);
    const archived = (options.includeArchived ?? true) ? 1 : 0;
    const rows = matching(terms.length).all(archived, ...terms, limit);
    return rows.map((row) => ({
      conversationId: row.id,
      messageId: null,
      title: row.title,
      role: null,
      createdAt: row.updated_at,
      snippet: markTerms(row.title, terms),
      score: 0,
    }));
  };
}

/**
 * The title with each folded term's occurrences marked. Folding keeps a
 * title's length in all but rare cases (a letter whose lower case is longer,
 * as İ); then the title is shown whole, unmarked, rather than marked amiss.
 */
export function markTerms(title: string, terms: readonly string[]): SnippetSegment[] {
  const folded = titleSearchOf(title);
  if (folded.length !== title.length) return [{ text: title, match: false }];
  const marked = new Array<boolean>(title.length).fill(false);
  for (const term of terms) {
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1))
      marked.fill(true, at, at + term.length);
  }
  const segments: SnippetSegment[] = [];
  for (let i = 0; i < title.length; i += 1) {
    const match = marked[i] ?? false;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += title[i];
    else segments.push({ text: title[i] ?? '', match });
  }
  return segments;
}
