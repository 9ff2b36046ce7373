import type { FtsPhrase } from './search-query';

/**
 * Relevance for broad queries, computed in JS over a window of candidates.
 *
 * FTS5's bm25() first counts, for every query term, all documents that
 * contain it (its IDF), which for a word in half of 500,000 messages takes
 * far longer than a keystroke. Within one window every candidate contains
 * every term, so IDF only reweights terms against each other; we drop it and
 * keep BM25's term-frequency saturation and length normalisation, which for
 * a one-word query orders (nearly) as bm25() would.
 */

const k1 = 1.2;
const b = 0.75;

const nonAscii = /[\u0080-\uffff]/;
/**
 * What unicode61 puts in a word: letters, numbers and private-use
 * characters. A combining mark (an accent written apart, a Devanagari or
 * Thai vowel sign) is a separator to it, so it is one here too.
 */
const wordChar = '[\\p{L}\\p{N}\\p{Co}]';
const words = new RegExp(`${wordChar}+`, 'gu');
/**
 * The combining marks unicode61's remove_diacritics 2 takes off a Latin
 * letter written with them as one character (é is e), probed from SQLite's
 * tokenizer over every mark in Unicode.
 */
const diacritics =
  /^[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331]+$/u;
/** A Latin letter outside ASCII: the only letters unicode61 folds to a base letter. */
const accentedLatin = /(?![\p{ASCII}])\p{Script=Latin}/gu;
/** Letters unicode61 folds that toLowerCase leaves as they are. */
const alsoFolded: Readonly<Record<string, string>> = { ς: 'σ', ſ: 's', µ: 'μ' };

function baseLetter(letter: string): string {
  const parts = letter.normalize('NFD');
  return parts.length > 1 && diacritics.test(parts.slice(1)) ? parts.slice(0, 1) : letter;
}

/**
 * Lower case without diacritics, as unicode61 with remove_diacritics 2 sees
 * text. Only Latin letters lose theirs: й and ё stay themselves, as they do
 * in the index.
 */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  if (!nonAscii.test(lower)) return lower;
  return lower
    .replace(accentedLatin, baseLetter)
    .replace(/[ςſµ]/gu, (letter) => alsoFolded[letter] ?? letter);
}

/** Word runs of folded text: the tokens unicode61 would index. */
export function searchTokens(text: string): string[] {
  return foldForSearch(text).match(words) ?? [];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Counts a phrase in folded text as FTS5 counts its instances: its tokens in
 * order, whole words, the last one open if a prefix, and one instance per
 * start position, so "ha ha" is in "ha ha ha" twice. The next search starts
 * after the first token matched, never inside a surrogate pair.
 */
export function instanceCounter(phrase: FtsPhrase): (folded: string) => number {
  const tokens = searchTokens(phrase.text);
  const step = tokens[0]?.length ?? 0;
  if (step === 0) return () => 0;
  const body = tokens.map(escapeRegex).join(`(?:(?!${wordChar}).)+`);
  const end = phrase.prefix ? '' : `(?!${wordChar})`;
  const pattern = new RegExp(`(?<!${wordChar})${body}${end}`, 'gsu');
  return (folded) => {
    let count = 0;
    pattern.lastIndex = 0;
    for (let found = pattern.exec(folded); found !== null; found = pattern.exec(folded)) {
      count += 1;
      pattern.lastIndex = found.index + step;
    }
    return count;
  };
}

export interface WindowCandidate {
  n: number;
  text: string;
}

/**
 * Scores like bm25(): lower is better. Ties keep the newer message first.
 * Document length is measured in characters; only its ratio to the average
 * matters, so that is as good as counting tokens and much cheaper.
 */
export function rankWindow(
  phrases: readonly FtsPhrase[],
  candidates: readonly WindowCandidate[],
  limit: number,
): Array<{ n: number; score: number }> {
  const counters = phrases.map(instanceCounter);
  const docs = candidates.map((candidate) => ({
    n: candidate.n,
    text: foldForSearch(candidate.text),
  }));
  const avgdl = docs.reduce((sum, doc) => sum + doc.text.length, 0) / Math.max(docs.length, 1) || 1;
  return docs
    .map((doc) => {
      let score = 0;
      const norm = k1 * (1 - b + (b * doc.text.length) / avgdl);
      for (const count of counters) {
        const tf = count(doc.text);
        score += (tf * (k1 + 1)) / (tf + norm);
      }
      return { n: doc.n, score: -score };
    })
    .sort((x, y) => x.score - y.score || y.n - x.n)
    .slice(0, limit);
}
