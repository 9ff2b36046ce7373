import type Database from 'better-sqlite3';
import type { FtsPhrase } from './search-query';
import { foldForSearch, instanceCounter, searchTokens } from './window-ranker';

/**
 * FTS5's bm25(), computed in JS for the matches of a narrow query.
 *
 * bm25() is slowest where a query is narrow but made of common words ("from
 * than the": 34 matches in 500,000 messages, its words in 60,000 to 440,000):
 * before scoring it walks each phrase over the whole index once more to count
 * the rows containing it (the IDF), and ORDER BY rank walks every match again,
 * 10-25 ms a walk. The search has already walked every match once to learn
 * that the query is narrow, so a one-phrase query's count is known; the rest
 * of the formula is FTS5's own statistics (row and token totals, one record;
 * each row's length in tokens, its docsize row), read rather than recomputed,
 * so scores and order are bm25()'s. Only term frequencies are counted here,
 * on the row's text, the way window-ranker.ts counts them; where that
 * tokenizes differently from FTS5 (a few rare letters each folds its own
 * way), the caller is told so.
 */

const k1 = 1.2;
const b = 0.75;

/** The table's row count and total length in tokens, from which bm25() takes N and avgdl. */
export interface FtsTotals {
  rows: number;
  tokens: number;
}

/**
 * Reads the varint at `at` as SQLite writes it (big-endian, 7 bits a byte, the
 * ninth byte whole), which is how FTS5 stores its counts. Arithmetic, not bit
 * operations, so values past 2^31 stay exact.
 */
export function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9; i += 1) {
    const byte = bytes[at + i];
    if (byte === undefined) return { value, next: at + i };
    if (i === 8) return { value: value * 256 + byte, next: at + 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return { value, next: at + 9 };
}

/**
 * FTS5's averages record (row 1 of `<table>_data`): the row count, then the
 * tokens in each column. No record (an empty index) reads as zero.
 */
export function parseTotals(record: Uint8Array | undefined): FtsTotals {
  if (!record || record.length === 0) return { rows: 0, tokens: 0 };
  const rows = readVarint(record, 0);
  return { rows: rows.value, tokens: sumColumns(record, rows.next) };
}

/** A row's length in tokens from its docsize record (one varint per column). */
export function docsizeTokens(record: Uint8Array): number {
  return sumColumns(record, 0);
}

/** The sum of the per-column varints from `at` to the record's end. */
function sumColumns(record: Uint8Array, at: number): number {
  let tokens = 0;
  while (at < record.length) {
    const column = readVarint(record, at);
    tokens += column.value;
    at = column.next;
  }
  return tokens;
}

export function createTotalsReader(db: Database.Database): () => FtsTotals {
  const averages = db.prepare<[], { block: Uint8Array }>(
    `SELECT block FROM message_fts_data WHERE id = 1`,
  );
  return () => parseTotals(averages.get()?.block);
}

export interface Bm25Doc {
  n: number;
  text: string;
  /** Length in tokens from docsize; null if the row has none (counted from the text instead). */
  docsize: Uint8Array | null;
}

/**
 * Scores as bm25() with equal column weights: lower is better. `hits` holds,
 * per phrase, the number of rows in the whole table containing it. The
 * arithmetic follows fts5_aux.c step by step so equal inputs give equal
 * doubles and ties stay ties. Null if a row has no instance of a phrase:
 * every match contains every phrase, so the text was not tokenized as FTS5
 * tokenizes it, and the scores would not be bm25()'s.
 */
export function bm25Scores(
  phrases: readonly FtsPhrase[],
  hits: readonly number[],
  totals: FtsTotals,
  docs: readonly Bm25Doc[],
): Array<{ n: number; score: number }> | null {
  // Zero only if the index disagrees with its matches; FTS5 would divide by zero there.
  const avgdl = totals.rows > 0 && totals.tokens > 0 ? totals.tokens / totals.rows : 1;
  const idf = hits.map((nHit) => {
    const value = Math.log((totals.rows - nHit + 0.5) / (nHit + 0.5));
    return value <= 0 ? 1e-6 : value;
  });
  const counters = phrases.map(instanceCounter);
  const scores: Array<{ n: number; score: number }> = [];
  for (const doc of docs) {
    const folded = foldForSearch(doc.text);
    const length = doc.docsize ? docsizeTokens(doc.docsize) : searchTokens(doc.text).length;
    const norm = k1 * (1 - b + (b * length) / avgdl);
    let score = 0;
    for (const [i, count] of counters.entries()) {
      const tf = count(folded);
      if (tf === 0) return null;
      score += (idf[i] ?? 0) * ((tf * (k1 + 1)) / (tf + norm));
    }
    scores.push({ n: doc.n, score: -1 * score });
  }
  return scores;
}
